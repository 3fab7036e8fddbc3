// POST /api/v1/allocation-plans and the /plan page's loader on a real database (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set): a small instance whose optimum is known, the
// marketplace's own lots and facilities, field-by-field validation, the size caps, the busy answer
// while another plan holds the solver, and the per-organisation rate limit.
import { beforeAll, describe, expect, test } from "vitest";
import { openApiDocument } from "~/api/openapi/document.ts";
import { monthOf, monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { rankFacilities } from "~/domain/matching/ranking.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { forgetCachedPlan, withPlanSlot } from "~/models/allocation-plan.server.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { action } from "~/routes/api.v1.allocation-plans.ts";
import { action as planAction, loader as planLoader } from "~/routes/plan.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { freezeDateForThisFile } from "../fixtures/frozen-date.ts";
import { facility, lot } from "../fixtures/matching.ts";
import { callRoute, getRequest, ORIGIN } from "../fixtures/routes.ts";

let token: string;
let cookie: string | null;
let dbLotId: string;
let dbFacilityId: string;

// This month's capacity window below, and the loaders' own clock, must agree.
freezeDateForThisFile();

const today = new Date().toISOString().slice(0, 10);
const thisMonth = monthOf(new Date());

function post(body: unknown, bearer: string | null = token): Request {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return new Request(`${ORIGIN}/api/v1/allocation-plans`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
}

async function call(request: Request) {
  const response = await action({ request, params: {}, context: { cspNonce: "" } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function fields(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field).sort();
}

// Melbourne and Sydney each offer 50 t; Geelong, next to Melbourne, has room for 50 t only.
const near: MatchLot = lot({ id: "near", massKg: 50_000, availableFrom: today });
const far: MatchLot = lot({
  id: "far",
  massKg: 50_000,
  availableFrom: today,
  location: { lat: -33.87, lng: 151.21 },
});
const lfp: MatchLot = lot({ id: "lfp", chemistry: "LFP", massKg: 8_000, availableFrom: today });
const geelong: MatchFacility = facility({
  acceptedChemistries: ["NMC811"],
  capacity: [
    {
      month: thisMonth,
      tonnes: 50,
      bookedTonnes: 0,
      pricePerTonne: { amountMinor: 200_000, currency: "USD" },
      priceKind: "payable",
    },
  ],
});

beforeAll(async () => {
  await insertEconomies(db());
  const owner = await accountWith(["seller", "recycler"]);
  cookie = owner.cookie;
  token = (
    await createApiToken({ organizationId: owner.organizationId, createdById: owner.userId, name: "t" })
  ).token;
  const profile = validateFacilityProfile(
    facilityFields({ name: "Corio Recovery", acceptedChemistries: ["NMC811"], acceptedForms: ["pack"] }),
  );
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  dbFacilityId = (await createFacility(owner.organizationId, profile.profile)).id;
  await db().capacityWindow.create({
    data: {
      facilityId: dbFacilityId,
      month: monthStart(thisMonth),
      capacityKg: 30_000,
      priceMinorPerTonne: 150_000n,
      currency: "USD",
      priceKind: "payable",
    },
  });
  const base = {
    organizationId: owner.organizationId,
    chemistry: "NMC811" as const,
    form: "pack" as const,
    condition: "intact" as const,
    count: 10,
    lat: -37.81,
    lng: 144.96,
    economyCode: "AU",
    availableFrom: new Date(`${today}T00:00:00.000Z`),
    saleMode: "fixed" as const,
    currency: "USD",
    askingPriceMinor: 100_000n,
  };
  dbLotId = (
    await db().lot.create({ data: { ...base, title: "Open packs", massKg: 12_000, status: "open" } })
  ).id;
  // A draft is private: the plan must not see it.
  await db().lot.create({ data: { ...base, title: "Draft packs", massKg: 9_000, status: "draft" } });
});

describe("POST /api/v1/allocation-plans", () => {
  test("a small instance: the nearer lot takes the scarce window, the others stay with their reasons", async () => {
    const { status, body } = await call(post({ lots: [far, near, lfp], facilities: [geelong] }));
    expect(status).toBe(200);
    expect(body.assignments).toHaveLength(1);
    const [assignment] = body.assignments;
    expect(assignment).toMatchObject({ lotId: "near", facilityId: "geelong", month: thisMonth, tonnes: 50 });
    // The plan's net value is the quote's for the same pair: posted price minus freight.
    const quote = rankFacilities(near, [geelong], { today });
    if (!quote.ok) throw new Error("quote failed");
    expect(assignment.netValue).toEqual(quote.matches[0].netValue);
    expect(body.unassigned.map((u: { lotId: string; reason: string }) => [u.lotId, u.reason]).sort()).toEqual(
      [
        ["far", "CAPACITY_TAKEN"],
        ["lfp", "NO_FEASIBLE_FACILITY"],
      ],
    );
    expect(body.unassigned.find((u: { lotId: string }) => u.lotId === "lfp").message).toMatch(/chemistry/);
    expect(body.totals).toMatchObject({
      lots: 3,
      assignedLots: 1,
      tonnes: 50,
      netValue: assignment.netValue,
    });
    expect(body.totals.byEconomyPair).toEqual([
      expect.objectContaining({ from: "AU", to: "AU", tonnes: 50 }),
    ]);
    expect(body.utilisation).toEqual([
      expect.objectContaining({ facilityId: "geelong", capacityTonnes: 50, plannedTonnes: 50 }),
    ]);
  });

  test("a gate fee that costs the seller more than leaving the lot stays unassigned", async () => {
    const gateFee = facility({
      capacity: [{ ...geelong.capacity[0], tonnes: 500, priceKind: "gate_fee" }],
    });
    const { status, body } = await call(post({ lots: [near], facilities: [gateFee] }));
    expect(status).toBe(200);
    expect(body.assignments).toEqual([]);
    expect(body.unassigned).toEqual([
      expect.objectContaining({ lotId: "near", reason: "NO_POSITIVE_VALUE" }),
    ]);
  });

  test("without inline input it plans the marketplace's open lots on its facilities", async () => {
    forgetCachedPlan();
    const { status, body } = await call(post({}));
    expect(status).toBe(200);
    expect(body.totals.lots).toBe(1);
    expect(body.assignments).toEqual([
      expect.objectContaining({ lotId: dbLotId, facilityId: dbFacilityId, tonnes: 12 }),
    ]);
    // Inline lots on the marketplace's facilities.
    const mixed = await call(post({ lots: [near] }));
    expect(mixed.status).toBe(200);
    expect(mixed.body.unassigned).toEqual([
      expect.objectContaining({ lotId: "near", reason: "NO_FEASIBLE_FACILITY" }),
    ]);
  });

  test("a session cookie works too; no credentials is a 401", async () => {
    const request = new Request(`${ORIGIN}/api/v1/allocation-plans`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie ?? "" },
      body: JSON.stringify({ lots: [near], facilities: [geelong] }),
    });
    expect((await call(request)).status).toBe(200);
    const anonymous = await call(post({ lots: [near], facilities: [geelong] }, null));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("UNAUTHENTICATED");
  });

  test("bad input names every field and solves nothing", async () => {
    const { status, body } = await call(
      post({
        lots: [
          { ...near, massKg: -5, chemistry: "NMC999", colour: "red" },
          { ...far, id: "near", location: { lat: 95, lng: 151 } },
        ],
        facilities: [
          {
            ...geelong,
            holdsImportConsent: "yes",
            capacity: [{ ...geelong.capacity[0], pricePerTonne: { amountMinor: -1, currency: "USD" } }],
          },
        ],
      }),
    );
    expect(status).toBe(400);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(fields(body)).toEqual([
      "facilities[0].capacity[0].pricePerTonne.amountMinor",
      "facilities[0].holdsImportConsent",
      "lots[0].chemistry",
      "lots[0].colour",
      "lots[0].massKg",
      "lots[1].location.lat",
    ]);
    const duplicate = await call(post({ lots: [near, { ...far, id: "near" }], facilities: [geelong] }));
    expect(duplicate.status).toBe(400);
    expect(fields(duplicate.body)).toEqual(["lots[1].id"]);
    const empty = await call(post({ lots: [], facilities: [geelong], extra: 1 }));
    expect(fields(empty.body)).toEqual(["extra", "lots"]);
    const currency = await call(
      post({ lots: [near], facilities: [geelong], co2PricePerTonne: { amountMinor: 5000, currency: "EUR" } }),
    );
    expect(currency.status).toBe(400);
    expect(fields(currency.body)).toEqual(["co2PricePerTonne"]);
    const notJson = await call(
      new Request(`${ORIGIN}/api/v1/allocation-plans`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: "{lots:",
      }),
    );
    expect(notJson.body.code).toBe("INVALID_JSON");
  });

  test("caps: more than 2,000 lots or 500 facilities is refused with its own code", async () => {
    const lots = await call(
      post({ lots: Array.from({ length: 2001 }, (_, i) => ({ ...near, id: `l${i}` })) }),
    );
    expect(lots.status).toBe(413);
    expect(lots.body).toMatchObject({ code: "TOO_MANY_LOTS", errors: [{ field: "lots" }] });
    expect(lots.body.title).toMatch(/2,000/);
    const facilities = await call(
      post({
        lots: [near],
        facilities: Array.from({ length: 501 }, (_, i) => ({ ...geelong, id: `f${i}` })),
      }),
    );
    expect(facilities.status).toBe(413);
    expect(facilities.body).toMatchObject({ code: "TOO_MANY_FACILITIES", errors: [{ field: "facilities" }] });
  });

  test("while another plan is solving the answer is 503 with Retry-After", async () => {
    const answer = await withPlanSlot(() => call(post({ lots: [near], facilities: [geelong] })));
    if ("code" in answer) throw new Error("the slot was already taken");
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBe("5");
    expect(answer.body.code).toBe("PLAN_SOLVER_BUSY");
    // Once the slot is free, the same request is solved.
    expect((await call(post({ lots: [near], facilities: [geelong] }))).status).toBe(200);
  });

  test("an unverified organisation may ask for two plans a minute, a verified one six", async () => {
    const other = await accountWith(["buyer"]);
    const otherToken = (
      await createApiToken({ organizationId: other.organizationId, createdById: other.userId, name: "t" })
    ).token;
    const previous = process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_DISABLED = "false";
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await call(post({ lots: [near], facilities: [geelong] }, otherToken))).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await call(post({ lots: [near], facilities: [geelong] }, otherToken));
      expect(limited.body.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);

      const verified = await accountWith(["buyer"]);
      await db().organization.update({
        where: { id: verified.organizationId },
        data: { verificationStatus: "verified" },
      });
      const verifiedToken = (
        await createApiToken({
          organizationId: verified.organizationId,
          createdById: verified.userId,
          name: "t",
        })
      ).token;
      const verifiedStatuses: number[] = [];
      for (let i = 0; i < 7; i++)
        verifiedStatuses.push(
          (await call(post({ lots: [near], facilities: [geelong] }, verifiedToken))).status,
        );
      expect(verifiedStatuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    } finally {
      process.env.RATE_LIMIT_DISABLED = previous;
    }
  });
});

test("the OpenAPI document describes the endpoint and its caps", () => {
  const document = openApiDocument(ORIGIN);
  const post = (document.paths as Record<string, { post?: { description?: string } }>)[
    "/api/v1/allocation-plans"
  ]?.post;
  expect(post?.description).toMatch(/2000 inline lots/);
  expect(Object.keys(document.components.schemas)).toEqual(
    expect.arrayContaining(["AllocationPlan", "PlanLot"]),
  );
});

describe("/plan", () => {
  test("the page's loader solves the marketplace and keeps the plan for a minute", async () => {
    forgetCachedPlan();
    const first = await callRoute(planLoader, getRequest("/plan", { cookie }));
    expect(first.status).toBe(200);
    const data = first.data as { plan: { totals: { tonnes: number } }; fromCache: boolean; flows: unknown[] };
    expect(data.plan.totals.tonnes).toBe(12);
    expect(data.fromCache).toBe(false);
    const second = await callRoute(planLoader, getRequest("/plan", { cookie }));
    expect((second.data as { fromCache: boolean }).fromCache).toBe(true);
  });

  test("Recompute solves again, within the organisation's plan limit", async () => {
    const previous = process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_DISABLED = "false";
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const outcome = await callRoute(
          planAction,
          new Request(`${ORIGIN}/plan`, { method: "POST", headers: { Cookie: cookie ?? "" } }),
        );
        statuses.push(outcome.status);
        if (i === 0) expect((outcome.data as { fromCache: boolean }).fromCache).toBe(false);
      }
      // The page's organisation is unverified: two a minute, shared with its API calls.
      expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 429]);
    } finally {
      process.env.RATE_LIMIT_DISABLED = previous;
    }
  });

  test("logged-out visitors are sent to log in", async () => {
    const outcome = await callRoute(planLoader, getRequest("/plan"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login/);
  });
});
