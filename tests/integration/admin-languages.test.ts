// Issue 14 on the admin pages, saved searches, notifications and invitations: a refused form comes
// back worded in the page's language (the admin's saved choice, else Accept-Language), the codes and
// field names unchanged and English still the default; the pages' titles follow the root loader's
// language.
import { beforeAll, describe, expect, test } from "vitest";
import * as root from "~/root.tsx";
import * as factorsRoute from "~/routes/admin.factors.tsx";
import * as outboxRoute from "~/routes/admin.outbox.tsx";
import * as priceIndexRoute from "~/routes/admin.price-index.tsx";
import * as pricesRoute from "~/routes/admin.prices.tsx";
import * as invitationRoute from "~/routes/invitations.$token.tsx";
import * as notificationsRoute from "~/routes/notifications.tsx";
import * as searchesRoute from "~/routes/searches.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, ORIGIN, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let admin: Account;
let buyer: Account;

const tooLongBorderWait = {
  key: "border.crossing_days",
  value: "90",
  asOf: "2026-01-10",
  sourceUrl: "https://example.com/border-times",
};

function post(
  route: { action: unknown },
  path: string,
  fields: Record<string, string>,
  account: Account,
  language?: string,
) {
  return callRoute(
    route.action as never,
    postRequest(path, fields, {
      cookie: account.cookie,
      headers: language ? { "Accept-Language": language } : {},
    }),
  );
}

const errorsOf = (outcome: { data: Record<string, unknown> }) =>
  outcome.data.errors as Record<string, string>;

beforeAll(async () => {
  await insertEconomies(db());
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  buyer = await accountWith(["buyer"]);
});

describe("admin forms refused in the page's language", () => {
  test("/admin/factors: English by default, Vietnamese for Accept-Language vi-VN, same field", async () => {
    const english = await post(factorsRoute, "/admin/factors", tooLongBorderWait, admin);
    expect(english.status).toBe(400);
    expect(errorsOf(english)).toEqual({ value: "Enter a value between 0 and 60 days." });

    const vietnamese = await post(factorsRoute, "/admin/factors", tooLongBorderWait, admin, "vi-VN,vi;q=0.9");
    expect(vietnamese.status).toBe(400);
    expect(errorsOf(vietnamese)).toEqual({ value: "Nhập giá trị từ 0 đến 60 ngày." });

    const empty = await post(
      factorsRoute,
      "/admin/factors",
      { key: "", value: "", asOf: "" },
      admin,
      "vi-VN",
    );
    expect(errorsOf(empty)).toMatchObject({
      key: "Chọn một thông số trong danh sách.",
      value: "Nhập giá trị.",
      asOf: "Nhập ngày của giá trị.",
      sourceUrl: "Nhập địa chỉ web của nguồn, bắt đầu bằng https://.",
    });
  });

  test("the admin's saved language outranks the browser's", async () => {
    await db().user.update({ where: { id: admin.userId }, data: { language: "id" } });
    try {
      const outcome = await post(factorsRoute, "/admin/factors", tooLongBorderWait, admin, "ja-JP");
      expect(errorsOf(outcome)).toEqual({ value: "Masukkan nilai antara 0 dan 60 hr." });
      const future = await post(
        pricesRoute,
        "/admin/prices",
        {
          metal: "Ni",
          commodity: "Nickel, LME cash",
          unit: "per_tonne_metal",
          price: "16,250.00",
          asOf: "2999-01-01",
          sourceUrl: "https://example.com/lme",
        },
        admin,
      );
      expect(future.status).toBe(400);
      expect(errorsOf(future)).toEqual({ asOf: "Tanggal kuotasi tidak boleh di masa depan." });
    } finally {
      await db().user.update({ where: { id: admin.userId }, data: { language: null } });
    }
  });

  test("/admin/price-index: week errors in Korean", async () => {
    const outcome = await post(
      priceIndexRoute,
      "/admin/price-index",
      { from: "last week", to: "" },
      admin,
      "ko-KR",
    );
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({
      from: "ISO 주를 입력하세요(예: 2026-W01).",
      to: "ISO 주를 입력하세요(예: 2026-W01).",
    });
  });
});

describe("saved searches and invitations refused in the page's language", () => {
  test("/searches: a nameless search in Spanish, the filters' detail kept", async () => {
    const outcome = await post(
      searchesRoute,
      "/searches",
      { intent: "save", name: " ", query: "chemistry=XYZ" },
      buyer,
      "es-CL",
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.formError).toBe("La búsqueda no se guardó.");
    expect(errorsOf(outcome).name).toBe("El nombre no puede estar vacío.");
    expect(errorsOf(outcome).query).toMatch(/^Los filtros de la búsqueda no son válidos: .*XYZ/);
  });

  test("/invitations/:token: a dead link in Traditional Chinese", async () => {
    const outcome = await callRoute(
      invitationRoute.action as never,
      postRequest(
        "/invitations/nope",
        { name: "A", password: "correct horse battery" },
        { headers: { "Accept-Language": "zh-TW" } },
      ),
      { token: "nope" },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.formError).toBe("此邀請已失效。");
  });
});

describe("page titles follow the root loader's language", () => {
  async function rootMatch(language: string) {
    const request = new Request(new URL("/admin/factors", ORIGIN), {
      headers: { "Accept-Language": language },
    });
    const outcome = await callRoute(root.loader as never, request);
    return [{ id: "root", data: outcome.data }];
  }
  const title = (route: { meta?: unknown }, matches: unknown) =>
    (route.meta as (args: { matches: unknown }) => { title: string }[])({ matches })[0]?.title;

  test.each([
    [
      "en-GB",
      "Logistics and market factors · Packloop",
      "Saved searches · Packloop",
      "Notifications · Packloop",
    ],
    [
      "vi-VN",
      "Thông số logistics và thị trường · Packloop",
      "Tìm kiếm đã lưu · Packloop",
      "Thông báo · Packloop",
    ],
    ["ja-JP", "物流・市場パラメーター · Packloop", "保存した検索 · Packloop", "お知らせ · Packloop"],
  ])("%s", async (language, factors, searches, notifications) => {
    const matches = await rootMatch(language);
    expect(title(factorsRoute, matches)).toBe(factors);
    expect(title(searchesRoute, matches)).toBe(searches);
    expect(title(notificationsRoute, matches)).toBe(notifications);
  });

  test("the other admin pages too (Thai)", async () => {
    const matches = await rootMatch("th-TH");
    expect(title(pricesRoute, matches)).toBe("ราคาอ้างอิง · Packloop");
    expect(title(priceIndexRoute, matches)).toBe("บันทึกดัชนีราคา · Packloop");
    expect(title(outboxRoute, matches)).toBe("กล่องอีเมลขาออก · Packloop");
  });
});
