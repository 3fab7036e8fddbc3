import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { templateXlsx } from "~/services/spreadsheet.server.ts";

// The XLSX import template: a "Lots" sheet to fill in and a "Help" sheet with units and codes.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { capability: "seller" });
  const workbook = await templateXlsx(new Date().toISOString().slice(0, 10));
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="packloop-lots-template.xlsx"',
      "Cache-Control": "private, no-store",
    },
  });
}
