import { randomUUID } from "node:crypto";
import { addWeeks, cellKeyString, weekStartOf, weeksBetween } from "~/domain/price-index/cells.ts";
import { type DatedFactor, weekInputsMemo } from "~/domain/price-index/inputs.ts";
import { METHODOLOGY_VERSION, ROLL_WEEKS } from "~/domain/price-index/methodology.ts";
import { type Observation, observe } from "~/domain/price-index/observation.ts";
import { correctionReason, type DroppedDeal } from "~/domain/price-index/records.ts";
import {
  buildSeries,
  type IndexRow,
  type PublishedPoint,
  rollHorizonBefore,
} from "~/domain/price-index/series.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { toReferencePrice } from "../reference-price.server.ts";
import { loadDealFacts } from "./deal-facts.server.ts";

/**
 * Recomputes the price index over a range of ISO weeks (ADR 035) and stores it: every cell-week of
 * the range is rewritten, published values that change are logged as corrections (old → new, reason,
 * date), and the run is recorded. The range is stretched forward by ROLL_WEEKS (up to the current
 * week) so that the rolled values following a changed week follow it.
 *
 * Reads happen before the write; the write takes a transaction-scoped advisory lock, so two
 * instances recomputing at once write one after the other and the second logs no correction the
 * first already logged (it compares against what the first wrote).
 */

const LOCK_KEY = 350_035;

const INSERT_ROWS = `
  INSERT INTO "PriceIndexValue" ("id", "weekStart", "family", "form", "region", "publication", "value", "unit",
    "final", "rolledFromWeek", "dealCount", "sellerCount", "buyerCount", "volumeKg", "methodologyVersion",
    "reasons", "outliers", "computedAt")
  SELECT r."id"::uuid, r."weekStart"::date, r."family", r."form", r."region",
    r."publication"::"PriceIndexPublication", r."value", r."unit", r."final", r."rolledFromWeek"::date,
    r."dealCount", r."sellerCount", r."buyerCount", r."volumeKg", r."methodologyVersion", r."reasons",
    r."outliers", r."computedAt"
  FROM json_to_recordset($1::json) AS r("id" text, "weekStart" text, "family" text, "form" text,
    "region" text, "publication" text, "value" int, "unit" text, "final" boolean, "rolledFromWeek" text,
    "dealCount" int, "sellerCount" int, "buyerCount" int, "volumeKg" bigint, "methodologyVersion" text,
    "reasons" jsonb, "outliers" jsonb, "computedAt" timestamptz)`;

export interface RecomputeOptions {
  trigger: "loop" | "deal_settled" | "admin" | "test" | "bench";
  now?: Date;
}

export interface RecomputeResult {
  fromWeek: string;
  toWeek: string;
  rows: number;
  published: number;
  corrections: number;
}

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

async function datedInputs() {
  const [factorRows, priceRows] = await Promise.all([
    db().factor.findMany({
      where: { key: { startsWith: "fx." } },
      orderBy: [{ asOf: "desc" }, { createdAt: "desc" }],
    }),
    db().referencePrice.findMany({ orderBy: [{ asOf: "desc" }, { createdAt: "desc" }] }),
  ]);
  // Newest entry first: of two rows with one as-of date, inputs.ts keeps the first it sees.
  const fx: DatedFactor[] = factorRows.map((row) => ({
    key: row.key,
    value: row.value,
    asOf: iso(row.asOf),
    source: row.sourceUrl,
  }));
  return { fx, prices: priceRows.map(toReferencePrice) };
}

async function previousPublished(fromWeek: string): Promise<Map<string, PublishedPoint>> {
  const rows = await db().priceIndexValue.findMany({
    where: {
      publication: "published",
      weekStart: { gte: day(rollHorizonBefore(fromWeek)), lt: day(fromWeek) },
    },
    orderBy: { weekStart: "asc" },
  });
  const previous = new Map<string, PublishedPoint>();
  for (const row of rows) {
    if (row.value === null) continue;
    const key = cellKeyString({ family: row.family, form: row.form, region: row.region } as IndexRow["cell"]);
    previous.set(key, { weekStart: iso(row.weekStart), value: row.value, final: row.final });
  }
  return previous;
}

function rowKey(cell: IndexRow["cell"], weekStart: string) {
  return `${cellKeyString(cell)}|${weekStart}`;
}

export async function recomputePriceIndex(
  range: { fromWeek: string; toWeek: string },
  options: RecomputeOptions,
): Promise<RecomputeResult> {
  const now = options.now ?? new Date();
  const fromWeek = weekStartOf(day(range.fromWeek));
  const currentWeek = weekStartOf(now);
  const requestedTo = weekStartOf(day(range.toWeek));
  const rollEnd = addWeeks(requestedTo, ROLL_WEEKS);
  // ISO dates sort as text: the earlier of the roll's end and this week, unless the range ends later.
  const toWeek = requestedTo >= currentWeek ? requestedTo : [rollEnd, currentWeek].sort()[0];
  const weeks = weeksBetween(fromWeek, toWeek);

  const [inputs, facts, previous] = await Promise.all([
    datedInputs(),
    loadDealFacts(db(), day(fromWeek), day(addWeeks(toWeek, 1))),
    previousPublished(fromWeek),
  ]);
  const inputsFor = weekInputsMemo(inputs.fx, inputs.prices);
  const observations: Observation[] = [];
  const dropped = new Map<string, DroppedDeal[]>();
  for (const fact of facts) {
    const result = observe(fact, inputsFor);
    if (result.ok) observations.push(result.observation);
    else if (result.cell) {
      const key = rowKey(result.cell, result.weekStart);
      dropped.set(key, [
        ...(dropped.get(key) ?? []),
        {
          dealId: result.dealId,
          kind: "excluded",
          code: result.code,
          message: result.message,
          ...(result.currency ? { currency: result.currency } : {}),
        },
      ]);
    }
  }
  const rows = buildSeries(observations, weeks, previous);
  const byKey = new Map(rows.map((row) => [rowKey(row.cell, row.weekStart), row]));
  for (const [key, deals] of dropped) {
    if (byKey.has(key)) continue;
    const [family, form, region, weekStart] = key.split("|");
    const cell = { family, form, region } as IndexRow["cell"];
    const row: IndexRow = {
      cell,
      weekStart,
      publication: "insufficient_data",
      value: null,
      unit: form === "battery" ? "usd_per_tonne" : "payable_bp",
      final: false,
      rolledFromWeek: null,
      dealCount: 0,
      sellerCount: 0,
      buyerCount: 0,
      volumeKg: 0,
      methodologyVersion: rows[0]?.methodologyVersion ?? "",
      reasons: [{ code: "TOO_FEW_DEALS", message: `No deal could be used (${deals.length} excluded).` }],
      outliers: [],
    };
    rows.push(row);
    byKey.set(key, row);
  }

  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      const existing = await tx.priceIndexValue.findMany({
        where: { weekStart: { gte: day(fromWeek), lte: day(toWeek) }, publication: "published" },
        omit: { reasons: true, outliers: true },
      });
      const corrections: Prisma.PriceIndexCorrectionCreateManyInput[] = [];
      const methodology = METHODOLOGY_VERSION;
      for (const old of existing) {
        if (old.publication !== "published") continue;
        const cell = { family: old.family, form: old.form, region: old.region } as IndexRow["cell"];
        const next = byKey.get(rowKey(cell, iso(old.weekStart)));
        const newValue = next && next.publication !== "insufficient_data" ? next.value : null;
        const newPublication = next?.publication ?? "insufficient_data";
        const newFinal = next?.final ?? false;
        if (
          newPublication === "published" &&
          newValue === old.value &&
          newFinal === old.final &&
          old.methodologyVersion === methodology
        )
          continue;
        corrections.push({
          weekStart: old.weekStart,
          family: old.family,
          form: old.form,
          region: old.region,
          oldValue: old.value,
          newValue,
          oldFinal: old.final,
          newFinal,
          newPublication,
          reason: correctionReason(
            { final: old.final, dealCount: old.dealCount, methodologyVersion: old.methodologyVersion },
            next ? { final: newFinal, dealCount: next.dealCount, publication: newPublication } : null,
            methodology,
          ),
          oldMethodology: old.methodologyVersion,
          methodologyVersion: methodology,
          correctedAt: now,
        });
      }
      await tx.priceIndexValue.deleteMany({ where: { weekStart: { gte: day(fromWeek), lte: day(toWeek) } } });
      // One statement with the rows as one JSON parameter: createMany's thousands of bound
      // parameters took seconds on PGlite for a year of cells.
      const values = rows.map((row) => ({
        id: randomUUID(),
        weekStart: row.weekStart,
        family: row.cell.family,
        form: row.cell.form,
        region: row.cell.region,
        publication: row.publication,
        value: row.value,
        unit: row.unit,
        final: row.final,
        rolledFromWeek: row.rolledFromWeek,
        dealCount: row.dealCount,
        sellerCount: row.sellerCount,
        buyerCount: row.buyerCount,
        volumeKg: Math.round(row.volumeKg),
        methodologyVersion: row.methodologyVersion,
        reasons: row.reasons,
        outliers: [
          ...row.outliers.map((o) => ({ kind: "outlier", ...o })),
          ...(dropped.get(rowKey(row.cell, row.weekStart)) ?? []),
        ],
        computedAt: now.toISOString(),
      }));
      await tx.$executeRawUnsafe(INSERT_ROWS, JSON.stringify(values));
      if (corrections.length > 0) await tx.priceIndexCorrection.createMany({ data: corrections });
      await tx.priceIndexRun.create({
        data: {
          trigger: options.trigger,
          fromWeek: day(fromWeek),
          toWeek: day(toWeek),
          startedAt: now,
          finishedAt: new Date(),
          rows: rows.length,
          corrections: corrections.length,
        },
      });
      return {
        fromWeek,
        toWeek,
        rows: rows.length,
        published: rows.filter((r) => r.publication === "published").length,
        corrections: corrections.length,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
