import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { failureFieldErrors } from "~/domain/failure.ts";
import { parseInsightFilters } from "~/domain/insights/filters.ts";
import {
  INSIGHT_TABLES,
  insightTable,
  insightTableCsv,
  isInsightTableId,
} from "~/domain/insights/insight-tables.ts";
import { insightsView } from "~/models/insights/insight-read.server.ts";

/** GET /insights.csv?table=monthly&from=…&to=…: one /insights table as CSV, the same rows as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "";
  const parsed = parseInsightFilters(params, new Date());
  const errors = parsed.ok ? {} : failureFieldErrors(parsed);
  const tableErrors = isInsightTableId(table)
    ? {}
    : { table: `Unknown table "${table}": use one of ${INSIGHT_TABLES.join(", ")}.` };
  if (!parsed.ok || !isInsightTableId(table)) {
    return data({ errors: { ...tableErrors, ...errors } }, { status: 400 });
  }
  const view = await insightsView(parsed.filters);
  const name = `packloop-insights-${table}-${parsed.filters.from}-${parsed.filters.to}.csv`;
  return new Response(insightTableCsv(insightTable(view, table)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
