import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { organizationDocumentFor } from "~/models/organization-verification.server.ts";
import { openStoredFile } from "~/services/file-storage.server.ts";

/**
 * A verification document, to the members of its organisation and to platform admins only: a
 * registration or a permit names people and addresses. Always a download, never shown inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const doc = await organizationDocumentFor(params.documentId ?? "", {
    organizationIds: actor.memberships.map((m) => m.organizationId),
    isPlatformAdmin: actor.isPlatformAdmin,
  });
  if (!doc) throw new Response("No such document.", { status: 404 });
  const file = await openStoredFile(doc.storageKey);
  if (!file) throw new Response("The file is missing from storage.", { status: 404 });
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.stream, {
    headers: {
      "Content-Type": doc.contentType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ETag: `"${doc.sha256}"`,
    },
  });
}
