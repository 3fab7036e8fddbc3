// The JSON API of the "what if" scenarios (ADR 045 over ADR 037) on a real database: the same checks
// as the page with each refused field named (problem+json, nothing written), a saved scenario solved
// beside the live plan (a joint hub places the lot the live plan strands), read back by id by any
// member, listed for its own organisation only — and live data unchanged by any of it.
import { beforeAll, describe, expect, test } from "vitest";
import { monthOf, monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { forgetCachedPlan, marketplacePlan } from "~/models/allocation-plan.server.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { currentFactors } from "~/models/factor.server.ts";
import { loader as oneLoader } from "~/routes/api.v1.scenarios.$scenarioId.ts";
import { action as createAction, loader as listLoader } from "~/routes/api.v1.scenarios.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { freezeDateForThisFile } from "../fixtures/frozen-date.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";

// biome-ignore lint/suspicious/noExplicitAny: the test reads loose JSON answers
type Json = Record<string, any>;
const UNKNOWN = "0190e0a0-0000-7000-8000-000000000000";
// This month's capacity window below, and the loaders' own clock, must agree.
freezeDateForThisFile();

const today = new Date().toISOString().slice(0, 10);
const thisMonth = monthOf(new Date());
let ownerToken: string;
let strangerToken: string;
let ownerOrganizationId: string;

const HUB_SCENARIO = {
  name: "LFP hub in Melbourne",
  changes: [
    {
      kind: "hub",
      port: "AUMEL",
      chemistry: "LFP",
      tonnesPerMonth: 50,
      priceCentsPerTonne: 200_000,
      recoveryPct: 90,
    },
    { kind: "co2_price", centsPerTonne: 15_000 },
  ],
};

async function call(handler: (args: never) => Promise<Response>, request: Request, params = {}) {
  const response = await handler({ request, params, context: {} } as never);
  const type = response.headers.get("Content-Type") ?? "";
  return { status: response.status, type, headers: response.headers, body: (await response.json()) as Json };
}

const post = (body: unknown, token = ownerToken) =>
  call(createAction, jsonRequest("POST", "/api/v1/scenarios", body, { token }));

async function liveSnapshot() {
  const [facilities, windows, factorRows, lots, { factors }] = await Promise.all([
    db().facility.findMany({ orderBy: { id: "asc" } }),
    db().capacityWindow.findMany({ orderBy: { id: "asc" } }),
    db().factor.findMany({ orderBy: { id: "asc" } }),
    db().lot.findMany({ orderBy: { id: "asc" } }),
    currentFactors(),
  ]);
  return { facilities, windows, factorRows, lots, factors: structuredClone(factors) };
}

beforeAll(async () => {
  await insertEconomies(db());
  const owner = await accountWith(["seller", "recycler"]);
  const stranger = await accountWith(["buyer"]);
  ownerOrganizationId = owner.organizationId;
  for (const [account, set] of [
    [owner, (t: string) => (ownerToken = t)],
    [stranger, (t: string) => (strangerToken = t)],
  ] as const)
    set(
      (
        await createApiToken({
          organizationId: account.organizationId,
          createdById: account.userId,
          name: "api",
        })
      ).token,
    );
  const profile = validateFacilityProfile(
    facilityFields({ name: "Corio Recovery", acceptedChemistries: ["NMC811"], acceptedForms: ["pack"] }),
  );
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  const facilityId = (await createFacility(owner.organizationId, profile.profile)).id;
  await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(thisMonth),
      capacityKg: 30_000,
      priceMinorPerTonne: 150_000n,
      currency: "USD",
      priceKind: "payable",
    },
  });
  const base = {
    organizationId: owner.organizationId,
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
    status: "open" as const,
  };
  await db().lot.create({ data: { ...base, chemistry: "NMC811", title: "NMC packs", massKg: 12_000 } });
  // No live facility takes LFP: the live plan strands this lot.
  await db().lot.create({ data: { ...base, chemistry: "LFP", title: "LFP packs", massKg: 8_000 } });
});

describe("/api/v1/scenarios", () => {
  test("refused input names each field as problem+json, and nothing is saved", async () => {
    const bad = await post({
      name: "",
      changes: [
        {
          kind: "hub",
          port: "ZZZZZ",
          chemistry: "LFP",
          tonnesPerMonth: 0,
          priceCentsPerTonne: 1,
          recoveryPct: 90,
        },
        { kind: "co2_price", centsPerTonne: -1 },
        { kind: "black_mass_import", economy: "XX", rule: "banned" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "changes[0].port",
      "changes[0].tonnesPerMonth",
      "changes[1].centsPerTonne",
      "changes[2].economy",
      "name",
    ]);
    const unknown = await post({ ...HUB_SCENARIO, solveNow: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: "solveNow", message: "Unknown field." }]);
    const none = await post({ name: "Nothing", changes: [] });
    expect(none.body.errors).toEqual([expect.objectContaining({ field: "changes" })]);
    const notJson = await call(
      createAction,
      new Request("http://packloop.test/api/v1/scenarios", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${ownerToken}` },
        body: "{",
      }),
    );
    expect(notJson.body.code).toBe("INVALID_JSON");
    const anonymous = await call(createAction, jsonRequest("POST", "/api/v1/scenarios", HUB_SCENARIO, {}));
    expect(anonymous.status).toBe(401);
    expect(await db().planScenario.count()).toBe(0);
  });

  let scenarioId: string;
  test("POST saves and solves beside the live plan; live data is unchanged", async () => {
    forgetCachedPlan();
    const before = await liveSnapshot();
    const live = await marketplacePlan(new Date(), true);
    if (!live.ok) throw new Error(live.message);

    const created = await post(HUB_SCENARIO);
    expect(created.status).toBe(201);
    scenarioId = created.body.scenario.id;
    expect(created.headers.get("Location")).toBe(`/api/v1/scenarios/${scenarioId}`);
    expect(created.body.scenario).toMatchObject({
      name: HUB_SCENARIO.name,
      organizationId: ownerOrganizationId,
      changes: HUB_SCENARIO.changes,
    });
    const { baseline, scenario, economies, hubs } = created.body.comparison;
    expect(baseline).toMatchObject({ placedTonnes: 12, strandedTonnes: 8, placedLots: 1 });
    expect(scenario).toMatchObject({ placedTonnes: 20, strandedTonnes: 0, placedLots: 2 });
    expect(scenario.netValue.currency).toBe("USD");
    expect(scenario.freightCost).toHaveProperty("amountMinor");
    expect(typeof scenario.co2eKg).toBe("number");
    expect(scenario.flows).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: "AU", to: "AU" })]),
    );
    expect(hubs).toEqual([expect.objectContaining({ tonnes: 8 })]);
    expect(economies).toEqual([
      expect.objectContaining({
        economy: "AU",
        baseline: expect.objectContaining({ placedTonnes: 12 }),
        scenario: expect.objectContaining({ placedTonnes: 20 }),
      }),
    ]);
    expect(["gains", "loses", "unchanged"]).toContain(economies[0].outcome);
    expect(economies[0].netValueChange.amountMinor).toBe(
      economies[0].scenario.netValue.amountMinor - economies[0].baseline.netValue.amountMinor,
    );

    // Live data: the same rows, factors and live plan as before the scenario was solved.
    expect(await liveSnapshot()).toEqual(before);
    const after = await marketplacePlan(new Date(), true);
    if (!after.ok) throw new Error(after.message);
    expect(after.value.plan.totals).toEqual(live.value.plan.totals);
  });

  test("GET {id}: any member with the id reads it solved; unknown ids are 404", async () => {
    const mine = await call(oneLoader, apiGet(`/api/v1/scenarios/${scenarioId}`, { token: ownerToken }), {
      scenarioId,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.comparison.scenario).toMatchObject({ placedTonnes: 20, strandedTonnes: 0 });
    expect(mine.body.comparison.baseline).toMatchObject({ placedTonnes: 12, strandedTonnes: 8 });
    const theirs = await call(
      oneLoader,
      apiGet(`/api/v1/scenarios/${scenarioId}`, { token: strangerToken }),
      {
        scenarioId,
      },
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body.scenario.id).toBe(scenarioId);
    for (const id of [UNKNOWN, "not-a-uuid"]) {
      const missing = await call(oneLoader, apiGet(`/api/v1/scenarios/${id}`, { token: ownerToken }), {
        scenarioId: id,
      });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe("NOT_FOUND");
    }
    const anonymous = await call(oneLoader, apiGet(`/api/v1/scenarios/${scenarioId}`, {}), { scenarioId });
    expect(anonymous.status).toBe(401);
  });

  test("GET lists the caller's organisation's scenarios only", async () => {
    const mine = await call(listLoader, apiGet("/api/v1/scenarios", { token: ownerToken }));
    expect(mine.status).toBe(200);
    expect((mine.body.scenarios as { id: string }[]).map((s) => s.id)).toEqual([scenarioId]);
    const theirs = await call(listLoader, apiGet("/api/v1/scenarios", { token: strangerToken }));
    expect(theirs.body.scenarios).toEqual([]);
  });
});
