import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";

const hash = { type: "string", pattern: "^[0-9a-f]{64}$", description: "SHA-256, lower-case hex" };

/** A lot's chain of custody (ADR 021). */
export const custodyApi: OpenApiFragment = {
  paths: {
    "/api/v1/lots/{lotId}/custody": {
      get: {
        operationId: "getLotCustody",
        summary:
          "The lot's chain of custody: every event, its hashes, and whether the chain verifies (visible to whoever may see the lot)",
        parameters: [
          { name: "lotId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        responses: {
          200: jsonResponse("The chain, oldest event first", ref("CustodyChain")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such lot, or not visible to you"),
        },
      },
    },
  },
  schemas: {
    CustodyChain: {
      type: "object",
      description:
        "Each event's `hash` is SHA-256 over `prevHash` (empty for the first) followed by the RFC 8785 canonical JSON of " +
        "`{sequence, kind, occurredAt, lotId, actor: {userId, organizationId}, data, corrects?}`. A client can recompute every hash.",
      required: ["events", "verified", "head"],
      properties: {
        dataWithheld: {
          type: "boolean",
          description:
            "true when the caller is not a party: every event's data is null; `verified` is Packloop's verdict over the full chain.",
        },
        events: {
          type: "array",
          items: {
            type: "object",
            required: ["sequence", "kind", "occurredAt", "data", "prevHash", "hash"],
            properties: {
              sequence: { type: "integer", minimum: 1 },
              kind: { type: "string", examples: ["lot_published", "award_confirmed"] },
              occurredAt: { type: "string", format: "date-time" },
              data: {
                description:
                  "What the event records (plain JSON; money as minor-unit strings). null when `dataWithheld`: only the lot's " +
                  "parties (seller, confirmed winner, deal parties) and platform admins read it.",
              },
              corrects: { type: "integer", description: "The earlier event this one corrects." },
              prevHash: { anyOf: [hash, { type: "null" }] },
              hash,
            },
          },
        },
        verified: { type: "boolean" },
        brokenAt: {
          type: "integer",
          description: "The first sequence that fails verification (when not verified).",
        },
        reason: {
          type: "string",
          enum: [
            "sequence_gap",
            "wrong_lot",
            "prev_hash_mismatch",
            "hash_mismatch",
            "bad_correction",
            "not_canonical",
          ],
        },
        head: {
          anyOf: [hash, { type: "null" }],
          description: "The last event's hash; null before the first.",
        },
      },
    },
  },
};
