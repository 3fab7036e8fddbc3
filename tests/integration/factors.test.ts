// Logistics and market factors (ADR 010): platform admins add dated, sourced values on
// /admin/factors; the newest value per key replaces the shipped default in quotes at once (the
// factor cache is forgotten on write); bad input is refused by field and nothing is written;
// nobody else can see or add one.
import { beforeAll, describe, expect, test } from "vitest";
import { type Month, monthStart } from "~/domain/capacity.ts";
import { type FacilityProfile, validateFacilityProfile } from "~/domain/facility-input.ts";
import { DEFAULT_FACTORS } from "~/domain/logistics/factors.ts";
import { FREIGHT_RATE_CENTS_PER_1000_TKM } from "~/domain/logistics/plan.ts";
import { solvePlan } from "~/models/allocation-plan.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { currentFactors, factorHistory, forgetFactorCache } from "~/models/factor.server.ts";
import { loadMatchFacilities } from "~/models/lot-matches.server.ts";
import { forgetMarketplaceCache, quoteLotWithBreakdown } from "~/models/matching.server.ts";
import * as factorsRoute from "~/routes/admin.factors.tsx";
import { action as quoteAction } from "~/routes/api.v1.quotes.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest, ORIGIN, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let admin: Account;
let seller: Account;
let facilityId: string;
let addressCounter = 0;

// Melbourne to a shredder near Geelong: one road leg, so the road freight rate alone moves the cost.
const LOT = {
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  massKg: 12_500,
  stateOfHealthPct: 62,
  location: { lat: -37.81, lng: 144.96 },
  economy: "AU",
} as const;

function profile(overrides: Record<string, string | string[]>): FacilityProfile {
  const result = validateFacilityProfile(facilityFields(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.profile;
}

async function quoteTransport() {
  const response = (await quoteAction({
    request: new Request(new URL("/api/v1/quotes", ORIGIN), {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-packloop-client-ip": `10.9.0.${++addressCounter}` },
      body: JSON.stringify({ lot: LOT }),
    }),
    params: {},
    context: { cspNonce: "" },
  })) as Response;
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    matches: { facilityId: string; transport: { cost: { amountMinor: number }; legs: { mode: string }[] } }[];
  };
  const match = body.matches.find((m) => m.facilityId === facilityId);
  if (!match) throw new Error("the facility is not in the quote");
  return match.transport;
}

async function breakdown() {
  const { valuations } = await quoteLotWithBreakdown(LOT, { today: new Date().toISOString().slice(0, 10) });
  const valuation = valuations.get(facilityId);
  if (!valuation) throw new Error("the facility has no valuation");
  return valuation.costBreakdown;
}

const roadRate = (overrides: Record<string, string> = {}) => ({
  key: "freight.road.cents_per_1000_tkm",
  value: String(2 * FREIGHT_RATE_CENTS_PER_1000_TKM.road),
  asOf: "2026-01-15",
  sourceUrl: "https://example.com/atri-2026",
  note: "",
  ...overrides,
});

beforeAll(async () => {
  await insertEconomies(db());
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  seller = await accountWith(["seller"]);
  const owner = await accountWith(["recycler"]);
  const facility = await createFacility(owner.organizationId, profile({ name: "Geelong Shredder" }));
  facilityId = facility.id;
  await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(monthFromNow(1) as Month),
      capacityKg: 500_000,
      priceMinorPerTonne: 250_000n,
      currency: "USD",
      priceKind: "payable",
      acceptedChemistries: [],
    },
  });
  forgetMarketplaceCache();
  forgetFactorCache();
});

describe("/admin/factors", () => {
  test("with no rows every factor is its default, and the page lists the whole catalogue", async () => {
    const current = await currentFactors();
    expect(current.factors).toBe(DEFAULT_FACTORS);
    expect(current.rows.size).toBe(0);
    const page = await callRoute(factorsRoute.loader, getRequest("/admin/factors", { cookie: admin.cookie }));
    expect(page.status).toBe(200);
    const factors = page.data.factors as { key: string; current: unknown; defaultValue: number | null }[];
    expect(factors.find((f) => f.key === "freight.road.cents_per_1000_tkm")).toMatchObject({
      current: null,
      defaultValue: 7000,
    });
    expect(factors.map((f) => f.key)).toContain("fx.KRW_per_USD");
    expect(factors.map((f) => f.key)).toContain("co2.price.usd_cents_per_tonne");
  });

  test("an admin doubles the road freight rate: the quote's transport cost follows at once", async () => {
    const before = await quoteTransport();
    const parts = await breakdown();
    expect(before.legs.map((l) => l.mode)).toEqual(["road"]);
    expect(before.cost.amountMinor).toBe(parts.freight.amountMinor + parts.dangerousGoods.amountMinor);
    expect(parts.freight.amountMinor).toBeGreaterThan(0);

    const saved = await callRoute(
      factorsRoute.action,
      postRequest("/admin/factors", roadRate(), { cookie: admin.cookie }),
    );
    expect(saved.status).toBe(200);
    expect(saved.data.saved).toMatch(/Road freight rate as of 2026-01-15 saved/);

    const after = await quoteTransport();
    const doubled = await breakdown();
    // Freight is rounded once per leg, so doubling the rate doubles it within a cent.
    expect(Math.abs(doubled.freight.amountMinor - 2 * parts.freight.amountMinor)).toBeLessThanOrEqual(1);
    expect(doubled.dangerousGoods).toEqual(parts.dangerousGoods);
    expect(after.cost.amountMinor).toBe(
      before.cost.amountMinor + doubled.freight.amountMinor - parts.freight.amountMinor,
    );
  });

  test("the newest value by as-of date applies; an older one joins the history only", async () => {
    const older = await callRoute(
      factorsRoute.action,
      postRequest("/admin/factors", roadRate({ value: "9,000", asOf: "2025-03-01" }), {
        cookie: admin.cookie,
      }),
    );
    expect(older.status).toBe(200);
    const current = await currentFactors();
    expect(current.factors.logistics.freightCentsPer1000Tkm.road).toBe(14_000);
    expect(current.rows.get("freight.road.cents_per_1000_tkm")).toMatchObject({
      value: 14_000,
      asOf: "2026-01-15",
      unit: "US cents per 1,000 tonne-km",
    });
    expect((await factorHistory("freight.road.cents_per_1000_tkm")).map((h) => h.value)).toEqual([
      14_000, 9_000,
    ]);
    // Untouched factors keep their defaults.
    expect(current.factors.logistics.freightCentsPer1000Tkm.sea).toBe(FREIGHT_RATE_CENTS_PER_1000_TKM.sea);
    expect(current.factors.fxRates).toBe(DEFAULT_FACTORS.fxRates);
  });

  test("an exchange rate Packloop ships without can be added, dated by its own row", async () => {
    const saved = await callRoute(
      factorsRoute.action,
      postRequest(
        "/admin/factors",
        roadRate({
          key: "fx.IDR_per_USD",
          value: "16,250.5",
          asOf: "2026-02-01",
          sourceUrl: "https://example.com/bi",
        }),
        { cookie: admin.cookie },
      ),
    );
    expect(saved.status).toBe(200);
    const { factors } = await currentFactors();
    expect(factors.fxRates.rates.find((r) => r.currency === "IDR")).toEqual({
      currency: "IDR",
      quote: "per_usd",
      rateMicro: 16_250_500_000,
      asOf: "2026-02-01",
      source: "https://example.com/bi",
    });
  });

  test.each([
    ["key", { key: "freight.air.cents_per_1000_tkm" }],
    ["key", { key: "" }],
    ["value", { value: "" }],
    ["value", { value: "abc" }],
    ["value", { value: "70.5" }],
    ["value", { value: "700000" }],
    ["value", { value: "-1" }],
    ["asOf", { asOf: "2999-01-01" }],
    ["asOf", { asOf: "2026-02-30" }],
    ["asOf", { asOf: "" }],
    ["sourceUrl", { sourceUrl: "not a url" }],
    ["sourceUrl", { sourceUrl: "ftp://example.com/rates" }],
    ["sourceUrl", { sourceUrl: "" }],
  ])("bad %s (%j) is refused by name and nothing is written", async (field, change) => {
    const before = await db().factor.count();
    const outcome = await callRoute(
      factorsRoute.action,
      postRequest("/admin/factors", roadRate(change), { cookie: admin.cookie }),
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object)).toEqual([field]);
    expect(await db().factor.count()).toBe(before);
  });

  test("only platform admins see or change factors", async () => {
    const page = await callRoute(
      factorsRoute.loader,
      getRequest("/admin/factors", { cookie: seller.cookie }),
    );
    expect(page.status).toBe(403);
    const before = await db().factor.count();
    const outcome = await callRoute(
      factorsRoute.action,
      postRequest("/admin/factors", roadRate({ value: "1000" }), { cookie: seller.cookie }),
    );
    expect(outcome.status).toBe(403);
    expect(await db().factor.count()).toBe(before);
  });

  test("the allocation plan prices CO2 at the admin's figure unless the caller names one", async () => {
    const facilities = await loadMatchFacilities(new Date());
    const lots = [{ ...LOT, id: "0190f3a0-0000-7000-8000-000000000001" }];
    const today = new Date().toISOString().slice(0, 10);
    const plan = async (options: { co2PricePerTonne?: { amountMinor: number; currency: string } } = {}) => {
      const outcome = await solvePlan(lots, facilities, { today, ...options });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      return outcome.plan.totals;
    };
    const before = await plan();
    expect(before.co2eKg).toBeGreaterThan(0);
    const saved = await callRoute(
      factorsRoute.action,
      postRequest(
        "/admin/factors",
        roadRate({
          key: "co2.price.usd_cents_per_tonne",
          value: "30000",
          sourceUrl: "https://example.com/policy",
        }),
        { cookie: admin.cookie },
      ),
    );
    expect(saved.status).toBe(200);
    const after = await plan();
    expect(after.co2eKg).toBe(before.co2eKg);
    expect(Math.abs(after.co2Cost.amountMinor - 3 * before.co2Cost.amountMinor)).toBeLessThanOrEqual(3);
    const named = await plan({ co2PricePerTonne: { amountMinor: 10_000, currency: "USD" } });
    expect(named.co2Cost).toEqual(before.co2Cost);
  });

  test("a stored row the catalogue refuses is not applied and is reported", async () => {
    await db().factor.create({
      data: {
        key: "emission.road.g_per_tkm",
        value: 5_000,
        unit: "g CO2e per tonne-km (well-to-wheel)",
        asOf: new Date("2026-03-01T00:00:00.000Z"),
        sourceUrl: "https://example.com/typo",
      },
    });
    forgetFactorCache();
    const current = await currentFactors();
    expect(current.factors.logistics.emissionGPerTkm.road).toBe(
      DEFAULT_FACTORS.logistics.emissionGPerTkm.road,
    );
    expect(current.rejected).toEqual([
      { key: "emission.road.g_per_tkm", value: 5_000, problem: "above_max" },
    ]);
  });
});
