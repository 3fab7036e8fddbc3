// A missing exchange rate is a visible admin warning, never a silent drop (issue 15 item 9): the
// /admin/factors loader lists each currency that prices a capacity window of this month or later,
// or an open lot, and that the rate table in force lacks, with how many; on data priced only in
// currencies with a rate it lists nothing. Matching itself says why such a facility cannot quote
// (capacity-choice.ts, "unconvertible").
import { beforeAll, describe, expect, test } from "vitest";
import { type Month, monthStart } from "~/domain/capacity.ts";
import { type FacilityProfile, validateFacilityProfile } from "~/domain/facility-input.ts";
import { createFacility } from "~/models/facility.server.ts";
import { currenciesInUse, forgetFactorCache } from "~/models/factor.server.ts";
import * as factorsRoute from "~/routes/admin.factors.tsx";
import * as dashboardRoute from "~/routes/dashboard.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let admin: Account;
let seller: Account;
let facilityId: string;

function profile(overrides: Record<string, string | string[]>): FacilityProfile {
  const result = validateFacilityProfile(facilityFields(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.profile;
}

async function window(offset: number, currency: string) {
  await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(monthFromNow(offset) as Month),
      capacityKg: 100_000,
      priceMinorPerTonne: 50_000n,
      currency,
      priceKind: "payable",
      acceptedChemistries: [],
    },
  });
}

async function lot(currency: string, status: "open" | "draft") {
  await db().lot.create({
    data: {
      organizationId: seller.organizationId,
      title: `Packs priced in ${currency}`,
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      count: 10,
      massKg: 5_000,
      lat: -37.81,
      lng: 144.96,
      economyCode: "AU",
      availableFrom: new Date(),
      saleMode: "fixed",
      currency,
      askingPriceMinor: 100_000n,
      status,
    },
  });
}

async function missingFx() {
  const page = await callRoute(factorsRoute.loader, getRequest("/admin/factors", { cookie: admin.cookie }));
  expect(page.status).toBe(200);
  return page.data.missingFx as { currency: string; capacityWindows: number; openLots: number }[];
}

beforeAll(async () => {
  await insertEconomies(db());
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  seller = await accountWith(["seller"]);
  const owner = await accountWith(["recycler"]);
  facilityId = (await createFacility(owner.organizationId, profile({ name: "Geelong Shredder" }))).id;
  forgetFactorCache();
});

describe("/admin/factors: currencies in use without an exchange rate", () => {
  test("windows priced in USD and AUD: nothing to warn about", async () => {
    await window(1, "USD");
    await window(2, "AUD");
    expect(await currenciesInUse()).toEqual([
      { currency: "AUD", capacityWindows: 1, openLots: 0 },
      { currency: "USD", capacityWindows: 1, openLots: 0 },
    ]);
    expect(await missingFx()).toEqual([]);
  });

  test("windows priced in a currency the table lacks are listed with their count; past months are not", async () => {
    await window(3, "GBP");
    await window(4, "GBP");
    await window(-2, "CHF");
    expect(await missingFx()).toEqual([{ currency: "GBP", capacityWindows: 2, openLots: 0 }]);
  });

  test("an open lot priced in such a currency is counted; a draft is not", async () => {
    await lot("GBP", "open");
    await lot("NOK", "open");
    await lot("SEK", "draft");
    expect(await missingFx()).toEqual([
      { currency: "GBP", capacityWindows: 2, openLots: 1 },
      { currency: "NOK", capacityWindows: 0, openLots: 1 },
    ]);
  });

  test("the admin's dashboard shows the same list; another user's does not", async () => {
    const mine = await callRoute(dashboardRoute.loader, getRequest("/dashboard", { cookie: admin.cookie }));
    expect(mine.data.missingFx).toEqual([
      { currency: "GBP", capacityWindows: 2, openLots: 1 },
      { currency: "NOK", capacityWindows: 0, openLots: 1 },
    ]);
    const theirs = await callRoute(
      dashboardRoute.loader,
      getRequest("/dashboard", { cookie: seller.cookie }),
    );
    expect(theirs.data.missingFx).toEqual([]);
  });
});
