import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { evidenceFile } from "~/models/shipments/milestone-evidence.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";
import { openStoredFile } from "~/services/file-storage.server.ts";

/**
 * GET /shipments/:id/evidence/:evidenceId: a milestone's evidence file, for the organisations on the
 * shipment only (anyone else: 404, as for the shipment itself). Served like lot documents: the type
 * detected at upload, `nosniff`, always as a download so no file renders inside Packloop's origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const shipmentId = params.shipmentId ?? "";
  if (!(await getShipmentFor(actor.organization.id, shipmentId)))
    throw new Response("No such shipment.", { status: 404 });
  const evidence = await evidenceFile(shipmentId, params.evidenceId ?? "");
  if (!evidence) throw new Response("No such file.", { status: 404 });
  const file = await openStoredFile(evidence.storageKey);
  if (!file) throw new Response("The file is missing from storage.", { status: 404 });
  const ascii = evidence.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.stream, {
    headers: {
      "Content-Type": evidence.contentType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
      ETag: `"${evidence.sha256}"`,
    },
  });
}
