// The browse routes on a real database: /lots and /facilities loaders (filters, 400 with named
// errors, pagination, the seller's drafts) and the compact map-data resource routes.
import { beforeAll, describe, expect, test } from "vitest";
import type { FacilityMapData, LotMapData } from "~/components/map/map-data.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as facilitiesPage from "~/routes/facilities._index.tsx";
import * as facilitiesMapData from "~/routes/facilities.map-data.ts";
import * as loginRoute from "~/routes/login.tsx";
import * as lotsPage from "~/routes/lots._index.tsx";
import * as lotsMapData from "~/routes/lots.map-data.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { callRoute, getRequest, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery";
let sellerCookie: string;

async function makeLot(organizationId: string, fields: Record<string, unknown>) {
  return db().lot.create({
    data: {
      organizationId,
      title: "Lot",
      chemistry: "LFP",
      form: "pack",
      condition: "intact",
      count: 1,
      massKg: 1000,
      lat: -33.9,
      lng: 151.2,
      economyCode: "AU",
      availableFrom: new Date("2026-12-01"),
      saleMode: "fixed",
      currency: "AUD",
      askingPriceMinor: 500_000n,
      status: "open",
      publishedAt: new Date("2026-11-01"),
      ...fields,
    },
  });
}

beforeAll(async () => {
  await insertEconomies(db());
  const seller = await createUserWithOrganization({
    name: "Sam Seller",
    email: "sam@example.com",
    password: PASSWORD,
    organizationName: "Sam's Fleet",
    economyCode: "AU",
    capabilities: ["seller"],
  });
  const other = await createUserWithOrganization({
    name: "Olga Other",
    email: "olga@example.com",
    password: PASSWORD,
    organizationName: "Olga Recycling",
    economyCode: "CL",
    capabilities: ["recycler"],
  });
  const login = await callRoute(
    loginRoute.action,
    postRequest("/login", { email: "sam@example.com", password: PASSWORD }),
  );
  sellerCookie = sessionCookieFrom(login.headers);
  for (let i = 0; i < 30; i++) {
    await makeLot(seller.organization.id, { title: `Sydney LFP packs ${i}`, massKg: 1000 + i });
  }
  await makeLot(other.organization.id, {
    title: "Santiago NMC black mass",
    chemistry: "NMC811",
    form: "black_mass",
    lat: -33.4,
    lng: -70.6,
    economyCode: "CL",
  });
  await makeLot(seller.organization.id, { title: "Sam's draft", status: "draft", publishedAt: null });
  await db().facility.create({
    data: {
      organizationId: other.organization.id,
      name: "Olga Hydromet Plant",
      economyCode: "CL",
      lat: -33.5,
      lng: -70.7,
      processes: ["mechanical", "hydrometallurgy"],
      acceptedChemistries: ["NMC811", "LFP"],
      acceptedForms: ["pack", "black_mass"],
      acceptedConditions: ["intact"],
      recoveryLiBp: 9000,
      recoveryNiBp: 9500,
      recoveryCoBp: 9500,
      recoveryMnBp: 8000,
      recoveryCuBp: 9000,
    },
  });
});

describe("/lots", () => {
  test("lists a page of open lots, counts them all, and points the map at the same filters", async () => {
    const outcome = await callRoute(lotsPage.loader, getRequest("/lots?chemistry=LFP&sort=mass_desc&page=2"));
    expect(outcome.status).toBe(200);
    const data = outcome.data as {
      total: number;
      rows: { title: string; price: unknown }[];
      mapDataUrl: string | null;
      canList: boolean;
    };
    expect(data.total).toBe(30);
    expect(data.rows.map((r) => r.title)).toEqual([
      "Sydney LFP packs 4",
      "Sydney LFP packs 3",
      "Sydney LFP packs 2",
      "Sydney LFP packs 1",
      "Sydney LFP packs 0",
    ]);
    expect(data.rows[0].price).toEqual({ amountMinor: 500_000, currency: "AUD" });
    expect(data.mapDataUrl).toBe("/lots/map-data?chemistry=LFP");
    expect(data.canList).toBe(false);
  });

  test("bad filters answer 400 with a message per parameter and no rows", async () => {
    const outcome = await callRoute(
      lotsPage.loader,
      getRequest("/lots?chemistry=NMC999&minSohPct=120&bbox=1,2"),
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object).sort()).toEqual(["bbox", "chemistry", "minSohPct"]);
    expect(outcome.data.rows).toEqual([]);
  });

  test("a seller sees their own drafts when asking for them, and may list a lot", async () => {
    const visitor = await callRoute(lotsPage.loader, getRequest("/lots?status=draft"));
    expect(visitor.data.total).toBe(0);
    const seller = await callRoute(
      lotsPage.loader,
      getRequest("/lots?status=draft", { cookie: sellerCookie }),
    );
    expect(seller.data.total).toBe(1);
    expect(seller.data.canList).toBe(true);
  });

  test("the map view reports the total without rows; the list view loads no map", async () => {
    const map = await callRoute(lotsPage.loader, getRequest("/lots?view=map"));
    expect(map.data).toMatchObject({ total: 31, rows: [] });
    const list = await callRoute(lotsPage.loader, getRequest("/lots?view=list"));
    expect(list.data.mapDataUrl).toBeNull();
  });
});

describe("/lots/map-data", () => {
  async function mapData(query: string, cookie?: string) {
    const response = (await lotsMapData.loader({
      request: getRequest(`/lots/map-data${query}`, { cookie }),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as LotMapData & { errors?: Record<string, string> },
    };
  }

  test("answers every matching lot in one compact JSON, ignoring bbox (the map's view filters only the list)", async () => {
    const { status, headers, body } = await mapData("?bbox=150,-35,152,-33");
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toMatch(/application\/json/);
    expect(body.kind).toBe("lots");
    expect(body.id).toHaveLength(31);
    expect(body.truncated).toBe(false);
    for (const key of ["no", "lat", "lng", "ch", "f", "kg"] as const) expect(body[key]).toHaveLength(31);
    expect(body.lng).toContain(-70.6);
  });

  test("applies the other filters, shows drafts to their organisation only, rejects bad filters", async () => {
    expect((await mapData("?chemistry=NMC811")).body.id).toHaveLength(1);
    expect((await mapData("?status=draft")).body.id).toHaveLength(0);
    expect((await mapData("?status=draft", sellerCookie)).body.id).toHaveLength(1);
    const bad = await mapData("?form=crate");
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty("form");
  });
});

describe("/facilities and its map data", () => {
  test("lists facilities by process and answers their map points", async () => {
    const page = await callRoute(facilitiesPage.loader, getRequest("/facilities?process=hydrometallurgy"));
    expect(page.data.total).toBe(1);
    expect((page.data.rows as { name: string }[])[0].name).toBe("Olga Hydromet Plant");
    expect(page.data.mapDataUrl).toBe("/facilities/map-data?process=hydrometallurgy");
    const none = await callRoute(facilitiesPage.loader, getRequest("/facilities?process=pyrometallurgy"));
    expect(none.data.total).toBe(0);
    const response = (await facilitiesMapData.loader({
      request: getRequest("/facilities/map-data?process=hydrometallurgy"),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    const body = (await response.json()) as FacilityMapData;
    expect(body).toMatchObject({
      kind: "facilities",
      name: ["Olga Hydromet Plant"],
      lat: [-33.5],
      lng: [-70.7],
      p: [0b101],
    });
    const bad = await callRoute(facilitiesPage.loader, getRequest("/facilities?process=alchemy"));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toHaveProperty("process");
  });
});
