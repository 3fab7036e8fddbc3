// POST /api/v1/quotes on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// the marketplace's active facilities or inline ones, feasible first and best first, the issue's
// answer shape, and every kind of bad input answered with a problem naming its field, never a 500.
import { beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { QUOTES_PER_MINUTE } from "~/api/rate-limits.server.ts";
import { type Month, monthStart } from "~/domain/capacity.ts";
import { type FacilityProfile, validateFacilityProfile } from "~/domain/facility-input.ts";
import { createFacility } from "~/models/facility.server.ts";
import { forgetMarketplaceCache } from "~/models/matching.server.ts";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { action } from "~/routes/api.v1.quotes.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { facility as inlineFacility, koreanFacility } from "../fixtures/matching.ts";
import { ORIGIN } from "../fixtures/routes.ts";

const ids = new Map<string, string>();
let addressCounter = 0;

function profile(overrides: Record<string, string | string[]>): FacilityProfile {
  const result = validateFacilityProfile(facilityFields(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.profile;
}

/** A quote request; each from a fresh address unless one is given, so the limit stays out of the way. */
function quoteRequest(
  body: unknown,
  address = `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`,
) {
  return new Request(new URL("/api/v1/quotes", ORIGIN), {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-packloop-client-ip": address },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function quote(body: unknown, address?: string) {
  const response = (await action({
    request: quoteRequest(body, address),
    params: {},
    context: { cspNonce: "" },
  })) as Response;
  return { status: response.status, type: response.headers.get("Content-Type"), body: await response.json() };
}

const LOT = {
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  massKg: 12_500,
  stateOfHealthPct: 62,
  location: { lat: -37.81, lng: 144.96 },
  economy: "AU",
};

async function addWindow(facilityId: string, month: string, kg: number, priceMinor: number) {
  await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(month as Month),
      capacityKg: kg,
      priceMinorPerTonne: BigInt(priceMinor),
      currency: "USD",
      priceKind: "payable",
      acceptedChemistries: [],
    },
  });
}

beforeAll(async () => {
  await insertEconomies(db());
  const owner = await accountWith(["recycler"]);
  const near = await createFacility(owner.organizationId, profile({ name: "Geelong Shredder" }));
  const far = await createFacility(
    owner.organizationId,
    profile({ name: "Brisbane Recovery", lat: "-27.47", lng: "153.03", economy: "AU" }),
  );
  const blackMassOnly = await createFacility(
    owner.organizationId,
    profile({
      name: "Ulsan Hydromet",
      lat: "35.54",
      lng: "129.31",
      economy: "KR",
      acceptedForms: ["black_mass"],
    }),
  );
  const inactive = await createFacility(owner.organizationId, profile({ name: "Closed Depot" }));
  await db().facility.update({ where: { id: inactive.id }, data: { active: false } });
  await addWindow(near.id, monthFromNow(1), 500_000, 250_000);
  await addWindow(far.id, monthFromNow(1), 500_000, 250_000);
  await addWindow(blackMassOnly.id, monthFromNow(1), 500_000, 250_000);
  await addWindow(inactive.id, monthFromNow(1), 500_000, 900_000);
  for (const [name, f] of [
    ["near", near],
    ["far", far],
    ["blackMassOnly", blackMassOnly],
    ["inactive", inactive],
  ] as const)
    ids.set(name, f.id);
  forgetMarketplaceCache();
});

describe("POST /api/v1/quotes against the marketplace", () => {
  test("ranks the active facilities, feasible first and best first, in the issue's shape", async () => {
    const { status, body } = await quote({ lot: LOT });
    expect(status).toBe(200);
    const matches = body.matches as Record<string, unknown>[];
    expect(matches.map((m) => m.facilityId)).toEqual([
      ids.get("near"),
      ids.get("far"),
      ids.get("blackMassOnly"),
    ]);
    expect(matches.map((m) => m.feasible)).toEqual([true, true, false]);
    const best = matches[0] as {
      score: number;
      netValue: { amountMinor: number; currency: string };
      transport: {
        distanceKm: number;
        legs: { mode: string; from: unknown; to: unknown; distanceKm: number }[];
      };
      unNumber: string;
      documents: string[];
      blockers: unknown[];
    };
    expect(Object.keys(best).sort()).toEqual(
      [
        "blockers",
        "documents",
        "facilityId",
        "feasible",
        "netValue",
        "packingInstruction",
        "score",
        "transport",
        "unNumber",
      ].sort(),
    );
    expect(best.score).toBe(1);
    expect(best.blockers).toEqual([]);
    expect(best.netValue.currency).toBe("USD");
    // 12.5 t at 2,500 USD/t payable, less the road freight from Melbourne.
    expect(best.netValue.amountMinor).toBeLessThan(3_125_000);
    expect(best.netValue.amountMinor).toBeGreaterThan(2_500_000);
    expect(best.transport.legs[0].mode).toBe("road");
    expect(best.unNumber).toBe("UN3480");
    expect(best.documents).toContain("DANGEROUS_GOODS_DECLARATION");
    expect((matches[1].netValue as { amountMinor: number }).amountMinor).toBeLessThan(
      best.netValue.amountMinor,
    );
    expect(matches[2]).toMatchObject({
      score: null,
      netValue: null,
      blockers: [{ code: "FORM_NOT_ACCEPTED" }],
    });
    expect(matches.some((m) => m.facilityId === ids.get("inactive"))).toBe(false);
  });

  test("weights steer the order among feasible facilities", async () => {
    const byValue = await quote({ lot: LOT, weights: { netValue: 1, co2: 0, transitTime: 0 } });
    expect(byValue.body.matches[0].facilityId).toBe(ids.get("near"));
    expect(byValue.body.matches[1].score).toBe(0);
  });
});

describe("POST /api/v1/quotes with inline facilities", () => {
  test("quotes only the facilities sent, with their blockers", async () => {
    const facilities = [
      koreanFacility({
        capacity: [
          {
            month: monthFromNow(1),
            tonnes: 100,
            pricePerTonne: { amountMinor: 300_000, currency: "USD" },
            priceKind: "payable",
          },
        ],
      }),
      inlineFacility({
        capacity: [
          {
            month: monthFromNow(1),
            tonnes: 100,
            pricePerTonne: { amountMinor: 200_000, currency: "USD" },
            priceKind: "payable",
          },
        ],
      }),
      inlineFacility({ id: "empty", name: "No Capacity", capacity: [] }),
    ];
    const { status, body } = await quote({ lot: LOT, facilities });
    expect(status).toBe(200);
    const matches = body.matches as {
      facilityId: string;
      feasible: boolean;
      blockers: { code: string; message: string }[];
      transport: { legs: { mode: string }[] } | null;
    }[];
    expect(matches.map((m) => m.facilityId).sort()).toEqual(["empty", "geelong", "ulsan"]);
    const firstInfeasible = matches.findIndex((m) => !m.feasible);
    expect(matches.slice(firstInfeasible).every((m) => !m.feasible)).toBe(true);
    const empty = matches.find((m) => m.facilityId === "empty");
    expect(empty?.blockers.map((b) => b.code)).toEqual(["INSUFFICIENT_CAPACITY"]);
    expect(empty?.blockers[0].message).toMatch(/No Capacity/);
    const ulsan = matches.find((m) => m.facilityId === "ulsan");
    if (ulsan?.feasible) expect(ulsan.transport?.legs.map((l) => l.mode)).toContain("sea");
  });

  test(`accepts ${500} facilities and refuses ${501} with TOO_MANY_FACILITIES`, async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => inlineFacility({ id: `f${i}`, capacity: [] }));
    expect((await quote({ lot: LOT, facilities: many(500) })).status).toBe(200);
    const refused = await quote({ lot: LOT, facilities: many(501) });
    expect(refused.status).toBe(413);
    expect(refused.type).toContain("application/problem+json");
    expect(refused.body.code).toBe("TOO_MANY_FACILITIES");
    expect(refused.body.detail).toMatch(/500/);
  });
});

describe("POST /api/v1/quotes refuses bad input, naming the field", () => {
  const withLot = (overrides: Record<string, unknown>) => ({ lot: { ...LOT, ...overrides } });
  const { massKg: _mass, ...lotWithoutMass } = LOT;
  const oneFacility = (overrides: Record<string, unknown>) => ({
    lot: LOT,
    facilities: [{ ...inlineFacility(), ...overrides }],
  });
  test.each([
    ["unknown chemistry", withLot({ chemistry: "NMC999" }), "lot.chemistry"],
    ["unknown form", withLot({ form: "crate" }), "lot.form"],
    ["unknown condition", withLot({ condition: "burnt" }), "lot.condition"],
    ["unknown economy", withLot({ economy: "DE" }), "lot.economy"],
    ["missing mass", { lot: lotWithoutMass }, "lot.massKg"],
    ["fractional mass", withLot({ massKg: 12.5 }), "lot.massKg"],
    ["latitude out of range", withLot({ location: { lat: 91, lng: 0 } }), "lot.location.lat"],
    ["longitude out of range", withLot({ location: { lat: 0, lng: 181 } }), "lot.location.lng"],
    ["state of health over 100", withLot({ stateOfHealthPct: 120 }), "lot.stateOfHealthPct"],
    ["bad date", withLot({ availableFrom: "1/12/2026" }), "lot.availableFrom"],
    ["unknown lot field", withLot({ colour: "blue" }), "lot.colour"],
    ["unknown top-level field", { lot: LOT, extra: 1 }, "extra"],
    ["missing lot", {}, "lot"],
    ["empty facility list", { lot: LOT, facilities: [] }, "facilities"],
    [
      "negative price",
      oneFacility({
        capacity: [
          {
            month: "2027-01",
            tonnes: 5,
            pricePerTonne: { amountMinor: -1, currency: "USD" },
            priceKind: "payable",
          },
        ],
      }),
      "facilities[0].capacity[0].pricePerTonne.amountMinor",
    ],
    [
      "unknown facility chemistry",
      oneFacility({ acceptedChemistries: ["NMC811", "XYZ"] }),
      "facilities[0].acceptedChemistries[1]",
    ],
    [
      "facility coordinates out of range",
      oneFacility({ location: { lat: 0, lng: -200 } }),
      "facilities[0].location.lng",
    ],
    [
      "unsupported currency",
      oneFacility({
        capacity: [
          {
            month: "2027-01",
            tonnes: 5,
            pricePerTonne: { amountMinor: 1, currency: "XXX" },
            priceKind: "payable",
          },
        ],
      }),
      "facilities[0].capacity[0].pricePerTonne.currency",
    ],
    ["negative weight", { lot: LOT, weights: { co2: -1 } }, "weights.co2"],
    ["all weights zero", { lot: LOT, weights: { netValue: 0, co2: 0, transitTime: 0 } }, "weights"],
  ])("%s", async (_name, body, field) => {
    const { status, type, body: answer } = await quote(body);
    expect(status).toBe(400);
    expect(type).toContain("application/problem+json");
    expect(answer.code).toBe("VALIDATION_FAILED");
    expect(answer.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  test("a body that is not JSON is a 400, not a 500", async () => {
    const { status, body } = await quote("{ not json");
    expect(status).toBe(400);
    expect(body.code).toBe("INVALID_JSON");
  });
});

describe("POST /api/v1/quotes rate limit", () => {
  test(`allows ${QUOTES_PER_MINUTE} quotes a minute from one address, then answers 429`, async () => {
    // The test setup turns rate limits off for every other test; this one turns its own back on.
    const before = process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_DISABLED = "false";
    onTestFinished(() => {
      process.env.RATE_LIMIT_DISABLED = before;
    });
    const bad = { lot: {} };
    for (let i = 0; i < QUOTES_PER_MINUTE; i++) expect((await quote(bad, "192.0.2.7")).status).toBe(400);
    const refused = await quote(bad, "192.0.2.7");
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("RATE_LIMITED");
    // Another address is not affected.
    expect((await quote(bad, "192.0.2.8")).status).toBe(400);
  });
});

describe("OpenAPI", () => {
  test("documents POST /api/v1/quotes without credentials", async () => {
    const response = (await openApiLoader({
      request: new Request(`${ORIGIN}/api/v1/openapi.json`),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    const document = await response.json();
    expect(document.paths["/api/v1/quotes"].post.security).toEqual([]);
    expect(document.components.schemas.QuoteMatch.required).toContain("facilityId");
  });
});
