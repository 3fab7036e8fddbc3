// Page helpers of /insights and /insights.csv: the URL's filters read, refused naming the field,
// or the view built from the aggregates. Kept apart from the route modules (which import styles)
// so the benchmark can call exactly what the loader calls.
import { failureFieldErrors } from "~/domain/failure.ts";
import { type InsightFilters, parseInsightFilters } from "~/domain/insights/filters.ts";
import type { InsightsView } from "~/domain/insights/insights-view.ts";
import { insightsView } from "~/models/insights/insight-read.server.ts";

export type InsightsRead =
  | { ok: true; filters: InsightFilters; view: InsightsView }
  | { ok: false; errors: Record<string, string> };

export async function readInsights(url: URL, now: Date = new Date()): Promise<InsightsRead> {
  const parsed = parseInsightFilters(url.searchParams, now);
  if (!parsed.ok) return { ok: false, errors: failureFieldErrors(parsed) };
  return { ok: true, filters: parsed.filters, view: await insightsView(parsed.filters) };
}
