// "List from a battery passport" on /lots/new: an uploaded passport pre-fills the listing form's
// fields and saves nothing; what does not fit comes back as errors beside the fields or as the
// form's message; buyers cannot use it.
import { beforeAll, describe, expect, test } from "vitest";
import * as newRoute from "~/routes/lots.new.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { multipartRequest } from "../fixtures/lots.ts";
import { callRoute } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let buyer: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"], "KR");
});

const PASSPORT = {
  specVersion: "urn:io.catenax.battery.battery_pass:6.1.0",
  identification: {
    category: "EV",
    chemistry: "Nickel Manganese Cobalt (NMC811)",
    identification: { type: { manufacturerPartId: "P-1", nameAtManufacturer: "Kona 64 kWh pack" } },
  },
  characteristics: { physicalDimension: { weight: { value: 450_000, unit: "unit:gram" } } },
  performance: {
    rated: { energy: { value: 64 } },
    dynamic: { capacity: { fade: { value: 22, time: "2026-11-01T00:00:00Z" } } },
  },
  sustainability: { status: "waste" },
};

function upload(account: Account, json: unknown, name = "kona.json") {
  const bytes = new TextEncoder().encode(typeof json === "string" ? json : JSON.stringify(json));
  return callRoute(
    newRoute.action,
    multipartRequest(
      "/lots/new",
      { intent: "passport" },
      [{ field: "passport", name, type: "application/json", bytes }],
      account.cookie,
    ),
  );
}

describe("List from a battery passport", () => {
  test("pre-fills the form's fields and saves nothing", async () => {
    const before = await db().lot.count();
    const outcome = await upload(seller, PASSPORT);
    expect(outcome.status).toBe(200);
    expect(outcome.data.values).toEqual({
      chemistry: "NMC811",
      form: "pack",
      count: "1",
      massKg: "450",
      energyKwh: "64",
      stateOfHealthPct: "78",
      title: "Kona 64 kWh pack",
    });
    expect(outcome.data.errors).toEqual({});
    expect(outcome.data.passport).toEqual({ fileName: "kona.json", status: "waste" });
    expect(await db().lot.count()).toBe(before);
  });

  test("names the fields that do not fit, and says why the rest was refused", async () => {
    const outcome = await upload(seller, {
      ...PASSPORT,
      identification: { chemistry: "Nickel Cobalt Manganese (NCM)" },
      sustainability: { status: "original" },
    });
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object)).toEqual(["chemistry"]);
    expect(outcome.data.formError).toMatch(/original/);
    expect((outcome.data.values as Record<string, string>).massKg).toBe("450");
  });

  test("a file that is not JSON is the form's message", async () => {
    const outcome = await upload(seller, "{not json");
    expect(outcome.status).toBe(400);
    expect(outcome.data.formError).toBe("The file is not JSON.");
  });

  test("buyers without the seller capability cannot use it", async () => {
    const outcome = await upload(buyer, PASSPORT);
    expect(outcome.thrown).toBe(true);
    expect(outcome.status).toBe(403);
  });
});
