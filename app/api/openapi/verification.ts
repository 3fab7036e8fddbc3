import { VerificationDocumentJson, VerificationResponse } from "../verification-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const common = {
  401: problemResponse("UNAUTHENTICATED: no token or session"),
  403: problemResponse("NO_ORGANIZATION: the session's user belongs to no organisation"),
};
const ownerOnly = problemResponse(
  "OWNER_REQUIRED: a session member who is not an owner of the organisation (tokens act as the organisation)",
);

/**
 * The calling organisation's own verification (KYB, issue 15; ADR 038, ADR 050): read it, upload
 * documents, ask to be verified. Platform admins decide on /admin/organizations, not here.
 */
export const verificationApi: OpenApiFragment = {
  paths: {
    "/api/v1/verification": {
      get: {
        operationId: "getVerification",
        summary: "Your organisation's verification: status, the admin's note, next step and documents",
        description:
          "Statuses: `unverified` (never checked, or revoked — `note` then holds the admin's reason), `pending` " +
          "(asked, waiting for a platform admin), `verified`, `rejected` (`note` says why). Counterparties see " +
          "the status as a badge on lots, facilities and bids; they never see the files.",
        responses: { 200: jsonResponse("The verification", ref("Verification")), ...common },
      },
    },
    "/api/v1/verification/documents": {
      get: {
        operationId: "listVerificationDocuments",
        summary: "Your organisation's verification documents",
        responses: {
          200: jsonResponse("The documents, oldest first", {
            type: "object",
            required: ["documents"],
            properties: { documents: { type: "array", items: ref("VerificationDocument") } },
          }),
          ...common,
        },
      },
      post: {
        operationId: "uploadVerificationDocument",
        summary: "Upload one verification document (owners and tokens)",
        description:
          "`multipart/form-data` with `kind` (registration, permit, dangerous_goods_training, import_consent, " +
          "other) and one `file`: a PDF, PNG, JPEG or WebP of at most 10 MB, recognised from its bytes (the " +
          "name and declared type are not trusted). An organisation keeps at most 20 documents.",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["kind", "file"],
                properties: {
                  kind: {
                    type: "string",
                    enum: ["registration", "permit", "dangerous_goods_training", "import_consent", "other"],
                  },
                  file: { type: "string", format: "binary" },
                },
              },
            },
          },
        },
        responses: {
          201: jsonResponse("The stored document", ref("VerificationDocument")),
          400: problemResponse(
            "VALIDATION_FAILED: `kind` or `file` is missing or invalid; `errors` names it",
          ),
          ...common,
          403: ownerOnly,
          413: problemResponse(
            "PAYLOAD_TOO_LARGE: the request is larger than the limit (`errors` names `file`)",
          ),
          415: problemResponse("UNSUPPORTED_MEDIA_TYPE: not multipart/form-data"),
          422: problemResponse(
            "FILE_REFUSED (empty, too large or not PDF/PNG/JPEG/WebP) or TOO_MANY_DOCUMENTS; `errors` names `file`",
          ),
        },
      },
    },
    "/api/v1/verification/request": {
      post: {
        operationId: "requestVerification",
        summary: "Ask a platform admin to verify your organisation (owners and tokens)",
        description:
          "Needs a company registration among the documents. From `unverified` or `rejected` only; the status " +
          "becomes `pending` and the owners are emailed the decision.",
        responses: {
          202: jsonResponse("The verification, now pending", ref("Verification")),
          400: problemResponse("VALIDATION_FAILED: no company registration uploaded; `errors` names `kind`"),
          ...common,
          403: ownerOnly,
          409: problemResponse("CONFLICT: already verified or waiting"),
        },
      },
    },
  },
  schemas: {
    Verification: schemaFromZod(VerificationResponse),
    VerificationDocument: schemaFromZod(VerificationDocumentJson, {
      properties: {
        url: {
          description: "Download with a session of a member (or a platform admin) of the organisation.",
        },
      },
    }),
  },
};
