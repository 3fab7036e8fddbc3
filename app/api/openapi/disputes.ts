import { DecisionBody, OpenDisputeBody, ProposalBody } from "../dispute-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

// Disputes about a deal (issue 11 item 6, ADR 026).
const uuid = { type: "string", format: "uuid" };
const path = (name: string) => ({ name, in: "path", required: true, schema: uuid });
const body = (schema: Parameters<typeof schemaFromZod>[0]) => ({
  required: true,
  content: { "application/json": { schema: schemaFromZod(schema) } },
});
const common = {
  401: problemResponse("No valid credentials"),
  404: problemResponse("NOT_FOUND: no such deal, dispute or proposal, or the caller is no party to the deal"),
};

export const disputesApi: OpenApiFragment = {
  paths: {
    "/api/v1/deals/{id}/disputes": {
      post: {
        operationId: "openDispute",
        summary: "Dispute a deal inside its inspection window (the payer or the payee); its money is frozen",
        description:
          "The window runs from receipt for the deal's inspection days (again from the final figures when they come later). " +
          "Before receipt only `late_or_no_show` can be disputed. Unagreed disputes go to the platform's admins after the " +
          "dispute escalation setting (default 5 days).",
        parameters: [path("id")],
        requestBody: body(OpenDisputeBody),
        responses: {
          201: jsonResponse("The dispute, open", ref("Dispute")),
          400: problemResponse("The body is invalid; `errors` names each field"),
          ...common,
          403: problemResponse("FORBIDDEN: only the payer or the payee disputes a deal"),
          409: problemResponse(
            "DISPUTE_WINDOW_CLOSED (the inspection window has closed: the money moves), DISPUTE_WINDOW_NOT_OPEN, or ILLEGAL_TRANSITION (already in dispute, or not disputable)",
          ),
        },
      },
    },
    "/api/v1/deals/{id}/disputes/{disputeId}/proposals": {
      post: {
        operationId: "proposeDisputeOutcome",
        summary: "Propose an outcome: a price adjustment, a partial refund, a return or an umpire assay",
        description:
          "`price_adjustment`: `amountMinor` is the new final value; `partial_refund`: `amountMinor` comes off the final " +
          "value and goes back to the payer; `return`: a full refund; `umpire_assay` (black mass sold on payables) " +
          "with `assay`: the seller's and buyer's results (ppm) for moisture and each payable metal (Ni, Co, Li, Mn, Cu), " +
          "each with its agreed splitting limit, the payable (bp) and price per tonne of contained metal. Accepted, " +
          "results within their limits are averaged (half up) and, if all are, the deal settles at once on the value " +
          "of that assay (dry weight = wet × (1 − moisture); Σ dry × grade × payable × price); beyond a limit the " +
          "umpire's result, recorded by a platform admin (decision `umpire_result`), is final. Earlier open proposals " +
          "are superseded. Evidence files are attached on the deal page (multipart), not through this JSON operation.",
        parameters: [path("id"), path("disputeId")],
        requestBody: body(ProposalBody),
        responses: {
          201: jsonResponse("The dispute with its proposals", ref("Dispute")),
          400: problemResponse(
            "VALIDATION: the body is invalid (e.g. a partial refund without `amountMinor`, an umpire assay without " +
              "`assay` or on a deal that is not black mass sold on payables); `errors` names each field",
          ),
          ...common,
          403: problemResponse("FORBIDDEN: only the payer or the payee proposes"),
          409: problemResponse("DISPUTE_CLOSED: the dispute has ended"),
        },
      },
    },
    "/api/v1/deals/{id}/disputes/{disputeId}/proposals/{proposalId}/accept": {
      post: {
        operationId: "acceptDisputeProposal",
        summary: "Accept the other party's proposal; a money outcome settles the deal at once",
        parameters: [path("id"), path("disputeId"), path("proposalId")],
        responses: {
          200: jsonResponse(
            "The dispute, agreed (or still open after an umpire assay was agreed)",
            ref("Dispute"),
          ),
          ...common,
          403: problemResponse("FORBIDDEN: the proposer cannot accept its own proposal"),
          409: problemResponse("DISPUTE_CLOSED, or PROPOSAL_NOT_OPEN (superseded or already answered)"),
        },
      },
    },
    "/api/v1/deals/{id}/disputes/{disputeId}/decision": {
      post: {
        operationId: "decideDispute",
        summary:
          "A platform administrator decides a dispute, or records the umpire's result; executed at once",
        description:
          "`price_adjustment`, `partial_refund`, `return`: as a proposal would. `umpire_result` with `umpire` " +
          "(`moisturePpm`, `metals: {Ni: ppm, …}`): the umpire's results for the quantities whose exchanged results " +
          "were beyond their splitting limit in the accepted umpire assay; the agreed assay settles the deal.",
        parameters: [path("id"), path("disputeId")],
        requestBody: body(DecisionBody),
        responses: {
          200: jsonResponse("The dispute, decided", ref("Dispute")),
          400: problemResponse("The body is invalid"),
          ...common,
          403: problemResponse("FORBIDDEN: a party to the deal cannot decide"),
          409: problemResponse(
            "DISPUTE_CLOSED (the dispute has ended), NO_UMPIRE_AGREED (no accepted umpire assay), or UMPIRE_NEEDED " +
              "(a result beyond its splitting limit has no umpire figure; `details.needs` names them)",
          ),
        },
      },
    },
  },
  schemas: {
    Dispute: {
      type: "object",
      required: ["id", "reason", "description", "status", "proposals"],
      properties: {
        id: uuid,
        reason: {
          type: "string",
          enum: [
            "weight",
            "quality_assay",
            "not_as_described",
            "late_or_no_show",
            "documents",
            "transit_damage",
          ],
        },
        reasonLabel: { type: "string" },
        description: { type: "string" },
        status: { type: "string", enum: ["open", "agreed", "escalated", "decided", "withdrawn"] },
        openedByOrganizationId: uuid,
        escalateAt: { type: "string", format: "date-time" },
        createdAt: { type: "string", format: "date-time" },
        outcome: {
          type: ["object", "null"],
          description:
            "What ended it: {kind, amountMinor?, by: parties | admin, resolution: settled | refunded, note?}",
        },
        proposals: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: uuid,
              byOrganizationId: uuid,
              kind: {
                type: "string",
                enum: ["price_adjustment", "partial_refund", "return", "umpire_assay"],
              },
              kindLabel: { type: "string" },
              amountMinor: { type: ["string", "null"], description: "Minor units, as a string" },
              note: { type: "string" },
              status: { type: "string", enum: ["proposed", "accepted", "rejected", "superseded"] },
              createdAt: { type: "string", format: "date-time" },
              assay: {
                type: ["object", "null"],
                description:
                  "umpire_assay: {wetKg, moisture: {sellerPpm, buyerPpm, splittingLimitPpm}, metals: [{metal, sellerPpm, " +
                  "buyerPpm, splittingLimitPpm, payableBp, priceMinorPerTonne (string)}], umpire?: {moisturePpm, metals}}",
              },
            },
          },
        },
        evidence: {
          type: "array",
          description: "Evidence files (in GET /api/v1/deals/{id}, for the parties and admins)",
          items: {
            type: "object",
            properties: {
              id: uuid,
              proposalId: { type: ["string", "null"], format: "uuid" },
              byOrganizationId: uuid,
              fileName: { type: "string" },
              contentType: {
                type: "string",
                enum: ["application/pdf", "image/png", "image/jpeg", "image/webp"],
              },
              sizeBytes: { type: "integer" },
              sha256: { type: "string" },
              createdAt: { type: "string", format: "date-time" },
              url: {
                type: "string",
                description: "Download (session cookie): /deals/{id}/evidence/{evidenceId}",
              },
            },
          },
        },
      },
    },
  },
};
