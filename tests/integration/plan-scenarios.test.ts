// "What if" scenarios (issue 13 item 4, ADR 037) on a real database: a scenario saved from the
// /insights/scenarios form solves to a different plan from the live one (a joint hub places a lot
// the live plan strands), the live data the solver reads (facilities, capacity, factors, border
// rules, the live plan itself) is the same afterwards, and only the owning organisation may change
// or delete a scenario while any signed-in user with the link may view it.
import { beforeAll, describe, expect, test } from "vitest";
import { monthOf, monthStart } from "~/domain/capacity.ts";
import { borderCheck } from "~/domain/compliance/border-rules.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { forgetCachedPlan, marketplacePlan } from "~/models/allocation-plan.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { currentFactors } from "~/models/factor.server.ts";
import { action as listAction, loader as listLoader } from "~/routes/insights_.scenarios._index.tsx";
import { action as viewAction, loader as viewLoader } from "~/routes/insights_.scenarios.$scenarioId.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { freezeDateForThisFile } from "../fixtures/frozen-date.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

let owner: Awaited<ReturnType<typeof accountWith>>;
let stranger: Awaited<ReturnType<typeof accountWith>>;
let scenarioId: string;

// This month's capacity window below, and the loaders' own clock, must agree.
freezeDateForThisFile();

const today = new Date().toISOString().slice(0, 10);
const thisMonth = monthOf(new Date());
const UNKNOWN = "0190e0a0-0000-7000-8000-000000000000";

const hubForm = {
  name: "LFP hub in Melbourne",
  hubPort: "AUMEL",
  hubChemistry: "LFP",
  hubTonnes: "50",
  hubPrice: "2000",
  hubRecovery: "90",
  co2Price: "150",
};

async function liveSnapshot() {
  const [facilities, windows, factorRows, { factors }] = await Promise.all([
    db().facility.findMany({ orderBy: { id: "asc" } }),
    db().capacityWindow.findMany({ orderBy: { id: "asc" } }),
    db().factor.findMany({ orderBy: { id: "asc" } }),
    currentFactors(),
  ]);
  return { facilities, windows, factorRows, factors: structuredClone(factors) };
}

beforeAll(async () => {
  await insertEconomies(db());
  owner = await accountWith(["seller", "recycler"]);
  stranger = await accountWith(["seller"]);
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

describe("/insights/scenarios", () => {
  test("bad changes are refused naming the form's fields, and nothing is saved", async () => {
    const outcome = await callRoute(
      listAction,
      postRequest(
        "/insights/scenarios",
        { ...hubForm, name: "", hubPort: "ZZZZZ", hubTonnes: "0", co2Price: "-1" },
        owner,
      ),
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object).sort()).toEqual([
      "co2Price",
      "hubPort",
      "hubTonnes",
      "name",
    ]);
    expect(await db().planScenario.count()).toBe(0);
    const empty = await callRoute(listAction, postRequest("/insights/scenarios", { name: "Nothing" }, owner));
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toHaveProperty("changes");
  });

  test("the form's errors come back in the page's language (ADR 059), English without a choice", async () => {
    const bad = { ...hubForm, name: "", hubTonnes: "0" };
    const english = await callRoute(listAction, postRequest("/insights/scenarios", bad, owner));
    expect(english.data.errors).toMatchObject({
      name: "Give the scenario a name (at most 100 characters).",
      hubTonnes: "Give whole tonnes a month from 1 to 100,000.",
    });
    const spanish = await callRoute(
      listAction,
      postRequest("/insights/scenarios", bad, { ...owner, headers: { "Accept-Language": "es-CL" } }),
    );
    expect(spanish.status).toBe(400);
    expect(spanish.data.errors).toMatchObject({
      name: "Dé un nombre al escenario (como máximo 100 caracteres).",
      hubTonnes: "Indique toneladas enteras al mes, de 1 a 100,000.",
    });
    expect(await db().planScenario.count()).toBe(0);
  });

  test("a joint hub gives a different plan from the live one, and live data is unchanged", async () => {
    forgetCachedPlan();
    const before = await liveSnapshot();
    const livePlan = await marketplacePlan(new Date(), true);
    if (!livePlan.ok) throw new Error(livePlan.message);
    const blackMassToKorea = {
      originEconomy: "AU" as const,
      destinationEconomy: "KR" as const,
      isWaste: true,
      form: "black_mass" as const,
      chemistry: "NMC811" as const,
      facilityHoldsImportConsent: true,
    };
    const borderBefore = borderCheck(blackMassToKorea);

    const created = await callRoute(listAction, postRequest("/insights/scenarios", { ...hubForm }, owner));
    expect(created.status).toBe(302);
    scenarioId = created.location?.split("/").at(-1) ?? "";
    const stored = await db().planScenario.findUniqueOrThrow({ where: { id: scenarioId } });
    expect(stored.organizationId).toBe(owner.organizationId);
    expect(stored.changes).toEqual([
      {
        kind: "hub",
        port: "AUMEL",
        chemistry: "LFP",
        tonnesPerMonth: 50,
        priceCentsPerTonne: 200_000,
        recoveryPct: 90,
      },
      { kind: "co2_price", centsPerTonne: 15_000 },
    ]);

    const view = await callRoute(viewLoader, getRequest(`/insights/scenarios/${scenarioId}`, owner), {
      scenarioId,
    });
    expect(view.status).toBe(200);
    const { comparison, canEdit } = view.data as {
      canEdit: boolean;
      comparison: {
        baseline: { placedTonnes: number; strandedTonnes: number; placedLots: number };
        scenario: { placedTonnes: number; strandedTonnes: number; placedLots: number; flows: unknown[] };
        hubs: { tonnes: number }[];
        shifts: { economy: string; placedTonnes: number[] }[];
      };
    };
    expect(canEdit).toBe(true);
    expect(comparison.baseline).toMatchObject({ placedTonnes: 12, strandedTonnes: 8, placedLots: 1 });
    expect(comparison.scenario).toMatchObject({ placedTonnes: 20, strandedTonnes: 0, placedLots: 2 });
    expect(comparison.hubs).toEqual([expect.objectContaining({ tonnes: 8 })]);
    expect(comparison.shifts).toEqual([expect.objectContaining({ economy: "AU", placedTonnes: [12, 20] })]);
    expect(comparison.scenario.flows.length).toBeGreaterThan(0);

    // Live data: the same rows, factors, border outcome and plan as before the scenario was solved.
    expect(await liveSnapshot()).toEqual(before);
    expect(borderCheck(blackMassToKorea)).toEqual(borderBefore);
    const after = await marketplacePlan(new Date(), true);
    if (!after.ok) throw new Error(after.message);
    expect(after.value.plan.totals).toEqual(livePlan.value.plan.totals);
    expect(after.value.facilities.map((f) => f.id)).toEqual(livePlan.value.facilities.map((f) => f.id));
  });

  test("the list shows the organisation's scenarios only", async () => {
    const mine = await callRoute(listLoader, getRequest("/insights/scenarios", owner));
    expect((mine.data.scenarios as { id: string }[]).map((s) => s.id)).toEqual([scenarioId]);
    const theirs = await callRoute(listLoader, getRequest("/insights/scenarios", stranger));
    expect(theirs.data.scenarios).toEqual([]);
  });

  test("anyone signed in with the link views it; only the owner edits or deletes", async () => {
    const path = `/insights/scenarios/${scenarioId}`;
    const params = { scenarioId };
    const viewed = await callRoute(viewLoader, getRequest(path, stranger), params);
    expect(viewed.status).toBe(200);
    expect(viewed.data.canEdit).toBe(false);

    const edit = await callRoute(
      viewAction,
      postRequest(path, { ...hubForm, name: "Mine now" }, stranger),
      params,
    );
    expect(edit.status).toBe(403);
    const badEdit = await callRoute(viewAction, postRequest(path, { name: "x" }, stranger), params);
    expect(badEdit.status).toBe(403);
    const del = await callRoute(viewAction, postRequest(path, { intent: "delete" }, stranger), params);
    expect(del.status).toBe(403);
    expect((await db().planScenario.findUniqueOrThrow({ where: { id: scenarioId } })).name).toBe(
      hubForm.name,
    );

    const renamed = await callRoute(
      viewAction,
      postRequest(path, { ...hubForm, name: "Renamed" }, owner),
      params,
    );
    expect(renamed.status).toBe(302);
    expect((await db().planScenario.findUniqueOrThrow({ where: { id: scenarioId } })).name).toBe("Renamed");

    const loggedOut = await callRoute(viewLoader, getRequest(path), params);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.location).toMatch(/^\/login/);
  });

  test("unknown scenarios are 404 for viewing, editing and deleting", async () => {
    for (const id of [UNKNOWN, "not-a-uuid"]) {
      const path = `/insights/scenarios/${id}`;
      const view = await callRoute(viewLoader, getRequest(path, owner), { scenarioId: id });
      expect(view.status).toBe(404);
      const edit = await callRoute(viewAction, postRequest(path, { ...hubForm }, owner), { scenarioId: id });
      expect(edit.status).toBe(404);
      const del = await callRoute(viewAction, postRequest(path, { intent: "delete" }, owner), {
        scenarioId: id,
      });
      expect(del.status).toBe(404);
    }
  });

  test("the owner deletes it", async () => {
    const path = `/insights/scenarios/${scenarioId}`;
    const del = await callRoute(viewAction, postRequest(path, { intent: "delete" }, owner), { scenarioId });
    expect(del.status).toBe(302);
    expect(del.location).toBe("/insights/scenarios");
    expect(await db().planScenario.count()).toBe(0);
  });
});
