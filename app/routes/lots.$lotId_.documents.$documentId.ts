import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor, requireActor } from "~/auth/actor.server.ts";
import { getLotDocumentForViewer } from "~/models/lot-document.server.ts";
import { openStoredFile } from "~/services/file-storage.server.ts";

/**
 * Streams a lot document to a signed-in user who may see the lot. The content type is the one
 * detected from the file's bytes at upload; `nosniff` stops the browser second-guessing it, and
 * PDFs are always downloaded rather than opened inside Packloop's origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireActor(request);
  const viewer = await getActor(request);
  const doc = await getLotDocumentForViewer(
    params.lotId ?? "",
    params.documentId ?? "",
    viewer?.organizationId ?? null,
  );
  if (!doc) throw new Response("No such document.", { status: 404 });
  const file = await openStoredFile(doc.storageKey);
  if (!file) throw new Response("The file is missing from storage.", { status: 404 });
  const inline = doc.contentType.startsWith("image/") && new URL(request.url).searchParams.has("inline");
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.stream, {
    headers: {
      "Content-Type": doc.contentType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
      ETag: `"${doc.sha256}"`,
    },
  });
}
