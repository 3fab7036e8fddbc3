// The facility search (searchFacilities, facilityMapPoints) and GET /api/v1/facilities[/{id}] on a
// real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): each filter narrows to
// exactly the facilities it should, boxes may cross the antimeridian, unlisted facilities stay with
// their owner, and the JSON has the shape issue 3 fixes.
import { beforeAll, describe, expect, test } from "vitest";
import { monthOf, monthStart, nextMonth } from "~/domain/capacity.ts";
import {
  EMPTY_FACILITY_FILTERS,
  type FacilityFilters,
  parseFacilityFilters,
} from "~/domain/facility-filters.ts";
import { type FacilityProfile, validateFacilityProfile } from "~/domain/facility-input.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { facilityMapPoints, searchFacilities } from "~/models/facility-search.server.ts";
import { loader as detailLoader } from "~/routes/api.v1.facilities.$facilityId.ts";
import { loader as listLoader } from "~/routes/api.v1.facilities.ts";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { ORIGIN } from "../fixtures/routes.ts";

const ids = new Map<string, string>();
let token: string;
let rivalToken: string;
let ownerOrganizationId: string;

function profile(overrides: Record<string, string | string[]>): FacilityProfile {
  const result = validateFacilityProfile(facilityFields(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.profile;
}

// Named facilities, so that expectations read as lists of names.
const FACILITIES: Record<string, Record<string, string | string[]>> = {
  "Melbourne Shredder": {
    economy: "AU",
    lat: "-37.8",
    lng: "144.9",
    processes: ["mechanical"],
    acceptedChemistries: ["NMC811", "LFP"],
    acceptedForms: ["pack", "module"],
    acceptedConditions: ["intact", "damaged"],
    holdsImportConsent: "on",
    description: "Discharge and shredding to black mass.",
  },
  "Ulsan Hydromet": {
    economy: "KR",
    lat: "35.5",
    lng: "129.3",
    processes: ["hydrometallurgy"],
    acceptedChemistries: ["NMC622", "NMC811", "NCA"],
    acceptedForms: ["black_mass"],
    acceptedConditions: ["intact", "damaged", "defective"],
    holdsImportConsent: "on",
    description: "Leaching and solvent extraction of nickel-rich BLACK MASS.",
  },
  "Nevada Smelter": {
    economy: "US",
    lat: "39.5",
    lng: "-119.8",
    processes: ["pyrometallurgy", "mechanical"],
    acceptedChemistries: ["NMC111", "LCO", "MIXED"],
    acceptedForms: ["pack", "cell", "production_scrap"],
    acceptedConditions: ["intact", "damaged", "defective", "critically_damaged"],
    holdsImportConsent: "",
    description: "",
  },
  "Santiago Second Life": {
    economy: "CL",
    lat: "-33.4",
    lng: "-70.6",
    processes: ["second_life"],
    acceptedChemistries: ["LFP"],
    acceptedForms: ["pack"],
    acceptedConditions: ["intact"],
    holdsImportConsent: "",
    description: "Repurposes LFP packs for stationary storage.",
  },
};

beforeAll(async () => {
  await insertEconomies(db());
  const owner = await accountWith(["recycler"]);
  const rival = await accountWith(["buyer"], "JP");
  ownerOrganizationId = owner.organizationId;
  token = (
    await createApiToken({ organizationId: owner.organizationId, createdById: owner.userId, name: "t" })
  ).token;
  rivalToken = (
    await createApiToken({ organizationId: rival.organizationId, createdById: rival.userId, name: "t" })
  ).token;
  for (const [index, [name, overrides]] of Object.entries(FACILITIES).entries()) {
    const facility = await createFacility(owner.organizationId, profile({ ...overrides, name }));
    // Distinct creation times, so "newest first" has one right answer.
    await db().facility.update({
      where: { id: facility.id },
      data: { createdAt: new Date(Date.UTC(2026, 0, 1 + index)) },
    });
    ids.set(name, facility.id);
  }
  const unlisted = await createFacility(
    owner.organizationId,
    profile({ ...FACILITIES["Melbourne Shredder"], name: "Unlisted Depot" }),
  );
  await db().facility.update({ where: { id: unlisted.id }, data: { active: false } });
  ids.set("Unlisted Depot", unlisted.id);
});

const names = async (filters: Partial<FacilityFilters>, page = { limit: 50, offset: 0 }) =>
  (await searchFacilities({ ...EMPTY_FACILITY_FILTERS, ...filters }, page)).facilities.map((f) => f.name);

function filtersOf(query: string): FacilityFilters {
  const parsed = parseFacilityFilters(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filters;
}

describe("searchFacilities", () => {
  test.each([
    ["", ["Melbourne Shredder", "Nevada Smelter", "Santiago Second Life", "Ulsan Hydromet"]],
    ["economy=KR", ["Ulsan Hydromet"]],
    ["economy=KR,US", ["Nevada Smelter", "Ulsan Hydromet"]],
    ["process=mechanical", ["Melbourne Shredder", "Nevada Smelter"]],
    ["process=second_life&process=hydrometallurgy", ["Santiago Second Life", "Ulsan Hydromet"]],
    ["chemistry=LFP", ["Melbourne Shredder", "Santiago Second Life"]],
    ["chemistry=NCA,LCO", ["Nevada Smelter", "Ulsan Hydromet"]],
    ["form=black_mass", ["Ulsan Hydromet"]],
    ["condition=critically_damaged", ["Nevada Smelter"]],
    ["condition=defective", ["Nevada Smelter", "Ulsan Hydromet"]],
    ["holdsImportConsent=true", ["Melbourne Shredder", "Ulsan Hydromet"]],
    ["holdsImportConsent=false", ["Nevada Smelter", "Santiago Second Life"]],
    ["q=black mass", ["Melbourne Shredder", "Ulsan Hydromet"]],
    ["q=SMELTER", ["Nevada Smelter"]],
    ["q=nothing-like-this", []],
    // Asia-Pacific west of the antimeridian only.
    ["bbox=100,-50,180,60", ["Melbourne Shredder", "Ulsan Hydromet"]],
    // From Korea eastwards across the Pacific to the Americas.
    [
      "bbox=125,-60,-60,60",
      ["Melbourne Shredder", "Nevada Smelter", "Santiago Second Life", "Ulsan Hydromet"],
    ],
    ["bbox=130,-60,-100,60", ["Melbourne Shredder", "Nevada Smelter"]],
    ["bbox=-130,20,-100,50", ["Nevada Smelter"]],
    ["process=mechanical&chemistry=LFP&economy=AU", ["Melbourne Shredder"]],
    ["process=mechanical&economy=KR", []],
  ])("%s", async (query, expected) => {
    expect(await names(filtersOf(query))).toEqual(expected);
  });

  test("unlisted facilities are not public", async () => {
    expect(await names({ q: "Unlisted" })).toEqual([]);
  });

  test("sorting and pages", async () => {
    expect(await names(filtersOf("sort=economy"))).toEqual([
      "Melbourne Shredder",
      "Santiago Second Life",
      "Ulsan Hydromet",
      "Nevada Smelter",
    ]);
    expect(await names(filtersOf("sort=newest"))).toEqual([
      "Santiago Second Life",
      "Nevada Smelter",
      "Ulsan Hydromet",
      "Melbourne Shredder",
    ]);
    const page = await searchFacilities(EMPTY_FACILITY_FILTERS, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.facilities.map((f) => f.name)).toEqual(["Nevada Smelter", "Santiago Second Life"]);
  });

  test("map points are compact and follow the same filters", async () => {
    const points = await facilityMapPoints(filtersOf("process=mechanical"));
    expect(points).toEqual([
      {
        id: ids.get("Melbourne Shredder"),
        name: "Melbourne Shredder",
        lat: -37.8,
        lng: 144.9,
        processes: ["mechanical"],
        economy: "AU",
      },
      {
        id: ids.get("Nevada Smelter"),
        name: "Nevada Smelter",
        lat: 39.5,
        lng: -119.8,
        processes: ["mechanical", "pyrometallurgy"],
        economy: "US",
      },
    ]);
  });
});

function apiGet(path: string, bearer: string | null = token) {
  return new Request(`${ORIGIN}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
}

async function callList(path: string, bearer: string | null = token) {
  const response = await listLoader({ request: apiGet(path, bearer), params: {}, context: { cspNonce: "" } });
  return { status: response.status, type: response.headers.get("Content-Type"), body: await response.json() };
}

async function callDetail(id: string, bearer: string | null = token) {
  const response = await detailLoader({
    request: apiGet(`/api/v1/facilities/${id}`, bearer),
    params: { facilityId: id },
    context: { cspNonce: "" },
  });
  return { status: response.status, type: response.headers.get("Content-Type"), body: await response.json() };
}

describe("GET /api/v1/facilities", () => {
  test("answers a page of facilities with the filters as query parameters", async () => {
    const { status, body } = await callList("/api/v1/facilities?chemistry=LFP&limit=1&offset=1");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(body.facilities.map((f: { name: string }) => f.name)).toEqual(["Santiago Second Life"]);
  });

  test("bad parameters are a 400 problem naming each one", async () => {
    const { status, type, body } = await callList("/api/v1/facilities?economy=DE&bbox=1,2&limit=0");
    expect(status).toBe(400);
    expect(type).toBe("application/problem+json");
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["bbox", "economy"]);
    const paging = await callList("/api/v1/facilities?limit=501");
    expect(paging.status).toBe(400);
    expect(paging.body.errors).toEqual([{ field: "limit", message: expect.stringMatching(/500/) }]);
  });

  test("needs credentials", async () => {
    const { status, body } = await callList("/api/v1/facilities", null);
    expect(status).toBe(401);
    expect(body.code).toBe("UNAUTHENTICATED");
  });
});

describe("GET /api/v1/facilities/{id}", () => {
  test("has the documented shape: percentages, tonnes, money, months, expiry flags", async () => {
    const id = ids.get("Ulsan Hydromet")!;
    const thisMonth = monthOf(new Date());
    await db().capacityWindow.createMany({
      data: [
        // Last month's window is history, not capacity on offer.
        {
          facilityId: id,
          month: monthStart(monthOf(new Date(Date.now() - 40 * 86_400_000))),
          capacityKg: 1,
          priceMinorPerTonne: 1n,
          currency: "KRW",
          priceKind: "payable",
        },
        {
          facilityId: id,
          month: monthStart(nextMonth(thisMonth)),
          capacityKg: 1_250_125,
          bookedKg: 300_000,
          priceMinorPerTonne: 2_400_000n,
          currency: "KRW",
          priceKind: "payable",
          acceptedChemistries: ["NMC811"],
        },
        {
          facilityId: id,
          month: monthStart(thisMonth),
          capacityKg: 500_000,
          priceMinorPerTonne: 15_000n,
          currency: "USD",
          priceKind: "gate_fee",
        },
      ],
    });
    await db().facilityCertification.createMany({
      data: [
        { facilityId: id, name: "ISO 14001", reference: "KR-1", expiresOn: new Date("2099-01-31T00:00:00Z") },
        { facilityId: id, name: "Waste permit", expiresOn: new Date("2020-01-31T00:00:00Z") },
      ],
    });

    const { status, body } = await callDetail(id);
    expect(status).toBe(200);
    expect(body).toEqual({
      id,
      name: "Ulsan Hydromet",
      description: "Leaching and solvent extraction of nickel-rich BLACK MASS.",
      address: "Corio, Victoria",
      website: "https://example.com/geelong",
      location: { lat: 35.5, lng: 129.3 },
      economy: "KR",
      processes: ["hydrometallurgy"],
      acceptedChemistries: ["NMC622", "NMC811", "NCA"],
      acceptedForms: ["black_mass"],
      acceptedConditions: ["intact", "damaged", "defective"],
      recoveryRatesPct: { li: 90, ni: 98, co: 98.5, mn: 95.25, cu: 97 },
      holdsImportConsent: true,
      annualCapacityTonnes: 12000,
      certifications: [
        {
          id: expect.any(String),
          name: "ISO 14001",
          reference: "KR-1",
          issuedBy: null,
          expiresOn: "2099-01-31",
          expired: false,
        },
        {
          id: expect.any(String),
          name: "Waste permit",
          reference: null,
          issuedBy: null,
          expiresOn: "2020-01-31",
          expired: true,
        },
      ],
      organizationId: ownerOrganizationId,
      capacity: [
        {
          id: expect.any(String),
          month: thisMonth,
          tonnes: 500,
          bookedTonnes: 0,
          freeTonnes: 500,
          pricePerTonne: { amountMinor: 15_000, currency: "USD" },
          priceKind: "gate_fee",
          // Not narrowed: the facility's own list.
          acceptedChemistries: ["NMC622", "NMC811", "NCA"],
          note: null,
        },
        {
          id: expect.any(String),
          month: nextMonth(thisMonth),
          tonnes: 1250.125,
          bookedTonnes: 300,
          freeTonnes: 950.125,
          pricePerTonne: { amountMinor: 2_400_000, currency: "KRW" },
          priceKind: "payable",
          acceptedChemistries: ["NMC811"],
          note: null,
        },
      ],
    });

    // The list carries the same shape for each facility.
    const list = await callList("/api/v1/facilities?economy=KR");
    expect(list.body.facilities).toEqual([body]);
  });

  test("unknown and malformed ids are a 404 problem", async () => {
    for (const id of ["00000000-0000-7000-8000-000000000000", "nope"]) {
      const { status, type, body } = await callDetail(id);
      expect(status).toBe(404);
      expect(type).toBe("application/problem+json");
      expect(body.code).toBe("NOT_FOUND");
    }
  });

  test("an unlisted facility is visible to its own organisation only", async () => {
    const id = ids.get("Unlisted Depot")!;
    expect((await callDetail(id, rivalToken)).status).toBe(404);
    const own = await callDetail(id, token);
    expect(own.status).toBe(200);
    expect(own.body.name).toBe("Unlisted Depot");
  });

  test("needs credentials", async () => {
    expect((await callDetail(ids.get("Ulsan Hydromet")!, null)).status).toBe(401);
  });
});

test("the OpenAPI document describes the facility endpoints", async () => {
  const response = await openApiLoader({
    request: new Request(`${ORIGIN}/api/v1/openapi.json`),
    params: {},
    context: { cspNonce: "" },
  });
  const document = await response.json();
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/api/v1/facilities", "/api/v1/facilities/{id}"]),
  );
  const parameters = document.paths["/api/v1/facilities"].get.parameters.map((p: { name: string }) => p.name);
  expect(parameters).toEqual(
    expect.arrayContaining([
      "economy",
      "process",
      "chemistry",
      "form",
      "condition",
      "holdsImportConsent",
      "q",
      "bbox",
      "sort",
      "limit",
      "offset",
    ]),
  );
  expect(document.components.schemas.Facility.required).toEqual(
    expect.arrayContaining(["recoveryRatesPct", "capacity", "holdsImportConsent"]),
  );
  expect(document.components.schemas.CapacityWindow.properties.priceKind.enum).toEqual([
    "payable",
    "gate_fee",
  ]);
});
