import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { templateCsv } from "~/services/spreadsheet.server.ts";

// The CSV import template; its example dates follow today's date, so it is made on each request.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { capability: "seller" });
  return new Response(templateCsv(new Date().toISOString().slice(0, 10)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="packloop-lots-template.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
