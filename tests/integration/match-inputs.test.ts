// Every reader of the marketplace hands the matching engine the same facility: the lot page's
// ranking (lot-matches), the quote (matching), the allocation plan and a facility's "lots you can
// take" all map stored rows through one function, so a capacity window lands in the same month,
// with the same tonnes, for all of them. Real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set).
import { beforeAll, describe, expect, test } from "vitest";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { loadMarketplaceInputs } from "~/models/allocation-plan.server.ts";
import { loadMatchFacilities } from "~/models/lot-matches.server.ts";
import { forgetMarketplaceCache, marketplaceForMatching } from "~/models/matching.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, monthFromNow } from "../fixtures/facilities.ts";

let facilityId: string;
let lotId: string;
// One moment for the whole file: the windows, the lot and the expected months all count from it,
// so a month ending mid-run cannot put the stored windows and the expected ones a month apart.
const today = new Date();

beforeAll(async () => {
  await insertEconomies(db());
  const recycler = await accountWith(["recycler"]);
  const seller = await accountWith(["seller"]);
  const facility = await db().facility.create({
    data: {
      organizationId: recycler.organizationId,
      name: "Geelong Battery Recovery",
      economyCode: "AU",
      lat: -38.15,
      lng: 144.36,
      processes: ["mechanical", "hydrometallurgy"],
      acceptedChemistries: ["NMC811", "LFP"],
      acceptedForms: ["pack", "module"],
      acceptedConditions: ["intact", "damaged"],
      recoveryLiBp: 9050,
      recoveryNiBp: 9800,
      recoveryCoBp: 9825,
      recoveryMnBp: 8000,
      recoveryCuBp: 9500,
      holdsImportConsent: true,
      capacityWindows: {
        // This month, next month and the one after: inside every reader's horizon.
        create: [0, 1, 2].map((offset) => ({
          month: new Date(`${monthFromNow(offset, today)}-01T00:00:00Z`),
          capacityKg: 120_500 + offset,
          bookedKg: 20_250,
          priceMinorPerTonne: 150_000n,
          currency: "AUD",
          priceKind: "gate_fee" as const,
          acceptedChemistries: offset === 2 ? ["LFP" as const] : [],
        })),
      },
    },
  });
  facilityId = facility.id;
  const lot = await db().lot.create({
    data: {
      organizationId: seller.organizationId,
      title: "Spent NMC packs",
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      count: 25,
      massKg: 12_500,
      stateOfHealthPct: 71,
      lat: -37.81,
      lng: 144.96,
      economyCode: "AU",
      availableFrom: new Date(`${monthFromNow(1, today)}-15T00:00:00Z`),
      saleMode: "fixed",
      currency: "AUD",
      askingPriceMinor: 1_000_000n,
      status: "open",
    },
  });
  lotId = lot.id;
});

function ours(facilities: readonly MatchFacility[]): MatchFacility {
  const found = facilities.find((f) => f.id === facilityId);
  if (!found) throw new Error("the facility is missing from a reader's marketplace");
  return found;
}

describe("one facility → matching input mapping", () => {
  test("the ranking, the quote and the plan see the same facility, its windows in the same months", async () => {
    forgetMarketplaceCache();
    const ranking = ours(await loadMatchFacilities(today));
    const quote = ours((await marketplaceForMatching(today.toISOString().slice(0, 10))).facilities);
    const plan = ours((await loadMarketplaceInputs(today)).facilities);

    expect(ranking.capacity.map((w) => w.month)).toEqual([
      monthFromNow(0, today),
      monthFromNow(1, today),
      monthFromNow(2, today),
    ]);
    expect(ranking.capacity[0]).toEqual({
      month: monthFromNow(0, today),
      tonnes: 120.5,
      bookedTonnes: 20.25,
      pricePerTonne: { amountMinor: 150_000, currency: "AUD" },
      priceKind: "gate_fee",
      acceptedChemistries: [],
    });
    expect(ranking.capacity[2].acceptedChemistries).toEqual(["LFP"]);
    expect(ranking.recoveryRatesPct).toEqual({ li: 90.5, ni: 98, co: 98.25, mn: 80, cu: 95 });
    expect(quote).toEqual(ranking);
    expect(plan).toEqual(ranking);
  });

  test("the plan reads a lot as the ranking does", async () => {
    const { lots } = await loadMarketplaceInputs(today);
    const lot = lots.find((l) => l.id === lotId) as MatchLot;
    expect(lot).toEqual({
      id: lotId,
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      massKg: 12_500,
      stateOfHealthPct: 71,
      location: { lat: -37.81, lng: 144.96 },
      economy: "AU",
      availableFrom: `${monthFromNow(1, today)}-15`,
    });
  });
});
