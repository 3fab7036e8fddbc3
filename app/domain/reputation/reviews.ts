/**
 * Reviews after a settled deal (issue 13 item 3, ADR 036), as pure rules: who may write, until
 * when, and who may read. Double-blind as Airbnb's reviews are: each party writes without seeing
 * the other's review, and both are published together — when the second is written, or when the
 * review period (REVIEW_PERIOD_DAYS after settlement) ends, whichever comes first. The period also
 * closes writing, so a late writer can never read the other review before writing its own.
 */

import { type Failure, fail, invalid } from "../failure.ts";
import { addDays } from "./window.ts";

export const REVIEW_PERIOD_DAYS = 14;
export const REVIEW_TEXT_MAX = 2000;

export interface ReviewInput {
  rating: number;
  text: string;
}

/** The review form or body: a rating of 1–5 whole stars and 1–2,000 characters of text. */
export function readReviewInput(raw: {
  rating: unknown;
  text: unknown;
}): { ok: true; value: ReviewInput } | Failure {
  const errors: Record<string, string> = {};
  const ratingText = typeof raw.rating === "number" ? String(raw.rating) : String(raw.rating ?? "").trim();
  const rating = Number(ratingText);
  if (!/^[1-5]$/.test(ratingText)) errors.rating = "Choose a rating of 1 to 5 stars.";
  const text = typeof raw.text === "string" ? raw.text.trim() : "";
  if (text.length === 0) errors.text = "Write a few words about how the deal went.";
  else if (text.length > REVIEW_TEXT_MAX)
    errors.text = `A review is at most ${REVIEW_TEXT_MAX.toLocaleString("en-US")} characters.`;
  if (Object.keys(errors).length > 0) return invalid(errors);
  return { ok: true, value: { rating, text } };
}

export function reviewPeriodEnds(settledAt: Date): Date {
  return addDays(settledAt, REVIEW_PERIOD_DAYS);
}

export interface ReviewableDeal {
  status: string;
  settledAt: Date | null;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
}

/** The other party of a deal for one of its parties; null for anyone else. */
export function counterpartyOf(deal: ReviewableDeal, organizationId: string | null): string | null {
  if (organizationId === null) return null;
  if (organizationId === deal.sellerOrganizationId) return deal.buyerOrganizationId;
  if (organizationId === deal.buyerOrganizationId) return deal.sellerOrganizationId;
  return null;
}

/** Why this organisation may not write a review of this deal now, or null when it may. */
export function checkCanReview(
  deal: ReviewableDeal,
  organizationId: string | null,
  alreadyWrote: boolean,
  now: Date,
): Failure<"FORBIDDEN" | "DEAL_NOT_SETTLED" | "REVIEW_PERIOD_CLOSED" | "ALREADY_REVIEWED"> | null {
  if (counterpartyOf(deal, organizationId) === null)
    return fail("FORBIDDEN", "Only the deal's seller and buyer review it.");
  if (deal.status !== "settled" || !deal.settledAt)
    return fail("DEAL_NOT_SETTLED", "A deal is reviewed once it has settled.");
  if (alreadyWrote) return fail("ALREADY_REVIEWED", "Your organisation has already reviewed this deal.");
  if (now >= reviewPeriodEnds(deal.settledAt))
    return fail(
      "REVIEW_PERIOD_CLOSED",
      `Reviews are written within ${REVIEW_PERIOD_DAYS} days of settlement; this deal's period has ended.`,
    );
  return null;
}

/**
 * Whether a deal's reviews are published: both parties wrote, or the period ended. Until then a
 * review is seen by its author alone — not by the other party, other organisations or admins.
 */
export function reviewsPublished(reviewCount: number, settledAt: Date | null, now: Date): boolean {
  if (reviewCount >= 2) return true;
  return settledAt !== null && now >= reviewPeriodEnds(settledAt);
}

export function reviewVisibleTo(
  review: { authorOrganizationId: string },
  viewerOrganizationId: string | null,
  published: boolean,
): boolean {
  return published || review.authorOrganizationId === viewerOrganizationId;
}
