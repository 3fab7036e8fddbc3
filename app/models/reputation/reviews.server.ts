// Reviews after a settled deal (issue 13 item 3, ADR 036; rules in app/domain/reputation/reviews.ts).
// Writing locks the deal's row, so the check "already reviewed" and the insert see the same state;
// the unique (dealId, authorOrganizationId) index backs it up. Reading applies the double-blind rule
// for whoever asks: a deal nobody may see is NOT_FOUND, as for the deal itself.
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import {
  checkCanReview,
  counterpartyOf,
  type ReviewInput,
  reviewPeriodEnds,
  reviewsPublished,
  reviewVisibleTo,
} from "~/domain/reputation/reviews.ts";
import type { DealReviewsView, DealReviewView } from "~/domain/reputation/views.ts";
import { db } from "~/utils/db.server.ts";

export interface ReviewPerson {
  organizationId: string | null;
  userId: string | null;
  isPlatformAdmin: boolean;
}

const NO_DEAL = () => fail("NOT_FOUND", "There is no such deal.");

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

const DEAL_SELECT = {
  id: true,
  status: true,
  settledAt: true,
  sellerOrganizationId: true,
  buyerOrganizationId: true,
  payerOrganizationId: true,
  payeeOrganizationId: true,
  facility: { select: { organizationId: true } },
} as const;

type DealFacts = {
  id: string;
  status: string;
  settledAt: Date | null;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  payerOrganizationId: string;
  payeeOrganizationId: string;
  facility: { organizationId: string } | null;
};

/** Who may see the deal at all (as getDeal): its parties, the receiving facility, platform admins. */
function seesDeal(deal: DealFacts, person: ReviewPerson): boolean {
  if (person.isPlatformAdmin) return true;
  const org = person.organizationId;
  if (!org) return false;
  return (
    [
      deal.sellerOrganizationId,
      deal.buyerOrganizationId,
      deal.payerOrganizationId,
      deal.payeeOrganizationId,
      deal.facility?.organizationId,
    ] as (string | undefined)[]
  ).includes(org);
}

/** One party writes its review of the other: refused for anyone else, before settlement, twice, or late. */
export async function writeReview(
  dealId: string,
  person: ReviewPerson,
  input: ReviewInput,
  now: Date = new Date(),
): Promise<{ ok: true; reviewId: string } | Failure> {
  if (!isUuid(dealId)) return NO_DEAL();
  try {
    return await db().$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Deal" WHERE id = ${dealId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new Refused(NO_DEAL());
      const deal = await tx.deal.findUniqueOrThrow({ where: { id: dealId }, select: DEAL_SELECT });
      if (!seesDeal(deal, person)) throw new Refused(NO_DEAL());
      const mine = person.organizationId
        ? await tx.dealReview.count({ where: { dealId, authorOrganizationId: person.organizationId } })
        : 0;
      const refusal = checkCanReview(deal, person.organizationId, mine > 0, now);
      if (refusal) throw new Refused(refusal);
      const subject = counterpartyOf(deal, person.organizationId) as string;
      const review = await tx.dealReview.create({
        data: {
          dealId,
          authorOrganizationId: person.organizationId as string,
          subjectOrganizationId: subject,
          authorUserId: person.userId,
          rating: input.rating,
          text: input.text,
          createdAt: now,
        },
        select: { id: true },
      });
      return { ok: true as const, reviewId: review.id };
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    if ((error as { code?: string }).code === "P2002")
      return fail("ALREADY_REVIEWED", "Your organisation has already reviewed this deal.");
    throw error;
  }
}

/**
 * A deal's reviews as this person may see them, and whether (and until when) it may write one.
 * Null when the deal does not exist for this person.
 */
export async function dealReviews(
  dealId: string,
  person: ReviewPerson,
  now: Date = new Date(),
): Promise<DealReviewsView | null> {
  if (!isUuid(dealId)) return null;
  const deal = await db().deal.findUnique({
    where: { id: dealId },
    select: {
      ...DEAL_SELECT,
      reviews: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          authorOrganizationId: true,
          subjectOrganizationId: true,
          rating: true,
          text: true,
          createdAt: true,
          author: { select: { name: true } },
          subject: { select: { name: true } },
        },
      },
    },
  });
  if (!deal || !seesDeal(deal, person)) return null;
  const published = reviewsPublished(deal.reviews.length, deal.settledAt, now);
  const wrote = deal.reviews.some((r) => r.authorOrganizationId === person.organizationId);
  const refusal = checkCanReview(deal, person.organizationId, wrote, now);
  const reviews: DealReviewView[] = deal.reviews
    .filter((r) => reviewVisibleTo(r, person.organizationId, published))
    .map((r) => ({
      id: r.id,
      author: { id: r.authorOrganizationId, name: r.author.name },
      subject: { id: r.subjectOrganizationId, name: r.subject.name },
      rating: r.rating,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      yours: r.authorOrganizationId === person.organizationId,
    }));
  return {
    isParty: counterpartyOf(deal, person.organizationId) !== null,
    settled: deal.status === "settled" && deal.settledAt !== null,
    periodEndsAt: deal.settledAt ? reviewPeriodEnds(deal.settledAt).toISOString() : null,
    published,
    canWrite: refusal === null,
    cannotWriteBecause: refusal?.message ?? null,
    cannotWriteBecauseCode: refusal?.code ?? null,
    reviews,
  };
}
