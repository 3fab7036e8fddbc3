// "Lots you can take" leads to action (issue 15 item 6): each open lot a facility can take carries
// its sale mode, the price a visitor may see, its close (time left from the loader's moment) and
// the link target's facility; a sealed tender never shows a bid amount; the lot page preselects the
// facility named by `?facility=` when it is one of the viewer's.
import { beforeAll, describe, expect, test } from "vitest";
import { timeLeft } from "~/domain/bidding/time-left.ts";
import type { Chemistry } from "~/domain/codes.ts";
import type { FacilityLots } from "~/domain/matching/match-view.ts";
import * as facilityRoute from "~/routes/facilities.$facilityId._index.tsx";
import * as lotRoute from "~/routes/lots.$lotId.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

const ALL_CHEMISTRIES: Chemistry[] = ["NMC111", "NMC532", "NMC622", "NMC811", "NCA", "LFP", "LMO", "MIXED"];
/** A sealed tender's leading amount as the lot row may hold it: it must never reach the page. */
const SEALED_SECRET = 7_654_321n;
const HOUR = 3_600_000;

let recycler: { organizationId: string; cookie: string };
let seller: { organizationId: string; cookie: string };
let rivalRecycler: { organizationId: string; cookie: string };
const ids: Record<string, string> = {};

async function facility(organizationId: string, name: string) {
  const row = await db().facility.create({
    data: {
      organizationId,
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
      capacityWindows: {
        create: [1, 2].map((offset) => ({
          month: new Date(`${monthFromNow(offset)}-01T00:00:00Z`),
          capacityKg: 100_000,
          priceMinorPerTonne: 200_000n,
          currency: "USD",
          priceKind: "payable" as const,
        })),
      },
    },
  });
  return row.id;
}

async function lot(title: string, overrides: Record<string, unknown>) {
  const row = await db().lot.create({
    data: {
      organizationId: seller.organizationId,
      title,
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      count: 4,
      massKg: 2_000,
      lat: -37.81,
      lng: 144.96,
      economyCode: "AU",
      availableFrom: new Date(),
      currency: "AUD",
      status: "open",
      publishedAt: new Date(),
      saleMode: "fixed",
      ...overrides,
    },
  });
  return row.id;
}

const closesIn = (ms: number) => {
  const at = new Date(Date.now() + ms);
  return { closesAt: at, originalClosesAt: at };
};

beforeAll(async () => {
  await insertEconomies(db());
  recycler = await accountWith(["recycler"]);
  rivalRecycler = await accountWith(["recycler"]);
  seller = await accountWith(["seller"]);
  ids.facility = await facility(recycler.organizationId, "Geelong Take-Back");
  ids.rivalFacility = await facility(rivalRecycler.organizationId, "Rival Works");
  // 2 d 4 h and a half: "2 d 4 h left" whatever the few seconds the test takes.
  ids.auction = await lot("Auction with bids", {
    saleMode: "auction",
    startingPriceMinor: 100_000n,
    currentPriceMinor: 250_000n,
    bidCount: 3,
    ...closesIn(52.5 * HOUR),
  });
  ids.fresh = await lot("Auction without bids", {
    saleMode: "auction",
    startingPriceMinor: 120_000n,
    ...closesIn(5 * HOUR),
  });
  ids.sealed = await lot("Sealed tender", {
    saleMode: "sealed",
    startingPriceMinor: 90_000n,
    currentPriceMinor: SEALED_SECRET,
    bidCount: 2,
    ...closesIn(30 * HOUR),
  });
  ids.fixed = await lot("Fixed price packs", { saleMode: "fixed", askingPriceMinor: 330_000n });
});

type Page = {
  lots: FacilityLots;
  lotsReadAt: string;
  viewerOrganizationId: string | null;
};

async function facilityPage(cookie: string | null = recycler.cookie) {
  const outcome = await callRoute(
    facilityRoute.loader,
    getRequest(`/facilities/${ids.facility}`, { cookie }),
    { facilityId: ids.facility },
  );
  expect(outcome.status).toBe(200);
  return outcome.data as unknown as Page;
}

describe("lots you can take: how each lot is sold", () => {
  test("sale mode, visible price with its currency, bid count and close for every kind of sale", async () => {
    const page = await facilityPage();
    expect(page.viewerOrganizationId).toBe(recycler.organizationId);
    const sale = (lotId: string) => page.lots.takeable.find((l) => l.lotId === lotId)?.sale;
    expect(sale(ids.auction)).toMatchObject({
      mode: "auction",
      priceKind: "current",
      price: { amountMinor: 250_000, currency: "AUD" },
      bidCount: 3,
      status: "open",
    });
    expect(sale(ids.fresh)).toMatchObject({
      mode: "auction",
      priceKind: "starting",
      price: { amountMinor: 120_000, currency: "AUD" },
      bidCount: 0,
    });
    expect(sale(ids.fixed)).toEqual({
      mode: "fixed",
      priceKind: "asking",
      price: { amountMinor: 330_000, currency: "AUD" },
      bidCount: 0,
      closesAt: null,
      status: "open",
    });
    // Each row names its seller, so the seller's own members get no Bid button.
    expect(page.lots.takeable.every((l) => l.organizationId === seller.organizationId)).toBe(true);
  });

  test("time left is counted from the loader's moment to the close", async () => {
    const page = await facilityPage();
    const auction = page.lots.takeable.find((l) => l.lotId === ids.auction)!;
    expect(auction.sale.closesAt).not.toBeNull();
    expect(timeLeft(auction.sale.closesAt!, new Date(page.lotsReadAt))).toBe("2 d 4 h");
    const fresh = page.lots.takeable.find((l) => l.lotId === ids.fresh)!;
    expect(timeLeft(fresh.sale.closesAt!, new Date(page.lotsReadAt))).toMatch(/^4 h 59 min$/);
  });

  test("a sealed tender shows its opening price only: no bid amount reaches the page, for anyone", async () => {
    for (const cookie of [recycler.cookie, seller.cookie, null]) {
      const page = await facilityPage(cookie);
      const sealed = page.lots.takeable.find((l) => l.lotId === ids.sealed)!;
      expect(sealed.sale).toMatchObject({
        mode: "sealed",
        priceKind: "opening",
        price: { amountMinor: 90_000, currency: "AUD" },
      });
      expect(JSON.stringify(page)).not.toContain(String(SEALED_SECRET));
    }
  });
});

describe("the Bid link's facility", () => {
  async function preferred(cookie: string, facilityId: string) {
    const outcome = await callRoute(
      lotRoute.loader,
      getRequest(`/lots/${ids.auction}?facility=${facilityId}`, { cookie }),
      { lotId: ids.auction },
    );
    expect(outcome.status).toBe(200);
    const bidding = (outcome.data as { bidding: { preferredFacilityId: string | null; canBid: boolean } })
      .bidding;
    expect(bidding.canBid).toBe(true);
    return bidding.preferredFacilityId;
  }

  test("the lot page chooses the facility named by ?facility= when it is the viewer's, else none", async () => {
    expect(await preferred(recycler.cookie, ids.facility)).toBe(ids.facility);
    expect(await preferred(recycler.cookie, ids.rivalFacility)).toBeNull();
    expect(await preferred(rivalRecycler.cookie, ids.facility)).toBeNull();
  });
});
