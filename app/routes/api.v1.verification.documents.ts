import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { verificationDocumentJson } from "~/api/verification-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import { MAX_VERIFICATION_FORM_BYTES } from "~/domain/organization-verification.ts";
import {
  organizationVerification,
  uploadOrganizationDocument,
} from "~/models/organization-verification.server.ts";
import { readFormWithFiles } from "~/utils/multipart.server.ts";

/** GET /api/v1/verification/documents: the calling organisation's verification documents. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const verification = await organizationVerification(caller.organization.id);
    if (!verification) return problem(404, "No such organisation.", { code: "NOT_FOUND" });
    return json({ documents: verification.documents.map(verificationDocumentJson) });
  });
}

/**
 * POST /api/v1/verification/documents (multipart/form-data: `kind`, `file`): an owner (or the
 * organisation's token) uploads one verification document, with the page's limits — one PDF, PNG,
 * JPEG or WebP file of at most 10 MB, sniffed from its bytes, and at most 20 documents kept.
 */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to upload a document.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const caller = await requireApiActor(request, { role: "owner" });
    if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? ""))
      return problem(415, "Send the document as multipart/form-data with the fields `kind` and `file`.", {
        code: "UNSUPPORTED_MEDIA_TYPE",
      });
    let parsed: Awaited<ReturnType<typeof readFormWithFiles>>;
    try {
      parsed = await readFormWithFiles(request, {
        maxFileBytes: MAX_DOCUMENT_BYTES,
        maxTotalBytes: MAX_VERIFICATION_FORM_BYTES,
      });
    } catch (error) {
      if (error instanceof Response && error.status === 413)
        return problem(413, "The upload is too large.", {
          code: "PAYLOAD_TOO_LARGE",
          errors: [
            { field: "file", message: `Files may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.` },
          ],
        });
      throw error;
    }
    const files = parsed.files.filter((f) => f.field === "file");
    if (files.length > 1)
      return problem(400, "The request is invalid.", {
        code: "VALIDATION_FAILED",
        errors: [{ field: "file", message: "Upload one file per request." }],
      });
    const result = await uploadOrganizationDocument(
      { organizationId: caller.organization.id, userId: caller.userId },
      parsed.form.get("kind"),
      files[0],
    );
    if (!result.ok) {
      if (result.code === "VALIDATION") return failureProblem(result);
      return problem(422, result.message, {
        code: result.code,
        detail: result.message,
        errors: [{ field: result.field ?? "file", message: result.message }],
      });
    }
    const verification = await organizationVerification(caller.organization.id);
    const stored = verification?.documents.find((d) => d.id === result.documentId);
    return json(stored ? verificationDocumentJson(stored) : { id: result.documentId }, {
      status: 201,
      headers: { Location: `/settings/verification/documents/${result.documentId}` },
    });
  });
}
