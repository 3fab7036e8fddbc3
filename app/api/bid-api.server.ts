import { z } from "zod";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import { readBidAmounts } from "~/domain/bidding/bid-input.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { type FieldProblem, problem } from "./http.server.ts";

/**
 * HTTP side of bidding for API v1: the strict body of POST /api/v1/lots/{id}/bids, the bid
 * model's field names as the API reports them, and the auction state the lot and bid endpoints show.
 */

// The shape only: a JSON number. Whether it is a whole, positive, safe number of minor units is
// read in one place for the form and the API (readBidAmounts, ~/domain/bidding/bid-input.ts).
const amountMinor = z.number({
  required_error: "Required.",
  invalid_type_error: "Send a number of minor units (e.g. 150000 for 1,500.00), not text.",
});

const Money = z
  .object({
    amountMinor,
    currency: z
      .string({ required_error: "Required.", invalid_type_error: "Send an ISO 4217 code such as AUD." })
      .regex(/^[A-Z]{3}$/, "Send an ISO 4217 code such as AUD."),
  })
  .strict();

export const PlaceBidBody = z
  .object({
    amount: Money,
    /** Proxy bidding: the most the platform may bid for the caller (auctions only). */
    maxAmount: Money.optional(),
    /**
     * A recycler's destination facility: delivered (DAP) to it on a tender or fixed-price lot; on
     * an auction the recycler collects (EXW) and names it for feasibility and capacity.
     */
    facilityId: z.string().uuid("Send the facility's id (a UUID).").optional(),
    /** Auctions take EXW only (default); tenders and fixed-price lots EXW or DAP. */
    incoterm: z.enum(["EXW", "DAP"]).optional(),
    destination: z
      .object({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        economy: z.string().regex(/^[A-Z]{2}$/, "Send a two-letter economy code such as AU."),
        label: z.string().max(200).nullable().optional(),
      })
      .strict()
      .optional(),
    idempotencyKey: z.string().min(1).max(100).optional(),
  })
  .strict();

export type PlaceBidBody = z.infer<typeof PlaceBidBody>;

/**
 * The model's input from a checked body, or the fields that do not fit together whatever the lot.
 * The key may come in the body or as the `Idempotency-Key` header; both at once must agree. The
 * terms go to the model as sent: which it takes depends on the lot's sale mode (bid-terms.ts).
 */
export function placeBidInputFrom(
  body: PlaceBidBody,
  idempotencyHeader: string | null,
):
  | { ok: true; input: Omit<PlaceBidInput, "lotId" | "organizationId" | "capabilities" | "userId"> }
  | {
      ok: false;
      errors: FieldProblem[];
    } {
  const amounts = readBidAmounts(
    { amount: body.amount.amountMinor, maxAmount: body.maxAmount?.amountMinor },
    body.amount.currency,
  );
  const errors: FieldProblem[] = amounts.ok
    ? []
    : (amounts.errors ?? []).map((e) => ({ field: BID_API_FIELDS[e.field] ?? e.field, message: e.message }));
  if (body.maxAmount && body.maxAmount.currency !== body.amount.currency)
    errors.push({ field: "maxAmount.currency", message: "Use the same currency as the amount." });
  const header = idempotencyHeader?.trim() || null;
  if (header !== null && (header.length > 100 || (body.idempotencyKey && body.idempotencyKey !== header)))
    errors.push({
      field: "idempotencyKey",
      message:
        "The Idempotency-Key header must be at most 100 characters and match the body's idempotencyKey.",
    });
  if (!amounts.ok || errors.length > 0) return { ok: false, errors };
  const d = body.destination;
  return {
    ok: true,
    input: {
      amountMinor: amounts.value.amountMinor,
      maxAmountMinor: amounts.value.maxAmountMinor,
      currency: body.amount.currency,
      // As sent: which terms fit together depends on the lot's sale (bidTermsFor in placeBid).
      terms: {
        facilityId: body.facilityId ?? null,
        incoterm: body.incoterm ?? null,
        destination: d ? { lat: d.lat, lng: d.lng, economy: d.economy, label: d.label ?? null } : null,
      },
      idempotencyKey: body.idempotencyKey ?? header,
    },
  };
}

/** The model names money fields by their object; the API names the member that is wrong (failureProblem's `fields`). */
export const BID_API_FIELDS: Readonly<Record<string, string>> = {
  amount: "amount.amountMinor",
  maxAmount: "maxAmount.amountMinor",
  currency: "amount.currency",
};

/** The sale state of a lot as API v1 shows it, for the caller's organisation. */
export function auctionJson(view: AuctionView) {
  return {
    saleMode: view.saleMode,
    status: view.status,
    closesAt: view.closesAt,
    hardCloseAt: view.hardCloseAt,
    softCloseMinutes: view.softCloseMinutes,
    extensions: view.extensions,
    round: view.round,
    currentPrice: view.currentPrice,
    bidCount: view.bidCount,
    hasReserve: view.hasReserve,
    reserveMet: view.reserveMet,
    leading: view.leading,
    minimumBid: view.minimumBid,
  };
}

/** A guard for organisations that cannot bid at all, before anything else is read. */
export function canBid(capabilities: readonly string[]): boolean {
  return capabilities.includes("buyer") || capabilities.includes("recycler");
}

export function capabilityProblem(): Response {
  return problem(403, "The buyer or recycler capability is required to bid.", {
    code: "CAPABILITY_REQUIRED",
    detail: "Only organisations with the buyer or recycler capability can bid.",
  });
}
