import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "~/api/http.server.ts";
import { requireActor } from "~/auth/actor.server.ts";
import { getLotImport } from "~/models/lot-import.server.ts";

/** What the import page polls while the lots are written: small, uncached, scoped to the caller. */
export interface ImportProgress {
  status: "validating" | "invalid" | "ready" | "importing" | "done" | "failed";
  totalRows: number;
  validRows: number;
  processedRows: number;
  importedRows: number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "seller" });
  const record = await getLotImport(organization.id, params.importId ?? "");
  if (!record) return json({ error: "No such import." }, { status: 404 });
  const progress: ImportProgress = {
    status: record.status,
    totalRows: record.totalRows,
    validRows: record.validRows,
    processedRows: record.processedRows,
    importedRows: record.importedRows,
  };
  return json(progress, { headers: { "Cache-Control": "no-store" } });
}
