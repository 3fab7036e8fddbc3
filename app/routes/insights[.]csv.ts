import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  INSIGHT_TABLES,
  insightTable,
  insightTableCsv,
  isInsightTableId,
} from "~/domain/insights/insight-tables.ts";
import { readInsights } from "./insight-pages.server.ts";

/** GET /insights.csv?table=monthly&from=…&to=…: one /insights table as CSV, the same rows as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const table = url.searchParams.get("table") ?? "";
  const read = await readInsights(url);
  if (!read.ok || !isInsightTableId(table)) {
    const tableErrors = isInsightTableId(table)
      ? {}
      : { table: `Unknown table "${table}": use one of ${INSIGHT_TABLES.join(", ")}.` };
    // A refusal names its fields, as JSON: a download link that is wrong should say why.
    return new Response(JSON.stringify({ errors: { ...tableErrors, ...(read.ok ? {} : read.errors) } }), {
      status: 400,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const name = `packloop-insights-${table}-${read.filters.from}-${read.filters.to}.csv`;
  return new Response(insightTableCsv(insightTable(read.view, table)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
