// Issue 14, the listing form in the page's language (ADR 057): the new and edit pages' actions word
// each field problem from the catalogue in the viewer's language — the saved choice, else
// Accept-Language — while POST /api/v1/lots, which runs the same validation, keeps its English
// sentences and field names whatever the caller's language.
import { beforeAll, describe, expect, test } from "vitest";
import english from "~/i18n/catalogues/en.json";
import es from "~/i18n/catalogues/es.json";
import ja from "~/i18n/catalogues/ja.json";
import ko from "~/i18n/catalogues/ko.json";
import th from "~/i18n/catalogues/th.json";
import * as lotsApiRoute from "~/routes/api.v1.lots.ts";
import * as editRoute from "~/routes/lots.$lotId_.edit.tsx";
import * as importRoute from "~/routes/lots.import.tsx";
import * as newRoute from "~/routes/lots.new.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { lotBody, lotFields, multipartRequest } from "../fixtures/lots.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let spanish: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  spanish = await accountWith(["seller"], "CL");
  await db().user.update({ where: { id: spanish.userId }, data: { language: "es" } });
});

// Four fields wrong at once: a mass below zero, an unknown chemistry, a state of health of 140 %,
// and an auction published without its starting price.
const BAD = { massKg: "-40", chemistry: "NMC999", stateOfHealthPct: "140", startingPrice: "" };

async function postNew(account: Account, headers: Record<string, string> = {}) {
  const outcome = await callRoute(
    newRoute.action,
    postRequest("/lots/new", { ...lotFields(BAD), intent: "publish" }, { cookie: account.cookie, headers }),
  );
  expect(outcome.status).toBe(400);
  return outcome.data.errors as Record<string, string>;
}

describe("the new-lot page words field problems in the page's language", () => {
  test("Accept-Language ja-JP: Japanese sentences from the catalogue, nothing written", async () => {
    const before = await db().lot.count();
    const errors = await postNew(seller, { "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5" });
    const messages = ja.listing.errors;
    expect(errors).toEqual({
      chemistry: messages.chemistry.unknown,
      massKg: messages.massKg.notPositive,
      stateOfHealthPct: messages.stateOfHealthPct.range,
      startingPrice: messages.startingPrice.required,
    });
    expect(errors.stateOfHealthPct).toContain("健全度");
    expect(await db().lot.count()).toBe(before);
  });

  test("a user who chose Spanish gets Spanish, whatever the browser asks for", async () => {
    const errors = await postNew(spanish, { "Accept-Language": "ja-JP" });
    expect(errors.massKg).toBe(es.listing.errors.massKg.notPositive);
    expect(errors.chemistry).toBe(es.listing.errors.chemistry.unknown);
  });

  test("numbers and the form's label are worded in the language too", async () => {
    const outcome = await callRoute(
      newRoute.action,
      postRequest(
        "/lots/new",
        { ...lotFields({ massKg: "240" }), intent: "draft" },
        { cookie: seller.cookie, headers: { "Accept-Language": "es" } },
      ),
    );
    const errors = outcome.data.errors as Record<string, string>;
    // 240 kg over 24 packs: 10 kg a pack, below a pack's 20 kg; Spanish formats as es-419 ("2,000").
    expect(errors.massKg).toBe(
      "Paquetes de baterías: 10 kg por unidad no es verosímil; cada una pesa 20–2,000 kg. Revisa la masa bruta (kg, todo el lote) y la cantidad.",
    );
  });

  test("without a language preference the page stays English", async () => {
    const errors = await postNew(seller);
    expect(errors.massKg).toBe(english.listing.errors.massKg.notPositive);
    expect(errors.massKg).toBe("The gross mass must be more than 0 kg.");
  });

  test("the edit page words its problems the same way (Korean)", async () => {
    const created = await callRoute(
      newRoute.action,
      postRequest("/lots/new", { ...lotFields(), intent: "draft" }, { cookie: seller.cookie }),
    );
    const lotId = created.location!.split("/").pop()!;
    const outcome = await callRoute(
      editRoute.action,
      postRequest(
        `/lots/${lotId}/edit`,
        { ...lotFields({ count: "2.5" }), intent: "draft" },
        { cookie: seller.cookie, headers: { "Accept-Language": "ko-KR" } },
      ),
      { lotId },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ count: ko.listing.errors.count.notWhole });
  });
});

describe("POST /api/v1/lots keeps English", () => {
  test("the same problems from a Japanese-speaking, Spanish-saving user come back in the API's English", async () => {
    const request = new Request("http://localhost/api/v1/lots", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Cookie: spanish.cookie,
        "Accept-Language": "ja-JP",
      },
      body: JSON.stringify(
        lotBody({ massKg: -40, chemistry: "NMC999", stateOfHealthPct: 140, saleMode: "auction" }),
      ),
    });
    const response = (await lotsApiRoute.action({
      request,
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        {
          field: "chemistry",
          message:
            "Unknown chemistry: use NMC111, NMC532, NMC622, NMC811, NCA, LFP, LMFP, LMO, LCO, SODIUM_ION or MIXED.",
        },
        { field: "massKg", message: "The gross mass must be more than 0 kg." },
        { field: "stateOfHealthPct", message: "The state of health is a percentage from 0 to 100." },
      ]),
    );
  });
});

describe("the import page's own messages", () => {
  test("an upload without a file is refused in Thai for a Thai browser, in English otherwise", async () => {
    const upload = (language?: string) => {
      const request = multipartRequest("/lots/import", { publish: "draft" }, [], seller.cookie);
      if (language) request.headers.set("Accept-Language", language);
      return callRoute(importRoute.action, request);
    };
    const thai = await upload("th-TH");
    expect(thai.status).toBe(400);
    expect((thai.data.errors as Record<string, string>).file).toBe(th.listing.import.errors.chooseFile);
    const plain = await upload();
    expect((plain.data.errors as Record<string, string>).file).toBe("Choose a CSV or XLSX file to import.");
  });
});
