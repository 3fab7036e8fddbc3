// /plan's "my lots" and "my facilities" (issue 15): the page's loader, on a real database, narrows
// the marketplace's one plan to the flows from the viewer organisation's lots (?mine=lots) or into
// its facilities (?mine=facilities); another organisation's flows are absent and every figure is
// added up again from what is left. Two sellers and two recyclers, each lot acceptable at one
// facility only, so which flow belongs to whom is known before the solve.
import { beforeAll, describe, expect, test } from "vitest";
import { monthOf, monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import type { PlanView } from "~/domain/matching/plan-view.ts";
import { forgetCachedPlan } from "~/models/allocation-plan.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { type PlanChoices, loader as planLoader } from "~/routes/plan.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { freezeDateForThisFile } from "../fixtures/frozen-date.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

type Loaded = PlanView & { choices: PlanChoices };

// This month's capacity window below, and the loaders' own clock, must agree.
freezeDateForThisFile();

const today = new Date().toISOString().slice(0, 10);
const thisMonth = monthOf(new Date());

let sellerA: Awaited<ReturnType<typeof accountWith>>;
let sellerB: Awaited<ReturnType<typeof accountWith>>;
let recyclerA: Awaited<ReturnType<typeof accountWith>>;
let recyclerB: Awaited<ReturnType<typeof accountWith>>;
let buyer: Awaited<ReturnType<typeof accountWith>>;
let facilityA: string;
let facilityB: string;

async function facilityTaking(organizationId: string, name: string, chemistry: string): Promise<string> {
  const profile = validateFacilityProfile(
    facilityFields({ name, acceptedChemistries: [chemistry], acceptedForms: ["pack"] }),
  );
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  const id = (await createFacility(organizationId, profile.profile)).id;
  await db().capacityWindow.create({
    data: {
      facilityId: id,
      month: monthStart(thisMonth),
      capacityKg: 40_000,
      priceMinorPerTonne: 150_000n,
      currency: "USD",
      priceKind: "payable",
    },
  });
  return id;
}

async function openLot(
  organizationId: string,
  title: string,
  chemistry: "NMC811" | "NMC622",
  massKg: number,
) {
  await db().lot.create({
    data: {
      organizationId,
      title,
      chemistry,
      form: "pack",
      condition: "intact",
      count: 10,
      massKg,
      lat: -37.81,
      lng: 144.96,
      economyCode: "AU",
      availableFrom: new Date(`${today}T00:00:00.000Z`),
      saleMode: "fixed",
      currency: "USD",
      askingPriceMinor: 100_000n,
      status: "open",
    },
  });
}

async function plan(path: string, cookie: string | null): Promise<Loaded> {
  const outcome = await callRoute(planLoader, getRequest(path, { cookie }));
  expect(outcome.status).toBe(200);
  return outcome.data as unknown as Loaded;
}

beforeAll(async () => {
  await insertEconomies(db());
  sellerA = await accountWith(["seller"]);
  sellerB = await accountWith(["seller"]);
  recyclerA = await accountWith(["recycler"]);
  recyclerB = await accountWith(["recycler"]);
  buyer = await accountWith(["buyer"]);
  // Seller A's NMC811 can only go to recycler A's facility, seller B's NMC622 only to recycler B's.
  facilityA = await facilityTaking(recyclerA.organizationId, "Corio NMC811 Recovery", "NMC811");
  facilityB = await facilityTaking(recyclerB.organizationId, "Corio NMC622 Recovery", "NMC622");
  await openLot(sellerA.organizationId, "Seller A's NMC811 packs", "NMC811", 12_000);
  await openLot(sellerB.organizationId, "Seller B's NMC622 packs", "NMC622", 7_000);
  forgetCachedPlan();
});

describe("/plan?mine=…", () => {
  test("without a filter the whole plan shows: both sellers' lots, both facilities", async () => {
    const view = await plan("/plan", sellerA.cookie);
    expect(view.mine).toBeNull();
    expect(view.plan.totals.tonnes).toBe(19);
    expect(view.plan.totals.assignedLots).toBe(2);
    const [pair] = view.plan.totals.byEconomyPair;
    expect(pair).toMatchObject({ key: "AU>AU", lots: 2, tonnes: 19 });
    expect(pair.chemistries).toEqual([
      { chemistry: "NMC811", tonnes: 12 },
      { chemistry: "NMC622", tonnes: 7 },
    ]);
    expect(view.utilisation.map((u) => u.facilityId).sort()).toEqual([facilityA, facilityB].sort());
    // A seller is offered "my lots", not "my facilities".
    expect(view.choices).toMatchObject({ lots: true, facilities: false, asked: null, ignored: false });
  });

  test("?mine=lots keeps only the flows from the viewer organisation's lots", async () => {
    const a = await plan("/plan?mine=lots", sellerA.cookie);
    expect(a.mine).toBe("lots");
    expect(a.plan.totals).toMatchObject({ lots: 1, assignedLots: 1, tonnes: 12 });
    expect(a.plan.totals.byEconomyPair).toHaveLength(1);
    expect(a.plan.totals.byEconomyPair[0]).toMatchObject({ lots: 1, tonnes: 12 });
    expect(a.plan.totals.byEconomyPair[0].chemistries).toEqual([{ chemistry: "NMC811", tonnes: 12 }]);
    // Seller B's NMC622 is nowhere: not in the flows, the arcs or the facilities listed.
    expect(JSON.stringify(a.plan.totals.byEconomyPair)).not.toContain("NMC622");
    expect(a.flows.map((f) => f.tonnes)).toEqual([12]);
    expect(a.utilisation.map((u) => u.facilityId)).toEqual([facilityA]);
    // The totals are A's alone, and their money is what A's flow carries.
    expect(a.plan.totals.netValue).toEqual(a.plan.totals.byEconomyPair[0].netValue);

    const b = await plan("/plan?mine=lots", sellerB.cookie);
    expect(b.plan.totals.tonnes).toBe(7);
    expect(b.plan.totals.byEconomyPair[0].chemistries).toEqual([{ chemistry: "NMC622", tonnes: 7 }]);
    // The two sellers' parts add up to the whole plan.
    const whole = await plan("/plan", sellerA.cookie);
    expect(a.plan.totals.netValue.amountMinor + b.plan.totals.netValue.amountMinor).toBe(
      whole.plan.totals.netValue.amountMinor,
    );
  });

  test("?mine=facilities keeps only the flows into the viewer organisation's facilities", async () => {
    const a = await plan("/plan?mine=facilities", recyclerA.cookie);
    expect(a.mine).toBe("facilities");
    expect(a.choices).toMatchObject({ lots: false, facilities: true, asked: "facilities" });
    expect(a.plan.totals.tonnes).toBe(12);
    expect(a.plan.totals.byEconomyPair.flatMap((p) => p.chemistries.map((c) => c.chemistry))).toEqual([
      "NMC811",
    ]);
    expect(a.utilisation.map((u) => u.facilityId)).toEqual([facilityA]);

    const b = await plan("/plan?mine=facilities", recyclerB.cookie);
    expect(b.plan.totals.tonnes).toBe(7);
    expect(b.utilisation.map((u) => u.facilityId)).toEqual([facilityB]);
    expect(JSON.stringify(b.plan.totals.byEconomyPair)).not.toContain("NMC811");
  });

  test("an organisation with nothing on that side sees no flows; an unknown value is the whole plan", async () => {
    // A seller has no facilities: nothing flows into them.
    const none = await plan("/plan?mine=facilities", sellerA.cookie);
    expect(none.plan.totals.tonnes).toBe(0);
    expect(none.plan.totals.byEconomyPair).toEqual([]);
    expect(none.flows).toEqual([]);
    expect(none.widthSamples).toEqual([]);
    // A buyer is offered neither filter.
    const buyers = await plan("/plan", buyer.cookie);
    expect(buyers.choices).toMatchObject({ lots: false, facilities: false });
    const unknown = await plan("/plan?mine=everything", sellerA.cookie);
    expect(unknown.mine).toBeNull();
    expect(unknown.plan.totals.tonnes).toBe(19);
  });

  test("the legend's sample widths are the arcs' own scale", async () => {
    const view = await plan("/plan", sellerA.cookie);
    const widest = Math.max(...view.flows.map((f) => f.weight));
    expect(view.widthSamples[0]).toEqual({ tonnes: 19, weight: widest });
    expect(view.widthSamples.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < view.widthSamples.length; i++) {
      expect(view.widthSamples[i].tonnes).toBeLessThan(view.widthSamples[i - 1].tonnes);
      expect(view.widthSamples[i].weight).toBeLessThan(view.widthSamples[i - 1].weight);
    }
  });
});
