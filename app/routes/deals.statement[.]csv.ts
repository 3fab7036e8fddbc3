import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { minorToMajor } from "~/domain/deals/currency-exponents.ts";
import { organizationStatement } from "~/models/deals/deal-read.server.ts";
import { statementCsv } from "./deal-pages.server.ts";

/** GET /deals/statement.csv: every ledger line on the organisation's accounts, oldest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const rows = await organizationStatement(actor.organizationId!);
  return new Response(statementCsv(rows, minorToMajor), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="packloop-statement.csv"',
    },
  });
}
