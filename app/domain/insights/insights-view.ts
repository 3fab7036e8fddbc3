/**
 * What /insights shows, built from the aggregate groups the model reads (one per measure and
 * grouping, with the count of distinct organisations on each side) and passed through the
 * suppression rule (suppression.ts) figure by figure. The page's tables, its charts and the CSV
 * downloads all read this one view, so a figure suppressed on the page is suppressed in the CSV.
 */

import type { Chemistry } from "../codes.ts";
import { CHEMISTRIES } from "../codes.ts";
import { ECONOMY_CODES, type EconomyCode } from "../economies.ts";
import { METALS, type Metal } from "../metal-content.ts";
import { type InsightFilters, monthsBetween } from "./filters.ts";
import { type Contributors, complementSuppression, disclose } from "./suppression.ts";

export const STAGES = ["listed", "awarded", "shipped", "received", "recovered"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  listed: "Listed",
  awarded: "Sold",
  shipped: "Shipped",
  received: "Received",
  recovered: "Recovered",
};

export const DAYS_MEASURES = ["days_award", "days_receipt", "days_certificate"] as const;
export type DaysMeasure = (typeof DAYS_MEASURES)[number];
export const DAYS_LABELS: Readonly<Record<DaysMeasure, string>> = {
  days_award: "Listing to sale",
  days_receipt: "Listing to receipt",
  days_certificate: "Listing to certificate",
};

export type Measure = Stage | DaysMeasure | "flow" | "capacity";

/** Figures with a second side (buyers or recyclers) that must also count 3 organisations. */
export const TWO_SIDED: ReadonlySet<Measure> = new Set<Measure>([
  "awarded",
  "shipped",
  "received",
  "recovered",
  "flow",
  ...DAYS_MEASURES,
]);

export type Grouping = "month" | "economy" | "chemistry" | "pair" | "pairChemistry" | "total";

/** One aggregate as the model reads it: the sums of the fact rows in one group. */
export interface AggregateGroup {
  readonly measure: Measure;
  readonly grouping: Grouping;
  readonly month: string | null;
  readonly economy: string | null;
  readonly toEconomy: string | null;
  readonly chemistry: string | null;
  readonly massKg: number;
  readonly bookedKg: number;
  readonly count: number;
  readonly metalsG: Readonly<Record<Metal, number>>;
  readonly transportCo2eG: number;
  readonly organisations: number;
  readonly counterparts: number;
  /** For a days measure in the total grouping: cases per whole number of days (index = days). */
  readonly histogram?: readonly number[];
}

/** A published figure: the number, or null when suppressed. */
export type Figure = number | null;

export interface FlowFigure {
  readonly from: EconomyCode;
  readonly to: EconomyCode;
  readonly tonnes: Figure;
  readonly shipments: Figure;
  byChemistry: readonly { chemistry: Chemistry; tonnes: Figure }[];
}

export interface InsightsView {
  readonly filters: InsightFilters;
  readonly months: readonly string[];
  readonly refreshedAt: string | null;
  readonly totals: Readonly<Record<Stage, Figure>>;
  readonly monthly: readonly { month: string; tonnes: Readonly<Record<Stage, Figure>> }[];
  readonly byEconomy: readonly { economy: EconomyCode; tonnes: Readonly<Record<Stage, Figure>> }[];
  readonly byChemistry: readonly { chemistry: Chemistry; tonnes: Readonly<Record<Stage, Figure>> }[];
  /** Cross-border flows of shipped goods, from the lot's economy to the receiving facility's. */
  readonly flows: readonly FlowFigure[];
  readonly capacity: readonly { economy: EconomyCode; offeredTonnes: Figure; bookedTonnes: Figure }[];
  readonly metals: readonly { metal: Metal; tonnes: Figure }[];
  readonly transportCo2eTonnes: Figure;
  readonly days: readonly { measure: DaysMeasure; median: Figure; cases: Figure }[];
  /** How many figures on the page were suppressed. */
  readonly suppressed: number;
}

/** The median of a histogram of whole days (index = days); null when it holds no case. */
export function medianOfHistogram(histogram: readonly number[]): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  // The lower and upper middle cases; their mean is the median (x.5 for an even count between days).
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  for (let days = 0; days < histogram.length; days++) {
    seen += histogram[days];
    if (low === null && seen > lowRank) low = days;
    if (seen > highRank) return ((low ?? days) + days) / 2;
  }
  return low;
}

const tonnes = (kg: number) => kg / 1000;

function contributors(group: AggregateGroup): Contributors {
  return {
    organisations: group.organisations,
    counterparts: TWO_SIDED.has(group.measure) ? group.counterparts : null,
  };
}

export function buildInsightsView(
  groups: readonly AggregateGroup[],
  filters: InsightFilters,
  refreshedAt: Date | null,
): InsightsView {
  let suppressed = 0;
  const publish = (value: number, group: AggregateGroup | undefined): Figure => {
    if (!group) return 0;
    const figure = disclose(value, contributors(group), group.count);
    if (figure === null) suppressed++;
    return figure;
  };
  const index = new Map<string, AggregateGroup>();
  const keyOf = (
    g: Pick<AggregateGroup, "measure" | "grouping" | "month" | "economy" | "toEconomy" | "chemistry">,
  ) =>
    [g.measure, g.grouping, g.month ?? "", g.economy ?? "", g.toEconomy ?? "", g.chemistry ?? ""].join("|");
  for (const group of groups) index.set(keyOf(group), group);
  const find = (
    measure: Measure,
    grouping: Grouping,
    at: { month?: string; economy?: string; toEconomy?: string; chemistry?: string } = {},
  ) =>
    index.get(
      keyOf({
        measure,
        grouping,
        month: at.month ?? null,
        economy: at.economy ?? null,
        toEconomy: at.toEconomy ?? null,
        chemistry: at.chemistry ?? null,
      }),
    );
  const stageFigures = (grouping: Grouping, at: Parameters<typeof find>[2]) =>
    Object.fromEntries(
      STAGES.map((stage) => {
        const group = find(stage, grouping, at);
        return [stage, publish(tonnes(group?.massKg ?? 0), group)];
      }),
    ) as Record<Stage, Figure>;

  const months = monthsBetween(filters.from, filters.to);
  const present = (grouping: Grouping, field: "economy" | "chemistry") =>
    new Set(
      groups
        .filter((g) => g.grouping === grouping && (STAGES as readonly string[]).includes(g.measure))
        .map((g) => g[field] ?? ""),
    );
  const economies = present("economy", "economy");
  const chemistries = present("chemistry", "chemistry");

  const flows: { -readonly [K in keyof FlowFigure]: FlowFigure[K] }[] = groups
    .filter((g) => g.measure === "flow" && g.grouping === "pair" && g.economy !== g.toEconomy)
    .map((pair) => ({
      from: pair.economy as EconomyCode,
      to: pair.toEconomy as EconomyCode,
      tonnes: publish(tonnes(pair.massKg), pair),
      shipments: disclose(pair.count, contributors(pair), pair.count),
      byChemistry: CHEMISTRIES.flatMap((chemistry) => {
        const cell = find("flow", "pairChemistry", {
          economy: pair.economy ?? "",
          toEconomy: pair.toEconomy ?? "",
          chemistry,
        });
        return cell ? [{ chemistry, tonnes: publish(tonnes(cell.massKg), cell) }] : [];
      }),
    }))
    .sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));

  const capacity = ECONOMY_CODES.flatMap((economy) => {
    const group = find("capacity", "economy", { economy });
    if (!group) return [];
    return [
      {
        economy,
        offeredTonnes: publish(tonnes(group.massKg), group),
        bookedTonnes: publish(tonnes(group.bookedKg), group),
      },
    ];
  });

  const recovered = find("recovered", "total");
  const metals = METALS.map((metal) => ({
    metal,
    tonnes: publish((recovered?.metalsG[metal] ?? 0) / 1_000_000, recovered),
  }));
  const transportCo2eTonnes = publish((recovered?.transportCo2eG ?? 0) / 1_000_000, recovered);

  const days = DAYS_MEASURES.map((measure) => {
    const group = find(measure, "total");
    const median = group?.histogram ? medianOfHistogram(group.histogram) : null;
    return {
      measure,
      median: group && median !== null ? publish(median, group) : null,
      cases: publish(group?.count ?? 0, group),
    };
  });

  const totals = stageFigures("total", {});
  // Parts of a published total: one hidden part must not be the total minus the others.
  const complement = <T extends { tonnes: Record<Stage, Figure> }>(rows: T[]): T[] => {
    for (const stage of STAGES) {
      const { parts, hidden } = complementSuppression(
        rows.map((r) => r.tonnes[stage]),
        totals[stage] !== null,
      );
      suppressed += hidden;
      rows.forEach((row, i) => {
        row.tonnes[stage] = parts[i];
      });
    }
    return rows;
  };
  for (const flow of flows) {
    const { parts, hidden } = complementSuppression(
      flow.byChemistry.map((c) => c.tonnes),
      flow.tonnes !== null,
    );
    suppressed += hidden;
    flow.byChemistry = flow.byChemistry.map((c, i) => ({ ...c, tonnes: parts[i] }));
  }

  return {
    filters,
    months,
    refreshedAt: refreshedAt?.toISOString() ?? null,
    totals,
    monthly: complement(months.map((month) => ({ month, tonnes: stageFigures("month", { month }) }))),
    byEconomy: complement(
      ECONOMY_CODES.filter((e) => economies.has(e)).map((economy) => ({
        economy,
        tonnes: stageFigures("economy", { economy }),
      })),
    ),
    byChemistry: complement(
      CHEMISTRIES.filter((c) => chemistries.has(c)).map((chemistry) => ({
        chemistry,
        tonnes: stageFigures("chemistry", { chemistry }),
      })),
    ),
    flows,
    capacity,
    metals,
    transportCo2eTonnes,
    days,
    // Last: every figure above has been published (and counted) by now.
    suppressed,
  };
}
