// Issue 14 on a real database: the deal page's action answers a refused form in the page's
// language (ADR 055) — the signed-in user's saved language ("ja"), else the browser's
// Accept-Language (ko-KR), else English, which stays the models' own sentences.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as dealRoute from "~/routes/deals.$dealId.tsx";
import * as loginRoute from "~/routes/login.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { callRoute, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery";
let cookie: string;
let userId: string;

beforeAll(async () => {
  await insertEconomies(db());
  const created = await createUserWithOrganization({
    name: "Aiko Deal",
    email: "aiko.deal@example.com",
    password: PASSWORD,
    organizationName: "Aiko Recycling",
    economyCode: "JP",
    capabilities: ["recycler"],
  });
  userId = created.user.id;
  const login = await callRoute(
    loginRoute.action,
    postRequest("/login", { email: "aiko.deal@example.com", password: PASSWORD }),
  );
  cookie = sessionCookieFrom(login.headers);
});

async function refused(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const dealId = randomUUID();
  const outcome = await callRoute(
    dealRoute.action as never,
    postRequest(`/deals/${dealId}`, fields, { cookie, headers }),
    { dealId },
  );
  return { status: outcome.status, errors: outcome.data.errors as Record<string, string> };
}

describe("the deal page's refusals in the page's language", () => {
  test("a user whose language is Japanese: the weight and the review in Japanese", async () => {
    await db().user.update({ where: { id: userId }, data: { language: "ja" } });
    expect(await refused({ step: "receipt_recorded", kg: "12.5" }, { "Accept-Language": "ko-KR" })).toEqual({
      status: 400,
      errors: { kg: "重量をキログラムの整数で入力してください。" },
    });
    const review = await refused({ intent: "review_write", rating: "", text: "" });
    expect(review.status).toBe(400);
    expect(review.errors).toEqual({
      rating: "1〜5 つ星で評価を選んでください。",
      text: "取引がどうだったか、ひとこと書いてください。",
    });
    expect((await refused({ step: "teleported" })).errors).toEqual({ form: "不明なステップです。" });
  });

  test("no saved language: the browser's Korean, else the models' English", async () => {
    await db().user.update({ where: { id: userId }, data: { language: null } });
    expect(
      (await refused({ step: "final_figures_recorded", kg: "-3" }, { "Accept-Language": "ko-KR" })).errors,
    ).toEqual({ kg: "중량을 킬로그램 단위의 정수로 입력하세요." });
    expect((await refused({ step: "final_figures_recorded", kg: "-3" })).errors).toEqual({
      kg: "Enter the weight as a whole number of kilograms.",
    });
    expect((await refused({ intent: "review_write", rating: "9", text: "Fine." })).errors).toEqual({
      rating: "Choose a rating of 1 to 5 stars.",
    });
  });
});
