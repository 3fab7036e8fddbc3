import type { Metal } from "~/domain/metal-content.ts";
import { METALS } from "~/domain/metal-content.ts";
import {
  DEFAULT_REFERENCE_PRICES,
  type PriceUnit,
  type ReferencePrice,
  referencePriceFor,
} from "~/domain/reference-prices.ts";
import type { ReferencePrice as ReferencePriceRow } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { referenceCache } from "~/utils/reference-cache.server.ts";

/**
 * Reference metal prices are public data edited by platform admins. Rows are never changed: a new
 * quote is a new row, and the newest per metal applies (so the history stays visible). Metals
 * without any row fall back to DEFAULT_REFERENCE_PRICES from the domain.
 */

export function toReferencePrice(row: ReferencePriceRow): ReferencePrice {
  return {
    metal: row.metal as Metal,
    commodity: row.commodity,
    unit: row.unit as PriceUnit,
    priceMinorPerTonne: Number(row.priceMinorPerTonne),
    currency: row.currency,
    compoundPerMetalMilli: row.compoundPerMetalMilli,
    asOf: row.asOf.toISOString().slice(0, 10),
    sourceUrl: row.sourceUrl,
    ...(row.note ? { note: row.note } : {}),
  };
}

export async function listReferencePriceRows(): Promise<ReferencePriceRow[]> {
  return referencePriceRows.get(null);
}

// Read by every lot page and list; prices are only ever added (ADR 033). Callers must not modify the rows.
const referencePriceRows = referenceCache(
  [{ table: "ReferencePrice", stamp: "createdAt" }],
  async (_: null) =>
    db().referencePrice.findMany({
      orderBy: [{ metal: "asc" }, { asOf: "desc" }, { createdAt: "desc" }],
    }),
);

/**
 * The price in force for each metal: the newest stored one (by as-of date, then entry time), or
 * the shipped default. Value estimates need one currency: stored prices in another currency than
 * the default's are skipped rather than mixed (the admin form only offers USD for this reason).
 */
export async function currentReferencePrices(): Promise<{ prices: ReferencePrice[]; fromDatabase: Metal[] }> {
  const rows = await listReferencePriceRows();
  const prices: ReferencePrice[] = [];
  const fromDatabase: Metal[] = [];
  for (const metal of METALS) {
    const row = rows.find((r) => r.metal === metal && r.currency === "USD");
    if (row) {
      prices.push(toReferencePrice(row));
      fromDatabase.push(metal);
    } else {
      const fallback = referencePriceFor(DEFAULT_REFERENCE_PRICES, metal);
      if (fallback) prices.push(fallback);
    }
  }
  return { prices, fromDatabase };
}

export async function addReferencePrice(createdById: string, price: ReferencePrice) {
  return db().referencePrice.create({
    data: {
      metal: price.metal,
      commodity: price.commodity,
      unit: price.unit,
      priceMinorPerTonne: BigInt(price.priceMinorPerTonne),
      currency: price.currency,
      compoundPerMetalMilli: price.compoundPerMetalMilli,
      asOf: new Date(`${price.asOf}T00:00:00.000Z`),
      sourceUrl: price.sourceUrl,
      note: price.note ?? null,
      createdById,
    },
  });
}
