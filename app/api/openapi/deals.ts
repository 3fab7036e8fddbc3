import { RecordPaymentBody } from "../deal-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref, uuidPathParameter } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const idParameter = uuidPathParameter("id");
const party = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
};
const STATUSES = [
  "awaiting_payment",
  "funded",
  "in_transit",
  "received",
  "provisionally_released",
  "final_assessment",
  "settled",
  "disputed",
  "cancelled",
  "refunded",
  "lapsed",
];

export const dealsApi: OpenApiFragment = {
  paths: {
    "/api/v1/deals": {
      get: {
        operationId: "listDeals",
        summary: "Deals the caller's organisation is party to, those waiting for it first",
        parameters: [
          {
            name: "role",
            in: "query",
            description: "Only deals where the organisation is this party.",
            schema: { type: "string", enum: ["payer", "payee", "seller", "buyer"] },
          },
          { name: "status", in: "query", schema: { type: "string", enum: STATUSES } },
        ],
        responses: {
          200: jsonResponse("The deals", {
            type: "object",
            required: ["deals"],
            properties: { deals: { type: "array", items: ref("DealSummary") } },
          }),
          400: problemResponse("An unknown role or status"),
          401: problemResponse("No valid credentials"),
        },
      },
    },
    "/api/v1/deals/{id}": {
      get: {
        operationId: "getDeal",
        summary: "One deal with its milestones, money lines and ledger figures",
        description: "For the deal's parties and platform administrators.",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The deal", ref("Deal")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such deal, or the caller is no party to it"),
        },
      },
    },
    "/api/v1/deals/{id}/payments": {
      post: {
        operationId: "recordDealPayment",
        summary: "Record an incoming bank transfer for a deal awaiting payment (platform administrators)",
        description:
          "The amount and currency must equal what is due. The bank reference makes the record idempotent: " +
          "the same reference again answers 200 with the deal and records nothing.",
        parameters: [idParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaFromZod(RecordPaymentBody) } },
        },
        responses: {
          200: jsonResponse("Already recorded: the deal", ref("Deal")),
          201: jsonResponse("Recorded: the deal, now funded", ref("Deal")),
          400: problemResponse("The body is invalid; `errors` names each field"),
          401: problemResponse("No valid credentials"),
          403: problemResponse("FORBIDDEN: a party to the deal cannot record its payment"),
          404: problemResponse("No such deal, or the caller is no party to it"),
          409: problemResponse(
            "DEAL_NOT_AWAITING_PAYMENT, or DEAL_SOURCE_ENDED (the booking it was made for was cancelled)",
          ),
          422: problemResponse("AMOUNT_MISMATCH: not the amount or currency due; `due` gives it"),
        },
      },
    },
  },
  schemas: {
    DealSummary: {
      type: "object",
      required: ["id", "reference", "lotId", "status", "payer", "payee", "amount", "commission", "currency"],
      properties: {
        id: { type: "string", format: "uuid" },
        reference: { type: "string", examples: ["DL-000123"] },
        paymentReference: {
          type: "string",
          examples: ["PL-DL-000123"],
          description: "Quote it on a bank transfer",
        },
        lotId: { type: "string", format: "uuid" },
        lot: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference: { type: "string" },
            title: { type: "string" },
          },
        },
        status: { type: "string", enum: STATUSES },
        payer: party,
        payee: party,
        seller: party,
        buyer: party,
        amount: { ...ref("Money"), description: "Due from the payer" },
        commission: {
          type: "object",
          properties: {
            rateBp: { type: "integer", description: "Basis points of the final value, kept from the payee" },
            estimate: ref("Money"),
          },
        },
        currency: { type: "string" },
        massKg: { type: "integer" },
        pricePerTonne: ref("Money"),
        priceKind: { type: "string", enum: ["payable", "gate_fee"] },
        incoterm: { type: "string", enum: ["EXW", "DAP"] },
        paymentDueAt: { type: "string", format: "date-time" },
        createdAt: { type: "string", format: "date-time" },
        yourRoles: {
          type: "array",
          items: { type: "string", enum: ["payer", "payee", "receiving_facility", "admin"] },
        },
        nextSteps: {
          type: "array",
          items: {
            type: "object",
            properties: { event: { type: "string" }, label: { type: "string" }, role: { type: "string" } },
          },
        },
      },
    },
    Deal: {
      allOf: [
        ref("DealSummary"),
        {
          type: "object",
          required: ["milestones", "payments", "ledger"],
          properties: {
            milestones: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  sequence: { type: "integer" },
                  event: { type: "string" },
                  from: { type: "string", enum: STATUSES },
                  to: { type: "string", enum: STATUSES },
                  by: { type: "string" },
                  at: { type: "string", format: "date-time" },
                  data: { type: ["object", "null"] },
                },
              },
            },
            payments: {
              type: "array",
              description: "Every ledger transaction of the deal with its postings (positive: debit)",
              items: {
                type: "object",
                properties: {
                  id: { type: "string", format: "uuid" },
                  kind: { type: "string" },
                  memo: { type: "string" },
                  at: { type: "string", format: "date-time" },
                  postings: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        account: { type: "string" },
                        amountMinor: { type: "integer" },
                        currency: { type: "string" },
                      },
                    },
                  },
                },
              },
            },
            ledger: {
              type: "object",
              description: "Read from the ledger",
              required: ["held", "released", "refunded", "fees"],
              properties: {
                held: ref("Money"),
                released: ref("Money"),
                refunded: ref("Money"),
                fees: ref("Money"),
                paid: ref("Money"),
                paidOut: ref("Money"),
                refundedOut: ref("Money"),
              },
            },
            receivedKg: { type: ["integer", "null"] },
            inspectionClosesAt: { type: ["string", "null"], format: "date-time" },
            disputes: {
              type: "array",
              items: ref("Dispute"),
              description: "The deal's disputes, newest first: for its parties and platform admins only",
            },
          },
        },
      ],
    },
  },
};
