// The awards of the JSON API: a lot's awards, the seller's award of a sealed tender, accepting
// below the reserve, relisting, and the winner's confirmation or refusal. Bids: bids.ts.
import { AwardSealedBody, DeclineAwardBody, RelistBody } from "../award-api.server.ts";
import {
  jsonBody,
  jsonResponse,
  nullable,
  type OpenApiFragment,
  problemResponse,
  ref,
  uuidPathParameter,
} from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const lotIdParameter = uuidPathParameter("lotId");
const idParameter = uuidPathParameter("id");

/** What an award decision may be refused with (409); accepting a purchase request (bids.ts) too. */
export const AWARD_REFUSALS =
  "`ILLEGAL_TRANSITION`, `WRONG_SALE_MODE`, `AWARD_NOT_PROVISIONAL`, `AWARD_EXPIRED`, `LIVE_AWARD`, " +
  "`NO_BIDS`, `RESERVE_MET`, `BID_NOT_LIVE`, `BID_NOT_WITHDRAWABLE`, `AUCTION_NOT_OPEN` or `CAPACITY_UNAVAILABLE`";

const common = {
  401: problemResponse("No valid credentials"),
  404: problemResponse("No such lot, bid or award, or the caller may not see it"),
};

export const awardsApi: OpenApiFragment = {
  paths: {
    "/api/v1/lots/{lotId}/awards": {
      get: {
        operationId: "listLotAwards",
        summary: "Awards of a lot: every one for the seller, the caller's own for a bidder",
        parameters: [lotIdParameter],
        responses: {
          200: jsonResponse("Oldest first", {
            type: "object",
            required: ["lotId", "role", "awards"],
            properties: {
              lotId: { type: "string", format: "uuid" },
              role: { type: "string", enum: ["seller", "bidder"] },
              awards: { type: "array", items: ref("Award") },
            },
          }),
          401: common[401],
          404: common[404],
        },
      },
    },
    "/api/v1/lots/{lotId}/award": {
      post: {
        operationId: "awardSealedBid",
        summary: "The seller awards a closed sealed tender to one bid, stating why",
        parameters: [lotIdParameter],
        requestBody: jsonBody(
          true,
          schemaFromZod(AwardSealedBody, {
            properties: { reason: { description: "e.g. best net value; shown to the winner" } },
          }),
        ),
        responses: {
          200: jsonResponse("The award, confirmed", { type: "object", properties: { award: ref("Award") } }),
          400: problemResponse("VALIDATION_FAILED (bidId, reason)"),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
    "/api/v1/lots/{lotId}/accept-below-reserve": {
      post: {
        operationId: "acceptBelowReserve",
        summary: "The seller takes a closed auction's highest bid although it is below the reserve",
        parameters: [lotIdParameter],
        responses: {
          200: jsonResponse("The award, confirmed", { type: "object", properties: { award: ref("Award") } }),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
    "/api/v1/lots/{lotId}/relist": {
      post: {
        operationId: "relistLot",
        summary: "The seller opens a closed lot nobody won for a new round",
        parameters: [lotIdParameter],
        requestBody: jsonBody(
          true,
          schemaFromZod(RelistBody, {
            properties: { reservePrice: { description: "null removes the reserve; left out keeps it" } },
          }),
        ),
        responses: {
          200: jsonResponse("The lot, open again", {
            type: "object",
            properties: {
              lotId: { type: "string", format: "uuid" },
              status: { type: "string" },
              round: { type: "integer" },
              closesAt: { type: "string", format: "date-time" },
            },
          }),
          400: problemResponse("VALIDATION_FAILED (closesAt, startingPrice, reservePrice)"),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
    "/api/v1/awards/{id}/confirm": {
      post: {
        operationId: "confirmAward",
        summary: "The seller confirms a provisional award before its deadline",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The award, confirmed", { type: "object", properties: { award: ref("Award") } }),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
    "/api/v1/awards/{id}/decline": {
      post: {
        operationId: "declineAward",
        summary: "The seller declines a provisional award with a reason; it passes to the next bidder",
        parameters: [idParameter],
        requestBody: jsonBody(true, schemaFromZod(DeclineAwardBody)),
        responses: {
          200: jsonResponse("The declined award's id and the next award, if any", {
            type: "object",
            properties: { declined: { type: "string", format: "uuid" }, next: nullable(ref("Award")) },
          }),
          400: problemResponse("VALIDATION_FAILED (reason)"),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
  },
  schemas: {
    Award: {
      type: "object",
      required: ["id", "lotId", "status", "amount", "createdAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        lotId: { type: "string", format: "uuid" },
        bidId: { type: ["string", "null"], format: "uuid" },
        round: { type: ["integer", "null"] },
        status: { type: "string", enum: ["provisional", "confirmed", "lapsed", "cancelled"] },
        amount: ref("Money"),
        reason: { type: ["string", "null"] },
        winner: nullable({
          type: "object",
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        }),
        facility: nullable({
          type: "object",
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        }),
        confirmBy: { type: ["string", "null"], format: "date-time" },
        confirmedAt: { type: ["string", "null"], format: "date-time" },
        lapsedAt: { type: ["string", "null"], format: "date-time" },
        createdAt: { type: "string", format: "date-time" },
      },
    },
  },
};
