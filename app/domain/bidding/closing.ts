/**
 * What happens when a sale closes, and the checks on the seller's closing decisions. Pure: the
 * models (app/models/bidding/closing.server.ts, awards.server.ts, relisting.server.ts,
 * purchase-requests.server.ts) read the lot under its row lock and ask these.
 *
 * - An auction past its close time with a leader at or above the reserve (or no reserve) gets a
 *   provisional award to the leader at the closing price; below the reserve it closes with no
 *   award (the seller may accept the highest bid or relist); without bids it just closes.
 * - A sealed tender closes and its bids are opened; the seller then awards one with a reason.
 * - Fixed-price lots have no close time: they close when the seller accepts a request.
 */

import { type Failure, fail } from "../failure.ts";

export type CloseOutcome =
  | { readonly kind: "provisional_award" }
  | { readonly kind: "below_reserve" }
  | { readonly kind: "no_bids" }
  | { readonly kind: "tender_opened" };

export interface ClosingLot {
  readonly saleMode: "auction" | "sealed" | "fixed";
  readonly status: string;
  readonly closesAt: Date | null;
  readonly currentPriceMinor: number | null;
  readonly reservePriceMinor: number | null;
  readonly leadingBidId: string | null;
  readonly bidCount: number;
}

/** Whether a lot is due to close: an open auction or tender whose close time has come. */
export function isDueToClose(lot: Pick<ClosingLot, "saleMode" | "status" | "closesAt">, now: Date): boolean {
  return (
    lot.status === "open" &&
    lot.saleMode !== "fixed" &&
    lot.closesAt !== null &&
    lot.closesAt.getTime() <= now.getTime()
  );
}

export function closeOutcome(lot: ClosingLot): CloseOutcome {
  if (lot.bidCount === 0 || (lot.saleMode === "auction" && lot.leadingBidId === null)) {
    return { kind: "no_bids" };
  }
  if (lot.saleMode === "sealed") return { kind: "tender_opened" };
  const price = lot.currentPriceMinor;
  if (price === null) return { kind: "no_bids" };
  if (lot.reservePriceMinor !== null && price < lot.reservePriceMinor) return { kind: "below_reserve" };
  return { kind: "provisional_award" };
}

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

export type TextCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

/**
 * The seller's stated reason for an award or a decline: 3–500 characters after trimming, so a
 * losing bidder who asks why is never told "x".
 */
export function checkReason(input: unknown, what = "The reason"): TextCheck {
  const value = typeof input === "string" ? input.trim() : "";
  if (value.length < REASON_MIN_LENGTH)
    return { ok: false, message: `${what} must be at least ${REASON_MIN_LENGTH} characters.` };
  if (value.length > REASON_MAX_LENGTH)
    return { ok: false, message: `${what} must be at most ${REASON_MAX_LENGTH} characters.` };
  return { ok: true, value };
}

/** An optional note (declining a purchase request): empty is fine, long is not. */
export function checkOptionalNote(input: unknown): TextCheck {
  const value = typeof input === "string" ? input.trim() : "";
  if (value.length > REASON_MAX_LENGTH)
    return { ok: false, message: `The note must be at most ${REASON_MAX_LENGTH} characters.` };
  return { ok: true, value };
}

export interface RelistInput {
  readonly closesAt: Date | null;
  readonly startingPriceMinor?: number | null;
  /** null removes the reserve; undefined keeps it. */
  readonly reservePriceMinor?: number | null;
}

export type RelistCheck = { readonly ok: true } | Failure<"VALIDATION">;

const relistRefusal = (field: string, message: string) => fail("VALIDATION", message, { field });

/** A relisted round needs a close time in the future and sensible prices. */
export function checkRelist(
  input: RelistInput,
  current: { readonly startingPriceMinor: number | null },
  now: Date,
): RelistCheck {
  if (!input.closesAt || Number.isNaN(input.closesAt.getTime()))
    return relistRefusal("closesAt", "Give the new close time.");
  if (input.closesAt.getTime() <= now.getTime())
    return relistRefusal("closesAt", "The new close time must be in the future.");
  const starting = input.startingPriceMinor;
  if (starting !== undefined && starting !== null && (!Number.isSafeInteger(starting) || starting <= 0))
    return relistRefusal(
      "startingPrice",
      "The starting price must be a positive whole number of minor units.",
    );
  const reserve = input.reservePriceMinor;
  if (reserve !== undefined && reserve !== null) {
    if (!Number.isSafeInteger(reserve) || reserve <= 0)
      return relistRefusal("reserve", "The reserve must be a positive whole number of minor units.");
    const effectiveStart = starting ?? current.startingPriceMinor;
    if (effectiveStart !== null && reserve < effectiveStart)
      return relistRefusal("reserve", "The reserve cannot be below the starting price.");
  }
  return { ok: true };
}

export type BidderOutcome =
  | { readonly kind: "won"; readonly amountMinor: number }
  | { readonly kind: "provisional"; readonly amountMinor: number; readonly confirmBy: Date | null }
  | { readonly kind: "lost"; readonly clearingPriceMinor: number }
  | { readonly kind: "pending" }
  | { readonly kind: "not_sold" };

export interface AwardSummary {
  readonly organizationId: string;
  readonly status: "provisional" | "confirmed" | "lapsed" | "cancelled";
  readonly amountMinor: number;
  readonly confirmBy: Date | null;
}

/**
 * What a bidder is told after the close. The clearing price is the confirmed award's amount; the
 * winner's name is never part of it. `pending` while the seller still decides (a provisional award
 * to someone else may yet lapse to this bidder).
 */
export function bidderOutcome(
  organizationId: string,
  lotStatus: string,
  awards: readonly AwardSummary[],
): BidderOutcome {
  const confirmed = awards.find((a) => a.status === "confirmed");
  if (confirmed) {
    return confirmed.organizationId === organizationId
      ? { kind: "won", amountMinor: confirmed.amountMinor }
      : { kind: "lost", clearingPriceMinor: confirmed.amountMinor };
  }
  const provisional = awards.find((a) => a.status === "provisional");
  if (provisional?.organizationId === organizationId) {
    return { kind: "provisional", amountMinor: provisional.amountMinor, confirmBy: provisional.confirmBy };
  }
  if (provisional || lotStatus === "closed") return { kind: "pending" };
  return { kind: "not_sold" };
}

/**
 * A `datetime-local` value ("2026-12-01T14:30") typed in a browser whose clock is
 * `offsetMinutes` behind UTC (Date#getTimezoneOffset: -60 in Paris in winter) as an instant.
 * Without the offset (no JavaScript) the time is read as UTC, which the form says. null when the
 * text is not a date and time.
 */
export function localDateTimeToInstant(value: unknown, offsetMinutes: unknown): Date | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  const probe = new Date(utc);
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const offset =
    typeof offsetMinutes === "string" && /^-?\d{1,4}$/.test(offsetMinutes) ? Number(offsetMinutes) : 0;
  if (Math.abs(offset) > 14 * 60) return null;
  return new Date(utc + offset * 60_000);
}
