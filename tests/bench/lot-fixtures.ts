// Realistic lots for the search and map benchmarks: seeded (the same lots every run), spread over
// the APEC region's battery hubs, with the chemistry, form, status and sale-mode mix of a busy
// marketplace and titles/descriptions built from the words people search for.
import { randomUUID } from "node:crypto";
import { CHEMISTRIES, LOT_FORMS } from "~/domain/codes.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { Database } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";

/** Deterministic PRNG (mulberry32), so every run searches the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

/** Battery hubs: [economy, place, lat, lng]. Several sit near 180° or across the Pacific. */
export const HUBS: readonly [string, string, number, number][] = [
  ["AU", "Melbourne", -37.8, 144.9],
  ["AU", "Sydney", -33.9, 151.2],
  ["AU", "Perth", -31.95, 115.86],
  ["NZ", "Auckland", -36.85, 174.76],
  ["NZ", "Christchurch", -43.53, 172.63],
  ["CN", "Shenzhen", 22.54, 114.06],
  ["CN", "Shanghai", 31.23, 121.47],
  ["CN", "Hefei", 31.82, 117.23],
  ["CN", "Ningde", 26.66, 119.55],
  ["HK", "Hong Kong", 22.32, 114.17],
  ["TW", "Taoyuan", 24.99, 121.3],
  ["JP", "Yokohama", 35.44, 139.64],
  ["JP", "Nagoya", 35.18, 136.91],
  ["JP", "Osaka", 34.69, 135.5],
  ["KR", "Ulsan", 35.54, 129.31],
  ["KR", "Pohang", 36.02, 129.34],
  ["RU", "Vladivostok", 43.12, 131.89],
  ["RU", "Petropavlovsk-Kamchatsky", 53.04, 158.65],
  ["PH", "Manila", 14.6, 120.98],
  ["VN", "Hai Phong", 20.86, 106.68],
  ["TH", "Rayong", 12.68, 101.27],
  ["MY", "Penang", 5.41, 100.33],
  ["SG", "Tuas", 1.3, 103.64],
  ["ID", "Morowali", -2.85, 121.99],
  ["BN", "Muara", 5.03, 115.07],
  ["PG", "Lae", -6.72, 146.99],
  ["US", "Honolulu", 21.31, -157.86],
  ["US", "Anchorage", 61.22, -149.9],
  ["US", "Oakland", 37.8, -122.27],
  ["US", "Reno", 39.53, -119.81],
  ["US", "Phoenix", 33.45, -112.07],
  ["US", "Detroit", 42.33, -83.05],
  ["CA", "Vancouver", 49.28, -123.12],
  ["CA", "Montreal", 45.5, -73.57],
  ["MX", "Monterrey", 25.69, -100.32],
  ["PE", "Callao", -12.05, -77.14],
  ["CL", "Santiago", -33.45, -70.67],
  ["CL", "Antofagasta", -23.65, -70.4],
];

const OEMS = [
  "Tesla",
  "BYD",
  "Nissan",
  "Hyundai",
  "Kia",
  "BMW",
  "CATL",
  "LG",
  "Panasonic",
  "Toyota",
  "Volvo",
  "Geely",
];
const VEHICLES = [
  "Model 3",
  "Model S",
  "Leaf",
  "Ioniq 5",
  "EV6",
  "i3",
  "Han",
  "Atto 3",
  "Prius",
  "bus",
  "forklift",
];
const FORM_WORDS: Record<string, string> = {
  pack: "packs",
  module: "modules",
  cell: "cells",
  black_mass: "black mass",
  production_scrap: "electrode scrap",
};
const STATUS_MIX = [
  ...Array<"open">(60).fill("open"),
  ...Array<"draft">(8).fill("draft"),
  ...Array<"closed">(10).fill("closed"),
  ...Array<"awarded">(8).fill("awarded"),
  ...Array<"withdrawn">(6).fill("withdrawn"),
  ...Array<"settled">(8).fill("settled"),
] as const;
const CHEMISTRY_MIX = [...CHEMISTRIES, "NMC811", "NMC622", "LFP", "LFP", "LFP", "NCA"] as const;

export function makeLot(random: () => number, organizationId: string, now: Date): Prisma.LotCreateManyInput {
  const [economyCode, place, lat, lng] = pick(random, HUBS);
  const chemistry = pick(random, CHEMISTRY_MIX);
  const form = pick(random, LOT_FORMS);
  const oem = pick(random, OEMS);
  const vehicle = pick(random, VEHICLES);
  const count = 1 + Math.floor(random() ** 2 * 400);
  const massKg = Math.round(50 + random() ** 3 * 40_000);
  const status = pick(random, STATUS_MIX);
  const saleMode = pick(random, ["auction", "sealed", "fixed"] as const);
  const day = 86_400_000;
  const publishedAt = status === "draft" ? null : new Date(now.getTime() - Math.floor(random() * 120) * day);
  const lot = {
    organizationId,
    title: `${count} × ${oem} ${vehicle} ${FORM_WORDS[form]} — ${place}`,
    description: `${chemistry} ${FORM_WORDS[form]} from ${oem} ${vehicle} fleet returns near ${place}. Palletised, UN38.3 summary available.`,
    chemistry,
    form,
    condition: pick(random, [
      "intact",
      "intact",
      "intact",
      "damaged",
      "defective",
      "critically_damaged",
    ] as const),
    count,
    massKg,
    energyWh: form === "black_mass" ? null : Math.round(massKg * 120),
    stateOfHealthPct: form === "black_mass" || random() < 0.3 ? null : 40 + Math.floor(random() * 60),
    originOem: oem,
    originVehicle: vehicle,
    lat: Math.round((lat + (random() - 0.5) * 1.6) * 1e5) / 1e5,
    lng: Math.round((lng + (random() - 0.5) * 1.6) * 1e5) / 1e5,
    locationLabel: place,
    economyCode,
    availableFrom: new Date(now.getTime() + Math.floor(random() * 60) * day),
    saleMode,
    currency: "USD",
    askingPriceMinor: saleMode === "fixed" ? BigInt(Math.round(massKg * 150)) : null,
    startingPriceMinor: saleMode === "auction" ? BigInt(Math.round(massKg * 80)) : null,
    closesAt:
      saleMode === "fixed" ? null : new Date(now.getTime() + Math.floor(random() * 30 * 24) * 3_600_000),
    status,
    publishedAt,
  } satisfies Prisma.LotCreateManyInput;
  // Publishing fixes the close a soft close may extend from (models/lot.server.ts publishLot).
  return { ...lot, originalClosesAt: publishedAt ? lot.closesAt : null };
}

type LotRow = Prisma.LotCreateManyInput & { id: string; createdAt: string; updatedAt: string };

/**
 * Inserts lots with one JSON parameter per batch, expanded by json_populate_recordset: Prisma's
 * createMany through the pg adapter inserted ~800 rows/s here, this tens of thousands per second.
 * The INSERT names the columns the rows carry, so every other column gets its default exactly as
 * the app's inserts do — `SELECT *` from the record set wrote NULL into every column the fixture
 * did not know, and broke on the next NOT NULL column with a default (Lot.closeCapMinutes).
 */
export async function insertLotRows(database: Database, rows: readonly LotRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const differs = rows.find((row) => Object.keys(row).join() !== columns.join());
  // A row without a key would get NULL rather than the column's default: refuse it instead.
  if (differs) throw new Error(`insertLotRows: every row needs the same columns (${columns.join(", ")})`);
  const list = columns.map((c) => `"${c}"`).join(", ");
  const json = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  await database.withConnection((sql) =>
    sql.query(
      `INSERT INTO "Lot" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"Lot", $1::json)`,
      [json],
    ),
  );
}

/** Economies, `orgCount` seller organisations and `lotCount` lots, inserted in batches. */
export async function seedLots(
  database: Database,
  lotCount: number,
  options: { orgCount?: number; seed?: number; now?: Date } = {},
): Promise<string[]> {
  const prisma = database.prisma;
  const random = prng(options.seed ?? 42);
  const now = options.now ?? new Date("2026-11-28T00:00:00Z");
  await insertEconomies(prisma);
  const orgCount = options.orgCount ?? 200;
  const orgIds = Array.from(
    { length: orgCount },
    (_, i) => `0193a000-0000-7000-8000-${String(i).padStart(12, "0")}`,
  );
  await prisma.organization.createMany({
    data: orgIds.map((id, i) => ({
      id,
      name: `Bench seller ${i}`,
      slug: `bench-seller-${i}`,
      economyCode: ECONOMIES[i % ECONOMIES.length].code,
      capabilities: ["seller"],
    })),
    skipDuplicates: true,
  });
  const BATCH = 5_000;
  const stamp = now.toISOString();
  for (let done = 0; done < lotCount; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, lotCount - done) }, () => ({
      ...makeLot(random, pick(random, orgIds), now),
      id: randomUUID(),
      // Prisma fills these in the client (@updatedAt, uuid) as the app's inserts do; the rest
      // (number, bidCount, version, the soft-close minutes…) are the database's defaults.
      createdAt: stamp,
      updatedAt: stamp,
    }));
    await insertLotRows(database, rows);
  }
  return orgIds;
}
