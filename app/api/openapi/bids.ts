// The bids of the JSON API: placing, reading and withdrawing bids, and the seller accepting or
// declining a fixed-price purchase request. Awards: awards.ts.
import { DeclineRequestBody } from "../award-api.server.ts";
import { PlaceBidBody } from "../bid-api.server.ts";
import { AWARD_REFUSALS } from "./awards.ts";
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

const BID_REFUSALS =
  "`AUCTION_NOT_OPEN` (409: closed, withdrawn or past its close time), `BELOW_MINIMUM` (422, with " +
  "`minimum` and the amount in `detail`), `OWN_LOT` (403), `CAPABILITY_REQUIRED` (403), " +
  "`CURRENCY_MISMATCH` (422), `AUCTION_TERMS_FIXED` (422, field `incoterm` or `destination`: an auction " +
  "takes EXW bids only), `FACILITY_CANNOT_TAKE_LOT` (422, with the matching engine's `blockers`), " +
  "`ALREADY_REQUESTED` (409, fixed price), `IDEMPOTENCY_KEY_REUSED` (409: the key was used on another lot)";

const common = {
  401: problemResponse("No valid credentials"),
  404: problemResponse("No such lot, bid or award, or the caller may not see it"),
};

export const bidsApi: OpenApiFragment = {
  paths: {
    "/api/v1/lots/{lotId}/bids": {
      get: {
        operationId: "listLotBids",
        summary: "The bids of a lot the caller may see",
        description:
          "The seller sees every bid of the current round with the bidder, terms and net value to the seller " +
          "(never a bidder's proxy maximum). A bidder sees its own bids in full and the anonymised ladder " +
          "(`Bidder 1`, `Bidder 2`… stable per lot). Sealed tenders: nobody sees amounts before the close — " +
          "the seller gets 403 `SEALED_UNTIL_CLOSE`, bidders only their own bids; after the close the seller " +
          "sees all, bidders their own and, once awarded, the clearing price; anyone else (other " +
          "organisations, platform admins, callers without credentials) never sees a tender's amounts. " +
          "Callers without credentials see an auction's ladder only.",
        security: [{}, { bearerToken: [] }, { sessionCookie: [] }],
        parameters: [lotIdParameter],
        responses: {
          200: jsonResponse("What the caller may see", ref("LotBids")),
          403: problemResponse(
            "SEALED_UNTIL_CLOSE: the seller asked for a sealed tender's bids before the close",
          ),
          404: common[404],
        },
      },
      post: {
        operationId: "placeBid",
        summary: "Bid on an auction, submit or revise a sealed bid, or request a fixed-price lot",
        description:
          "Needs the buyer or recycler capability. **Auctions are on EXW terms at the lot's location**: every " +
          "bid is for collection by the buyer, so the amount is the seller's net value and the highest amount " +
          'leads; `incoterm: "DAP"` or a `destination` on an auction is refused with 422 ' +
          "`AUCTION_TERMS_FIXED` naming the field. A recycler names the `facilityId` the lot goes to (checked " +
          "by the matching engine): on an auction it collects (EXW, its freight is its own); on a sealed " +
          "tender or fixed-price lot the lot is delivered (DAP) to it. On those, a buyer collects (`EXW`, " +
          "the default) or declares a delivered `destination` (`DAP`), and the seller compares bids by net " +
          "value (amount less its freight). `maxAmount` makes it a proxy bid (auctions only). An `idempotencyKey` (or " +
          "`Idempotency-Key` header) makes a repeated submission count once. Rate limited per organisation " +
          "(60 a minute by default; 429 `RATE_LIMITED` with Retry-After).",
        parameters: [
          lotIdParameter,
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            schema: { type: "string", minLength: 1, maxLength: 100 },
          },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("PlaceBidRequest") } },
        },
        responses: {
          201: jsonResponse("The bid and the lot's auction state after it", ref("BidPlaced")),
          200: jsonResponse(
            "A repeated idempotency key: the first bid, with header `Idempotent-Replayed: true`",
            ref("BidPlaced"),
          ),
          400: problemResponse(
            "VALIDATION_FAILED: `errors` names each field (e.g. `amount.amountMinor` for a negative, zero, " +
              "fractional or text amount)",
          ),
          401: common[401],
          403: problemResponse("CAPABILITY_REQUIRED or OWN_LOT"),
          404: common[404],
          409: problemResponse(BID_REFUSALS),
          422: problemResponse(BID_REFUSALS),
          429: problemResponse(
            "RATE_LIMITED: too many bids from the organisation this minute; see Retry-After",
          ),
        },
      },
    },
    "/api/v1/bids/{id}": {
      delete: {
        operationId: "withdrawBid",
        summary: "Withdraw the caller's own live sealed bid or pending purchase request",
        description:
          "Auction bids are binding. Another organisation's bid is refused with 403 and left as it was.",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The withdrawn bid", {
            type: "object",
            required: ["bid"],
            properties: { bid: ref("Bid") },
          }),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the caller's bid"),
          404: common[404],
          409: problemResponse("BID_NOT_WITHDRAWABLE (auction), AUCTION_NOT_OPEN or BID_NOT_LIVE"),
        },
      },
    },
    "/api/v1/bids/{id}/accept": {
      post: {
        operationId: "acceptPurchaseRequest",
        summary: "The seller accepts a fixed-price purchase request: the lot is awarded",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The award", { type: "object", properties: { award: ref("Award") } }),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
    "/api/v1/bids/{id}/decline": {
      post: {
        operationId: "declinePurchaseRequest",
        summary: "The seller declines a fixed-price purchase request, with an optional note",
        parameters: [idParameter],
        requestBody: jsonBody(false, schemaFromZod(DeclineRequestBody)),
        responses: {
          200: jsonResponse("The declined request", { type: "object", properties: { bid: ref("Bid") } }),
          400: problemResponse("VALIDATION_FAILED"),
          401: common[401],
          403: problemResponse("FORBIDDEN: not the seller"),
          404: common[404],
          409: problemResponse(AWARD_REFUSALS),
        },
      },
    },
  },
  schemas: {
    PlaceBidRequest: schemaFromZod(PlaceBidBody, {
      properties: {
        amount: { description: "A positive whole number of minor units in the lot's currency" },
        maxAmount: { description: "Proxy maximum (auctions only), at least the amount" },
        facilityId: {
          description:
            "A recycler's destination facility: on an auction the recycler collects (EXW); on a tender or " +
            "fixed-price lot it is delivered (DAP) to it",
        },
        incoterm: {
          description:
            "Auctions: EXW only (the default; DAP is refused with AUCTION_TERMS_FIXED). Tenders and " +
            "fixed-price lots: EXW (the default) or DAP with a `destination` or `facilityId`",
        },
        destination: { description: "DAP only, so never on an auction" },
      },
    }),
    Bid: {
      type: "object",
      required: [
        "id",
        "lotId",
        "sequence",
        "round",
        "status",
        "amount",
        "priceAfter",
        "incoterm",
        "createdAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        lotId: { type: "string", format: "uuid" },
        sequence: { type: "integer", description: "Order of arrival on the lot" },
        round: { type: "integer" },
        status: { type: "string", enum: ["active", "outbid", "withdrawn", "rejected", "won", "lost"] },
        amount: ref("Money"),
        maxAmount: { ...nullable(ref("Money")), description: "Only on the caller's own bids" },
        priceAfter: { ...ref("Money"), description: "The lot's price right after this bid" },
        facility: nullable({
          type: "object",
          properties: { id: { type: "string", format: "uuid" }, name: { type: ["string", "null"] } },
        }),
        incoterm: { type: "string", enum: ["EXW", "DAP"], description: "EXW on every auction bid" },
        destination: nullable({
          type: "object",
          properties: {
            lat: { type: "number" },
            lng: { type: "number" },
            economy: { type: ["string", "null"] },
            label: { type: ["string", "null"] },
          },
        }),
        decisionNote: { type: ["string", "null"] },
        createdAt: { type: "string", format: "date-time" },
        bidder: {
          type: "object",
          description: "Seller's view only",
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        },
        netValue: {
          ...nullable({
            type: "object",
            properties: {
              net: ref("Money"),
              logistics: ref("Money"),
              distanceKm: { type: ["number", "null"] },
              co2eKg: { type: ["number", "null"] },
              note: { type: ["string", "null"] },
            },
          }),
          description:
            "Seller's view only: amount minus the seller's freight on delivered terms (EXW, so every " +
            "auction bid: the amount)",
        },
      },
    },
    LadderEntry: {
      type: "object",
      required: ["sequence", "bidder", "own", "priceAfter", "at"],
      properties: {
        sequence: { type: "integer" },
        bidder: { type: "string", examples: ["Bidder 2"] },
        own: { type: "boolean", description: "The caller's organisation placed this bid" },
        priceAfter: ref("Money"),
        leader: { type: ["string", "null"], description: "Alias of the leader after this bid" },
        at: { type: "string", format: "date-time" },
      },
    },
    LotBids: {
      type: "object",
      required: ["lotId", "saleMode", "round", "role", "bids", "ladder", "clearingPrice"],
      properties: {
        lotId: { type: "string", format: "uuid" },
        saleMode: { type: "string", enum: ["auction", "sealed", "fixed"] },
        round: { type: "integer" },
        role: { type: "string", enum: ["seller", "bidder", "public"] },
        bids: { type: "array", items: ref("Bid"), description: "Seller: all of the round; bidder: its own" },
        ladder: nullable({ type: "array", items: ref("LadderEntry") }),
        clearingPrice: {
          ...nullable(ref("Money")),
          description: "A closed sealed tender's awarded price, for the seller and bidders",
        },
      },
    },
    AuctionState: {
      type: "object",
      description:
        "The lot's sale state for the caller; a sealed tender never shows a price here (its clearing price is the bids' `clearingPrice`, for its seller and bidders).",
      properties: {
        saleMode: { type: "string", enum: ["auction", "sealed", "fixed"] },
        status: { type: "string", enum: ["not_open", "open", "closing", "closed"] },
        closesAt: { type: ["string", "null"], format: "date-time" },
        hardCloseAt: { type: ["string", "null"], format: "date-time" },
        softCloseMinutes: { type: "integer" },
        extensions: { type: "integer" },
        round: { type: "integer" },
        currentPrice: nullable(ref("Money")),
        bidCount: { type: "integer" },
        hasReserve: { type: "boolean" },
        reserveMet: { type: "boolean" },
        leading: { type: ["boolean", "null"], description: "Whether the caller's organisation leads" },
        minimumBid: nullable(ref("Money")),
      },
    },
    BidPlaced: {
      type: "object",
      required: ["bid", "auction"],
      properties: { bid: ref("Bid"), auction: ref("AuctionState") },
    },
  },
};
