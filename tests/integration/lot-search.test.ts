// searchLots and lotMapPoints on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set): each filter narrows the result to exactly the lots it should, boxes may cross the
// antimeridian, and drafts and withdrawn lots stay with their own organisation.
import { beforeAll, describe, expect, test } from "vitest";
import { emptyLotFilters, type LotFilters, parseLotFilters } from "~/domain/lot-filters.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import {
  keepLotStatisticsFresh,
  lotMapPoints,
  searchLots,
  toPrefixTsQuery,
} from "~/models/lot-search.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";

let sellerA: string;
let sellerB: string;
const numberOf = new Map<string, number>();

type Seed = Partial<Prisma.LotCreateManyInput> & { title: string };

// Each lot is named by its title so expectations read as lists of names.
const SEEDS: (Seed & { org: "A" | "B" })[] = [
  {
    org: "A",
    title: "Tesla Model 3 packs Melbourne",
    chemistry: "NMC811",
    form: "pack",
    massKg: 4800,
    stateOfHealthPct: 72,
    lat: -37.8,
    lng: 144.9,
    economyCode: "AU",
    saleMode: "auction",
    publishedAt: new Date("2026-11-01"),
    closesAt: new Date("2026-12-20"),
    availableFrom: new Date("2026-12-01"),
  },
  {
    org: "A",
    title: "BYD Blade modules Shenzhen",
    chemistry: "LFP",
    form: "module",
    massKg: 12000,
    stateOfHealthPct: 85,
    lat: 22.5,
    lng: 114.1,
    economyCode: "CN",
    saleMode: "fixed",
    publishedAt: new Date("2026-11-05"),
    availableFrom: new Date("2026-11-20"),
    originOem: "BYD",
  },
  {
    org: "B",
    title: "Black mass from Santiago shredder",
    chemistry: "MIXED",
    form: "black_mass",
    massKg: 25000,
    lat: -33.4,
    lng: -70.6,
    economyCode: "CL",
    saleMode: "sealed",
    publishedAt: new Date("2026-11-03"),
    closesAt: new Date("2026-12-10"),
    availableFrom: new Date("2026-12-15"),
  },
  {
    org: "B",
    title: "Damaged Leaf cells Yokohama",
    chemistry: "LMO",
    form: "cell",
    condition: "damaged",
    massKg: 900,
    stateOfHealthPct: 40,
    lat: 35.4,
    lng: 139.6,
    economyCode: "JP",
    saleMode: "auction",
    publishedAt: new Date("2026-11-07"),
    closesAt: new Date("2026-12-01"),
    availableFrom: new Date("2026-11-10"),
    originVehicle: "Nissan Leaf",
  },
  {
    org: "B",
    title: "Hawaii bus packs Honolulu",
    chemistry: "NMC622",
    form: "pack",
    massKg: 3100,
    stateOfHealthPct: 78,
    lat: 21.3,
    lng: -157.9,
    economyCode: "US",
    saleMode: "fixed",
    publishedAt: new Date("2026-11-02"),
    availableFrom: new Date("2026-11-25"),
  },
  {
    org: "A",
    title: "Draft Auckland forklift packs",
    chemistry: "LFP",
    form: "pack",
    massKg: 700,
    lat: -36.8,
    lng: 174.8,
    economyCode: "NZ",
    saleMode: "fixed",
    status: "draft",
  },
  {
    org: "B",
    title: "Withdrawn Vancouver scrap",
    chemistry: "NCA",
    form: "production_scrap",
    massKg: 2000,
    lat: 49.3,
    lng: -123.1,
    economyCode: "CA",
    saleMode: "fixed",
    status: "withdrawn",
  },
  {
    org: "B",
    title: "Awarded Busan cells",
    chemistry: "NMC532",
    form: "cell",
    massKg: 1500,
    stateOfHealthPct: 90,
    lat: 35.1,
    lng: 129.0,
    economyCode: "KR",
    saleMode: "auction",
    status: "awarded",
    publishedAt: new Date("2026-10-01"),
    availableFrom: new Date("2026-10-15"),
  },
];

beforeAll(async () => {
  await insertEconomies(db());
  const make = async (email: string, name: string) =>
    (
      await createUserWithOrganization({
        name,
        email,
        password: "correct horse battery",
        organizationName: name,
        economyCode: "AU",
        capabilities: ["seller"],
      })
    ).organization.id;
  sellerA = await make("a@example.com", "Fleet A");
  sellerB = await make("b@example.com", "Fleet B");
  for (const { org, ...seed } of SEEDS) {
    const lot = await db().lot.create({
      data: {
        condition: "intact",
        count: 1,
        currency: "USD",
        status: "open",
        availableFrom: new Date("2026-12-01"),
        economyCode: "AU",
        lat: 0,
        lng: 0,
        chemistry: "LFP",
        form: "pack",
        saleMode: "fixed",
        massKg: 1000,
        ...seed,
        organizationId: org === "A" ? sellerA : sellerB,
      },
    });
    numberOf.set(lot.title, lot.number);
  }
});

function filters(query: string): LotFilters {
  const parsed = parseLotFilters(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filters;
}

async function titles(query: string, viewer: string | null = null, page = { limit: 50, offset: 0 }) {
  const { lots, total } = await searchLots(filters(query), page, viewer);
  return { titles: lots.map((l) => l.title), total };
}

const OPEN_PUBLIC = [
  "Tesla Model 3 packs Melbourne",
  "BYD Blade modules Shenzhen",
  "Black mass from Santiago shredder",
  "Damaged Leaf cells Yokohama",
  "Hawaii bus packs Honolulu",
];

describe("searchLots", () => {
  test("by default: open lots only, newest published first, with the total", async () => {
    const result = await titles("");
    expect(result.titles).toEqual([
      "Damaged Leaf cells Yokohama",
      "BYD Blade modules Shenzhen",
      "Black mass from Santiago shredder",
      "Hawaii bus packs Honolulu",
      "Tesla Model 3 packs Melbourne",
    ]);
    expect(result.total).toBe(5);
  });

  test.each([
    ["chemistry=LFP", ["BYD Blade modules Shenzhen"]],
    ["chemistry=nmc811,LMO", ["Tesla Model 3 packs Melbourne", "Damaged Leaf cells Yokohama"]],
    ["form=pack", ["Tesla Model 3 packs Melbourne", "Hawaii bus packs Honolulu"]],
    ["condition=damaged", ["Damaged Leaf cells Yokohama"]],
    ["economy=cl&economy=JP", ["Black mass from Santiago shredder", "Damaged Leaf cells Yokohama"]],
    ["saleMode=sealed", ["Black mass from Santiago shredder"]],
    [
      "minMassKg=3100&maxMassKg=12000",
      ["Tesla Model 3 packs Melbourne", "BYD Blade modules Shenzhen", "Hawaii bus packs Honolulu"],
    ],
    ["minSohPct=70&maxSohPct=80", ["Tesla Model 3 packs Melbourne", "Hawaii bus packs Honolulu"]],
    ["status=awarded", ["Awarded Busan cells"]],
    ["status=open,awarded&chemistry=NMC532", ["Awarded Busan cells"]],
    ["q=tesla", ["Tesla Model 3 packs Melbourne"]],
    ["q=leaf", ["Damaged Leaf cells Yokohama"]],
    ["q=nissan", ["Damaged Leaf cells Yokohama"]],
    ["q=byd shenz", ["BYD Blade modules Shenzhen"]],
    ["q=packs", ["Tesla Model 3 packs Melbourne", "Hawaii bus packs Honolulu"]],
    ["q=zzz-nothing", []],
    ["q=%27%3B%20drop%20table", []],
    // Australia and East Asia, west of the antimeridian.
    [
      "bbox=100,-45,150,40",
      ["Tesla Model 3 packs Melbourne", "BYD Blade modules Shenzhen", "Damaged Leaf cells Yokohama"],
    ],
    // Japan to Hawaii: crosses the antimeridian (minLng > maxLng).
    ["bbox=130,0,-150,50", ["Damaged Leaf cells Yokohama", "Hawaii bus packs Honolulu"]],
    // The Americas only.
    ["bbox=-180,-60,-30,60", ["Black mass from Santiago shredder", "Hawaii bus packs Honolulu"]],
    ["bbox=100,-45,150,40&chemistry=LFP&form=module", ["BYD Blade modules Shenzhen"]],
  ])("%s narrows to exactly its lots", async (query, expected) => {
    const result = await titles(query);
    expect([...result.titles].sort()).toEqual([...expected].sort());
    expect(result.total).toBe(expected.length);
  });

  test("a lot reference such as PL-000123 finds that lot", async () => {
    const n = numberOf.get("Hawaii bus packs Honolulu")!;
    expect((await titles(`q=PL-${String(n).padStart(6, "0")}`)).titles).toEqual([
      "Hawaii bus packs Honolulu",
    ]);
  });

  test.each([
    [
      "mass_desc",
      [
        "Black mass from Santiago shredder",
        "BYD Blade modules Shenzhen",
        "Tesla Model 3 packs Melbourne",
        "Hawaii bus packs Honolulu",
        "Damaged Leaf cells Yokohama",
      ],
    ],
    [
      "mass_asc",
      [
        "Damaged Leaf cells Yokohama",
        "Hawaii bus packs Honolulu",
        "Tesla Model 3 packs Melbourne",
        "BYD Blade modules Shenzhen",
        "Black mass from Santiago shredder",
      ],
    ],
    // Fixed-price lots have no closing time and come last.
    [
      "closing_soon",
      [
        "Damaged Leaf cells Yokohama",
        "Black mass from Santiago shredder",
        "Tesla Model 3 packs Melbourne",
        "BYD Blade modules Shenzhen",
        "Hawaii bus packs Honolulu",
      ],
    ],
    [
      "available_from",
      [
        "Damaged Leaf cells Yokohama",
        "BYD Blade modules Shenzhen",
        "Hawaii bus packs Honolulu",
        "Tesla Model 3 packs Melbourne",
        "Black mass from Santiago shredder",
      ],
    ],
  ])("sort=%s orders the lots", async (sort, expected) => {
    expect((await titles(`sort=${sort}`)).titles).toEqual(expected);
  });

  test("pages do not overlap, and every page reports the full total", async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await titles("sort=mass_asc", null, { limit: 2, offset });
      expect(page.total).toBe(5);
      seen.push(...page.titles);
    }
    expect(seen).toEqual((await titles("sort=mass_asc")).titles);
    expect(await titles("", null, { limit: 2, offset: 10 })).toEqual({ titles: [], total: 5 });
  });

  test("drafts and withdrawn lots are visible to their own organisation only", async () => {
    const query = "status=draft,withdrawn";
    expect(await titles(query, null)).toEqual({ titles: [], total: 0 });
    expect((await titles(query, sellerA)).titles).toEqual(["Draft Auckland forklift packs"]);
    expect((await titles(query, sellerB)).titles).toEqual(["Withdrawn Vancouver scrap"]);
    // Asking for every state still hides the other organisation's drafts.
    const all = await titles(`status=${["draft", "open", "withdrawn", "awarded"].join(",")}`, sellerA);
    expect(all.total).toBe(OPEN_PUBLIC.length + 2);
    expect(all.titles).toContain("Draft Auckland forklift packs");
    expect(all.titles).not.toContain("Withdrawn Vancouver scrap");
  });

  test("returns whole lots with their money columns as bigint", async () => {
    await db().lot.updateMany({
      where: { title: "BYD Blade modules Shenzhen" },
      data: { askingPriceMinor: 123_400n },
    });
    const { lots } = await searchLots(filters("chemistry=LFP"), { limit: 10, offset: 0 }, null);
    expect(lots[0]).toMatchObject({ askingPriceMinor: 123_400n, massKg: 12000, organizationId: sellerA });
    expect(lots[0].availableFrom).toBeInstanceOf(Date);
  });
});

describe("lotMapPoints", () => {
  test("one compact row per matching lot, the bounding box applied", async () => {
    const { points, truncated } = await lotMapPoints(filters("bbox=130,0,-150,50"), null);
    expect(truncated).toBe(false);
    expect(points.map((p) => p.number).sort()).toEqual(
      [numberOf.get("Damaged Leaf cells Yokohama"), numberOf.get("Hawaii bus packs Honolulu")].sort(),
    );
    expect(points.find((p) => p.lng < 0)).toMatchObject({
      lat: 21.3,
      lng: -157.9,
      chemistry: "NMC622",
      form: "pack",
      massKg: 3100,
    });
  });

  test("drafts only for their organisation", async () => {
    const base = { ...emptyLotFilters(), status: ["draft" as const] };
    expect((await lotMapPoints(base, sellerB)).points).toEqual([]);
    expect((await lotMapPoints(base, sellerA)).points).toHaveLength(1);
  });
});

describe("toPrefixTsQuery", () => {
  test.each([
    ["Tesla packs", "tesla:* & packs:*"],
    ["  NMC-811 ", "nmc:* & 811:*"],
    ["a & b | !c", "a:* & b:* & c:*"],
    ["':*", null],
  ])("%j → %j", (q, expected) => {
    expect(toPrefixTsQuery(q)).toBe(expected);
  });
});

describe("keepLotStatisticsFresh", () => {
  test("on PGlite, which has no autovacuum, analyses the lots after many changes, at most once a minute", async () => {
    const onPglite = process.env.TEST_DB_KIND !== "postgres";
    await db().lot.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        organizationId: sellerA,
        title: `Bulk ${i}`,
        chemistry: "LFP" as const,
        form: "pack" as const,
        condition: "intact" as const,
        count: 1,
        massKg: 500,
        lat: -33.9,
        lng: 151.2,
        economyCode: "AU",
        availableFrom: new Date("2026-12-01"),
        saleMode: "fixed" as const,
        currency: "USD",
        status: "closed" as const,
      })),
    });
    // Table statistics reach pg_stat_user_tables once the session has been idle for a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await db().$queryRaw`SELECT 1`;
    const later = Date.now() + 5 * 60_000;
    expect(await keepLotStatisticsFresh(later)).toBe(onPglite);
    expect(await keepLotStatisticsFresh(later + 1000)).toBe(false);
    if (onPglite) {
      const [row] = await db().$queryRaw<{ tuples: number }[]>`
        SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = '"Lot"'::regclass`;
      expect(row.tuples).toBe(SEEDS.length + 120);
    }
  });
});
