import { type CellKey, isoWeekLabel } from "~/domain/price-index/cells.ts";
import type { SuppressionReason } from "~/domain/price-index/compute.ts";
import type { DroppedDeal } from "~/domain/price-index/records.ts";
import {
  displayValue,
  type PriceIndexCorrectionView,
  type PriceIndexFilters,
  type PriceIndexPoint,
  UNIT_LABEL,
} from "~/domain/price-index/view.ts";
import { db } from "~/utils/db.server.ts";

/**
 * Reading the stored price index. The public readers select only the public columns — never the
 * reasons and dropped deals, which name deals and organisations — so nothing a visitor receives can
 * carry an id; the admin reader adds them, with deal numbers and organisation names.
 */

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

export async function readPriceIndex(filters: PriceIndexFilters): Promise<PriceIndexPoint[]> {
  const rows = await db().priceIndexValue.findMany({
    where: {
      weekStart: { gte: day(filters.fromWeek), lte: day(filters.toWeek) },
      family: { in: [...filters.families] },
      form: { in: [...filters.forms] },
      region: { in: [...filters.regions] },
    },
    select: {
      family: true,
      form: true,
      region: true,
      weekStart: true,
      publication: true,
      value: true,
      final: true,
      rolledFromWeek: true,
      dealCount: true,
      methodologyVersion: true,
    },
    orderBy: [{ family: "asc" }, { form: "asc" }, { region: "asc" }, { weekStart: "asc" }],
  });
  return rows.map((row) => {
    const cell = row as unknown as CellKey;
    const hasValue = row.publication !== "insufficient_data" && row.value !== null;
    return {
      family: cell.family,
      form: cell.form,
      region: cell.region,
      week: isoWeekLabel(iso(row.weekStart)),
      weekStart: iso(row.weekStart),
      publication: row.publication,
      value: hasValue ? displayValue(row.value) : null,
      unit: UNIT_LABEL[cell.form],
      status: hasValue ? (row.final ? "final" : "provisional") : null,
      rolledFrom: row.rolledFromWeek ? isoWeekLabel(iso(row.rolledFromWeek)) : null,
      deals: row.publication === "published" ? row.dealCount : null,
      methodologyVersion: row.methodologyVersion,
    };
  });
}

export async function listPriceIndexCorrections(limit = 50): Promise<PriceIndexCorrectionView[]> {
  const rows = await db().priceIndexCorrection.findMany({ orderBy: { correctedAt: "desc" }, take: limit });
  return rows.map((row) => {
    const cell = row as unknown as CellKey;
    return {
      family: cell.family,
      form: cell.form,
      region: cell.region,
      week: isoWeekLabel(iso(row.weekStart)),
      oldValue: displayValue(row.oldValue),
      newValue: displayValue(row.newValue),
      unit: UNIT_LABEL[cell.form],
      reason: row.reason,
      correctedAt: row.correctedAt.toISOString(),
      methodologyVersion: row.methodologyVersion,
    };
  });
}

export interface AdminLogEntry {
  family: CellKey["family"];
  form: CellKey["form"];
  region: CellKey["region"];
  week: string;
  publication: PriceIndexPoint["publication"];
  value: number | null;
  reasons: (SuppressionReason & { organizationName: string | null })[];
  dropped: (DroppedDeal & { dealNumber: number | null })[];
  computedAt: string;
}

/** For platform admins: every cell-week not published or with deals dropped, newest week first. */
export async function priceIndexAdminLog(limit = 200): Promise<AdminLogEntry[]> {
  const reasonsOf = (json: unknown) => (Array.isArray(json) ? (json as SuppressionReason[]) : []);
  const droppedOf = (json: unknown) => (Array.isArray(json) ? (json as DroppedDeal[]) : []);
  // Rolled weeks without deals repeat "no deals this week": the log keeps cell-weeks that had deals.
  const rows = (
    await db().priceIndexValue.findMany({
      where: { OR: [{ publication: { not: "published" } }, { dealCount: { gt: 0 } }] },
      orderBy: [{ weekStart: "desc" }, { family: "asc" }, { form: "asc" }, { region: "asc" }],
      take: limit * 4,
    })
  )
    .filter((row) => row.dealCount > 0 || droppedOf(row.outliers).length > 0)
    .filter((row) => row.publication !== "published" || droppedOf(row.outliers).length > 0)
    .slice(0, limit);
  const dealIds = [...new Set(rows.flatMap((r) => droppedOf(r.outliers).map((d) => d.dealId)))];
  const organizationIds = [
    ...new Set(
      rows.flatMap((r) => reasonsOf(r.reasons).flatMap((x) => (x.organizationId ? [x.organizationId] : []))),
    ),
  ];
  const [deals, organizations] = await Promise.all([
    dealIds.length
      ? db().deal.findMany({ where: { id: { in: dealIds } }, select: { id: true, number: true } })
      : [],
    organizationIds.length
      ? db().organization.findMany({
          where: { id: { in: organizationIds } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const dealNumber = new Map(deals.map((d) => [d.id, d.number]));
  const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
  return rows.map((row) => {
    const cell = row as unknown as CellKey;
    return {
      family: cell.family,
      form: cell.form,
      region: cell.region,
      week: isoWeekLabel(iso(row.weekStart)),
      publication: row.publication,
      value: displayValue(row.value),
      reasons: reasonsOf(row.reasons).map((r) => ({
        ...r,
        organizationName: r.organizationId ? (organizationName.get(r.organizationId) ?? null) : null,
      })),
      dropped: droppedOf(row.outliers).map((d) => ({ ...d, dealNumber: dealNumber.get(d.dealId) ?? null })),
      computedAt: row.computedAt.toISOString(),
    };
  });
}

export async function lastPriceIndexRun() {
  const run = await db().priceIndexRun.findFirst({ orderBy: { startedAt: "desc" } });
  return run
    ? {
        trigger: run.trigger,
        fromWeek: isoWeekLabel(iso(run.fromWeek)),
        toWeek: isoWeekLabel(iso(run.toWeek)),
        startedAt: run.startedAt.toISOString(),
        rows: run.rows,
        corrections: run.corrections,
      }
    : null;
}
