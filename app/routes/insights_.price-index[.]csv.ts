import type { LoaderFunctionArgs } from "@remix-run/node";
import { priceIndexCsv, readPriceIndexFilters } from "~/domain/price-index/view.ts";
import { readPriceIndex } from "~/models/price-index/read.server.ts";

/** GET /insights/price-index.csv (public): the index's cell-weeks under the page's filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = readPriceIndexFilters(new URL(request.url).searchParams, new Date());
  if (!filters.ok) {
    const lines = (filters.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("\n");
    return new Response(`${lines}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(priceIndexCsv(await readPriceIndex(filters.value)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="packloop-price-index.csv"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
