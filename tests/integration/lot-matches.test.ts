// "Where this lot can go" and "Lots you can take" through the real page loaders on a real database
// (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): feasible facilities first, the others
// with their blockers; weights steer the order; a facility sees the open lots it can take; drafts,
// withdrawn lots and unlisted facilities never appear.
import { beforeAll, describe, expect, test } from "vitest";
import type { Chemistry } from "~/domain/codes.ts";
import * as facilityRoute from "~/routes/facilities.$facilityId._index.tsx";
import * as lotRoute from "~/routes/lots.$lotId.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

const ALL_CHEMISTRIES: Chemistry[] = ["NMC111", "NMC532", "NMC622", "NMC811", "NCA", "LFP", "LMO", "MIXED"];
let recyclerOrg: string;
let sellerOrg: string;
let rivalOrg: string;
const ids: Record<string, string> = {};

async function facility(
  name: string,
  overrides: Record<string, unknown>,
  tonnes = 100,
  priceMinor = 200_000n,
) {
  const row = await db().facility.create({
    data: {
      organizationId: recyclerOrg,
      name,
      economyCode: "AU",
      lat: -38.15,
      lng: 144.36,
      processes: ["mechanical", "hydrometallurgy"],
      acceptedChemistries: ALL_CHEMISTRIES,
      acceptedForms: ["pack", "module", "cell", "black_mass"],
      acceptedConditions: ["intact", "damaged", "defective"],
      recoveryLiBp: 9000,
      recoveryNiBp: 9800,
      recoveryCoBp: 9800,
      recoveryMnBp: 8000,
      recoveryCuBp: 9500,
      holdsImportConsent: true,
      ...overrides,
      capacityWindows: {
        create: [1, 2].map((offset) => ({
          month: new Date(`${monthFromNow(offset)}-01T00:00:00Z`),
          capacityKg: tonnes * 1000,
          priceMinorPerTonne: priceMinor,
          currency: "USD",
          priceKind: "payable" as const,
        })),
      },
    },
  });
  return row.id;
}

async function lot(organizationId: string, title: string, overrides: Record<string, unknown> = {}) {
  const row = await db().lot.create({
    data: {
      organizationId,
      title,
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      count: 25,
      massKg: 12_500,
      lat: -37.81,
      lng: 144.96,
      economyCode: "AU",
      availableFrom: new Date(),
      saleMode: "fixed",
      currency: "USD",
      askingPriceMinor: 1_000_000n,
      status: "open",
      publishedAt: new Date(),
      ...overrides,
    },
  });
  return row.id;
}

beforeAll(async () => {
  await insertEconomies(db());
  recyclerOrg = (await accountWith(["recycler"])).organizationId;
  sellerOrg = (await accountWith(["seller"])).organizationId;
  rivalOrg = (await accountWith(["seller"], "NZ")).organizationId;
  ids.geelong = await facility("Geelong Battery Recovery", {});
  ids.lfpOnly = await facility("Sydney LFP Works", { acceptedChemistries: ["LFP"], lat: -33.9, lng: 151.1 });
  ids.small = await facility("Brisbane Small Shredder", { lat: -27.47, lng: 153.03 }, 5);
  ids.noConsent = await facility("Ulsan No Consent", {
    economyCode: "KR",
    lat: 35.54,
    lng: 129.31,
    holdsImportConsent: false,
  });
  // Pays more per tonne than Geelong but is an ocean away: first by net value, last by CO2e.
  ids.ulsan = await facility(
    "Ulsan Cathode Recycling",
    { economyCode: "KR", lat: 35.54, lng: 129.31 },
    100,
    400_000n,
  );
  ids.unlisted = await facility("Unlisted Geelong", { active: false });
  ids.lot = await lot(sellerOrg, "25 NMC 811 packs, Melbourne");
  ids.lfpLot = await lot(sellerOrg, "LFP modules", { chemistry: "LFP", form: "module" });
  ids.draft = await lot(rivalOrg, "Rival draft packs", { status: "draft", publishedAt: null });
  ids.withdrawn = await lot(rivalOrg, "Rival withdrawn packs", { status: "withdrawn" });
  ids.tooBig = await lot(sellerOrg, "Too big for one window", { massKg: 250_000 });
});

type Row = { facilityId: string; feasible: boolean; blockers: { code: string }[]; breakdown: unknown };
async function lotPage(query = "") {
  const outcome = await callRoute(lotRoute.loader, getRequest(`/lots/${ids.lot}${query}`), {
    lotId: ids.lot,
  });
  expect(outcome.status).toBe(200);
  return outcome.data as { matches: { feasible: Row[]; infeasible: Row[] }; weightsError: string | null };
}

describe("where this lot can go", () => {
  test("feasible facilities come first, each with its terms; the others follow with their blockers", async () => {
    const { matches, weightsError } = await lotPage();
    expect(weightsError).toBeNull();
    const feasible = matches.feasible.map((m) => m.facilityId);
    expect(feasible.sort()).toEqual([ids.geelong, ids.ulsan].sort());
    for (const m of matches.feasible) {
      expect(m.feasible).toBe(true);
      expect(m.breakdown).toMatchObject({ priceKind: "payable", massKg: 12_500 });
    }
    const blockers = Object.fromEntries(
      matches.infeasible.map((m) => [m.facilityId, m.blockers.map((b) => b.code)]),
    );
    expect(blockers[ids.lfpOnly]).toEqual(["CHEMISTRY_NOT_ACCEPTED"]);
    expect(blockers[ids.small]).toEqual(["INSUFFICIENT_CAPACITY"]);
    expect(blockers[ids.noConsent]).toContain("FACILITY_NOT_PERMITTED");
    expect(Object.keys(blockers)).not.toContain(ids.unlisted);
  });

  test("the weights change the order", async () => {
    const byNet = await lotPage("?w_net=1&w_co2=0&w_time=0");
    expect(byNet.matches.feasible.map((m) => m.facilityId)).toEqual([ids.ulsan, ids.geelong]);
    const byCo2 = await lotPage("?w_net=0&w_co2=1&w_time=0");
    expect(byCo2.matches.feasible.map((m) => m.facilityId)).toEqual([ids.geelong, ids.ulsan]);
    const bad = await lotPage("?w_net=-1");
    expect(bad.weightsError).toMatch(/at least 0/);
    expect(bad.matches.feasible).toHaveLength(2);
  });
});

describe("lots you can take", () => {
  async function facilityPage(facilityId: string) {
    const outcome = await callRoute(facilityRoute.loader, getRequest(`/facilities/${facilityId}`), {
      facilityId,
    });
    expect(outcome.status).toBe(200);
    return (
      outcome.data as {
        lots: {
          takeable: { lotId: string; breakdown: unknown }[];
          nearMisses: { lotId: string; blockers: { code: string }[] }[];
        };
      }
    ).lots;
  }

  test("a facility sees the open lots it can take, and the one blocker that keeps a lot out", async () => {
    const lots = await facilityPage(ids.geelong);
    expect(lots.takeable.map((l) => l.lotId).sort()).toEqual([ids.lot, ids.lfpLot].sort());
    expect(lots.takeable[0].breakdown).toMatchObject({ priceKind: "payable" });
    expect(lots.nearMisses).toEqual([
      expect.objectContaining({
        lotId: ids.tooBig,
        blockers: [expect.objectContaining({ code: "INSUFFICIENT_CAPACITY" })],
        // The page words it in the reader's language from this code and its facts (issue 14).
        capacity: expect.objectContaining({ code: "tooSmall", neededKg: expect.any(Number) }),
      }),
    ]);
  });

  test("only lots in the facility's chemistries; drafts and withdrawn lots never appear", async () => {
    const lfp = await facilityPage(ids.lfpOnly);
    expect(lfp.takeable.map((l) => l.lotId)).toEqual([ids.lfpLot]);
    for (const facilityId of [ids.geelong, ids.lfpOnly, ids.ulsan]) {
      const lots = await facilityPage(facilityId);
      const shown = [...lots.takeable, ...lots.nearMisses].map((l) => l.lotId);
      expect(shown).not.toContain(ids.draft);
      expect(shown).not.toContain(ids.withdrawn);
    }
  });
});
