import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { evidenceForViewer } from "~/models/deals/dispute-evidence.server.ts";
import { openStoredFile } from "~/services/file-storage.server.ts";

/**
 * Streams a dispute's evidence file to the deal's parties and platform admins (ADR 030); anyone
 * else gets 404, as for an unknown file. As for lot documents: the type detected from the bytes at
 * upload, `nosniff`, and always a download (never opened inside Packloop's origin).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const file = await evidenceForViewer(params.dealId ?? "", params.evidenceId ?? "", {
    organizationId: actor.organizationId,
    isPlatformAdmin: actor.isPlatformAdmin,
  });
  if (!file) throw new Response("No such file.", { status: 404 });
  const stored = await openStoredFile(file.storageKey);
  if (!stored) throw new Response("The file is missing from storage.", { status: 404 });
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(stored.stream, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(stored.sizeBytes),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ETag: `"${file.sha256}"`,
    },
  });
}
