import {
  factorDefinition,
  factorProblem,
  type RejectedOverride,
  type ResolvedFactors,
  resolveFactors,
} from "~/domain/logistics/factors.ts";
import { type CurrencyInUse, currenciesWithoutRate } from "~/domain/matching/fx-rates.ts";
import type { Factor } from "~/generated.server/prisma/client.ts";
import { type DbClient, db } from "~/utils/db.server.ts";

/**
 * Logistics and market factors (ADR 010): dated, sourced values entered by platform admins on
 * /admin/factors. Rows are never changed: a new value is a new row, and the newest per key (by
 * as-of date, then entry time) applies, so the history stays. Keys without a row keep the default
 * of the domain catalogue (logistics/factors.ts).
 *
 * Every quote, lot page and plan reads the current factors, so they are kept in process for
 * CACHE_MS like the marketplace (matching.server.ts); adding a value forgets the cache at once, so
 * the admin's next quote already uses it. Another process sees it at most CACHE_MS later.
 */

const CACHE_MS = 5_000;

export interface FactorEntry {
  id: string;
  key: string;
  value: number;
  unit: string;
  /** YYYY-MM-DD. */
  asOf: string;
  sourceUrl: string;
  note: string | null;
  createdAt: string;
}

export interface CurrentFactors {
  factors: ResolvedFactors;
  /** The row in force per key that has one. */
  rows: Map<string, FactorEntry>;
  /** Rows in force that the catalogue refuses (an old key, a value now out of bounds): not applied. */
  rejected: RejectedOverride[];
}

let cached: { at: number; value: Promise<CurrentFactors> } | null = null;

export function toFactorEntry(row: Factor): FactorEntry {
  return {
    id: row.id,
    key: row.key,
    value: row.value,
    unit: row.unit,
    asOf: row.asOf.toISOString().slice(0, 10),
    sourceUrl: row.sourceUrl,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every stored value, newest first within each key (through `client`: inside a transaction too). */
export async function listFactorRows(client: DbClient = db()): Promise<FactorEntry[]> {
  const rows = await client.factor.findMany({
    orderBy: [{ key: "asc" }, { asOf: "desc" }, { createdAt: "desc" }],
  });
  return rows.map(toFactorEntry);
}

/** One key's values, newest first. */
export async function factorHistory(key: string): Promise<FactorEntry[]> {
  const rows = await db().factor.findMany({
    where: { key },
    orderBy: [{ asOf: "desc" }, { createdAt: "desc" }],
  });
  return rows.map(toFactorEntry);
}

async function loadCurrentFactors(client: DbClient = db()): Promise<CurrentFactors> {
  const rows = new Map<string, FactorEntry>();
  for (const entry of await listFactorRows(client)) if (!rows.has(entry.key)) rows.set(entry.key, entry);
  const { factors, rejected } = resolveFactors(
    [...rows.values()].map((entry) => ({
      key: entry.key,
      value: entry.value,
      asOf: entry.asOf,
      source: entry.sourceUrl,
    })),
  );
  return { factors, rows, rejected };
}

/** The factors in force, cached for a few seconds. */
export function currentFactors(now = Date.now()): Promise<CurrentFactors> {
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  const value = loadCurrentFactors();
  cached = { at: now, value };
  // A failed load must not be served to the next caller.
  value.catch(() => {
    if (cached?.value === value) cached = null;
  });
  return value;
}

/** The factors in force read through `client`, uncached: for a transaction that must not wait on another connection. */
export function currentFactorsIn(client: DbClient): Promise<CurrentFactors> {
  return loadCurrentFactors(client);
}

/** Forgets the cached factors (after a write, and in tests). */
export function forgetFactorCache(): void {
  cached = null;
}

export interface NewFactor {
  key: string;
  value: number;
  /** YYYY-MM-DD. */
  asOf: string;
  sourceUrl: string;
  note?: string;
}

/** Stores a new value (the route has validated it; the catalogue is checked again here). */
export async function addFactor(createdById: string, input: NewFactor): Promise<FactorEntry> {
  const definition = factorDefinition(input.key);
  const problem = factorProblem(input.key, input.value);
  if (!definition || problem) throw new Error(`Factor ${input.key} = ${input.value} refused: ${problem}`);
  const row = await db().factor.create({
    data: {
      key: input.key,
      value: input.value,
      unit: definition.unit,
      asOf: new Date(`${input.asOf}T00:00:00.000Z`),
      sourceUrl: input.sourceUrl,
      note: input.note ?? null,
      createdById,
    },
  });
  forgetFactorCache();
  return toFactorEntry(row);
}

/**
 * The currencies that price something still open, with how many: capacity windows of this month or
 * later, and open lots. One grouped query, for the missing-rate warning on /admin/factors.
 */
export async function currenciesInUse(client: DbClient = db()): Promise<CurrencyInUse[]> {
  const rows = await client.$queryRaw<{ currency: string; windows: number; lots: number }[]>`
    SELECT currency, SUM(windows)::int AS windows, SUM(lots)::int AS lots
    FROM (
      SELECT currency, 1 AS windows, 0 AS lots FROM "CapacityWindow"
      WHERE month >= date_trunc('month', now())::date
      UNION ALL
      SELECT currency, 0 AS windows, 1 AS lots FROM "Lot" WHERE status = 'open'
    ) AS used
    GROUP BY currency
    ORDER BY currency`;
  return rows.map((row) => ({
    currency: row.currency.trim(),
    capacityWindows: Number(row.windows),
    openLots: Number(row.lots),
  }));
}

/** The currencies in use that the rate table in force lacks (the admin's warning). */
export async function missingExchangeRates(): Promise<CurrencyInUse[]> {
  const [current, inUse] = await Promise.all([currentFactors(), currenciesInUse()]);
  return currenciesWithoutRate(current.factors.fxRates, inUse);
}
