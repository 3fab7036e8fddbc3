/**
 * What the reputation pages receive (ADR 015: explicit interfaces in the domain, not a model's
 * return type): a deal's reviews for one viewer, an organisation's published reviews.
 */

export interface DealReviewView {
  id: string;
  author: { id: string; name: string };
  subject: { id: string; name: string };
  rating: number;
  text: string;
  createdAt: string;
  /** Written by the viewer's organisation. */
  yours: boolean;
}

export interface DealReviewsView {
  /** The viewer's organisation is the deal's seller or buyer. */
  isParty: boolean;
  settled: boolean;
  /** When writing closes and the reviews are published at the latest (null before settlement). */
  periodEndsAt: string | null;
  /** Both wrote or the period ended: every review of the deal is shown. */
  published: boolean;
  canWrite: boolean;
  cannotWriteBecause: string | null;
  /** The refusal's code, so the page words it in its language (the message is the English fallback). */
  cannotWriteBecauseCode: string | null;
  /** Only the reviews this viewer may see. */
  reviews: DealReviewView[];
}

export interface PublishedReview {
  id: string;
  author: { id: string; name: string };
  rating: number;
  text: string;
  createdAt: string;
}
