// Reference prices: platform admins add quotes on /admin/prices; the newest quote per metal (by
// as-of date) replaces the shipped default in lot value estimates; nobody else can add one.
import { beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_REFERENCE_PRICES } from "~/domain/reference-prices.ts";
import { currentReferencePrices } from "~/models/reference-price.server.ts";
import * as pricesRoute from "~/routes/admin.prices.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let admin: Account;
let seller: Account;

beforeAll(async () => {
  await insertEconomies(db());
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  seller = await accountWith(["seller"]);
});

const nickel = (overrides: Record<string, string> = {}) => ({
  metal: "Ni",
  commodity: "Nickel, LME cash",
  unit: "per_tonne_metal",
  price: "15,900.00",
  compoundPerMetal: "",
  asOf: "2026-02-02",
  sourceUrl: "https://example.com/lme-nickel",
  note: "",
  ...overrides,
});

describe("/admin/prices", () => {
  test("with no rows, every metal uses the shipped default", async () => {
    const { prices, fromDatabase } = await currentReferencePrices();
    expect(fromDatabase).toEqual([]);
    expect(prices.map((p) => p.priceMinorPerTonne).sort()).toEqual(
      DEFAULT_REFERENCE_PRICES.map((p) => p.priceMinorPerTonne).sort(),
    );
  });

  test("an admin adds a quote; the newest by as-of date applies, the history stays", async () => {
    const saved = await callRoute(
      pricesRoute.action,
      postRequest("/admin/prices", nickel(), { cookie: admin.cookie }),
    );
    expect(saved.data.saved).toMatch(/Nickel price as of 2026-02-02 saved/);
    const older = await callRoute(
      pricesRoute.action,
      postRequest("/admin/prices", nickel({ price: "14,000", asOf: "2025-06-01" }), { cookie: admin.cookie }),
    );
    expect(older.status).toBe(200);
    const { prices, fromDatabase } = await currentReferencePrices();
    expect(fromDatabase).toEqual(["Ni"]);
    expect(prices.find((p) => p.metal === "Ni")).toMatchObject({
      priceMinorPerTonne: 1_590_000,
      asOf: "2026-02-02",
    });
    const page = await callRoute(pricesRoute.loader, getRequest("/admin/prices", { cookie: admin.cookie }));
    expect((page.data.history as unknown[]).length).toBe(2);
  });

  test("a compound quote stores its factor", async () => {
    await callRoute(
      pricesRoute.action,
      postRequest(
        "/admin/prices",
        nickel({
          metal: "Li",
          commodity: "Lithium carbonate",
          unit: "per_tonne_compound",
          compoundPerMetal: "5.32",
          price: "10,000",
        }),
        { cookie: admin.cookie },
      ),
    );
    const { prices } = await currentReferencePrices();
    expect(prices.find((p) => p.metal === "Li")).toMatchObject({
      compoundPerMetalMilli: 5320,
      priceMinorPerTonne: 1_000_000,
    });
  });

  test.each([
    ["price", { price: "-5" }],
    ["price", { price: "abc" }],
    ["metal", { metal: "Au" }],
    ["sourceUrl", { sourceUrl: "not a url" }],
    ["asOf", { asOf: "2999-01-01" }],
    ["compoundPerMetal", { unit: "per_tonne_compound", compoundPerMetal: "" }],
  ])("bad %s is refused by name and nothing is written", async (field, change) => {
    const before = await db().referencePrice.count();
    const outcome = await callRoute(
      pricesRoute.action,
      postRequest("/admin/prices", nickel(change), { cookie: admin.cookie }),
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object)).toEqual([field]);
    expect(await db().referencePrice.count()).toBe(before);
  });

  test("only platform admins see or change prices", async () => {
    expect(
      await callRoute(pricesRoute.loader, getRequest("/admin/prices", { cookie: seller.cookie })),
    ).toMatchObject({
      status: 403,
    });
    const before = await db().referencePrice.count();
    const outcome = await callRoute(
      pricesRoute.action,
      postRequest("/admin/prices", nickel(), { cookie: seller.cookie }),
    );
    expect(outcome.status).toBe(403);
    expect(await db().referencePrice.count()).toBe(before);
  });
});
