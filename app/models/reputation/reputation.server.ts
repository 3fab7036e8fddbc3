// An organisation's reputation and its facilities' reliability (issue 13 item 3, ADR 036): the facts
// read from deals, shipments and their milestones, bookings, disputes and reviews, and computed by
// app/domain/reputation/metrics.ts. Queries are cut to the window (plus a day of slack for the
// intake grace); the domain decides exactly which events count. Computed on each read: the window
// moves every day and the counts are per organisation, so there is nothing worth keeping fresh.
import type { DocumentCode } from "~/domain/compliance/documents.ts";
import { isUuid } from "~/domain/lot-json.ts";
import {
  computeReputation,
  type DisputeOutcome,
  type DocumentFact,
  facilityReliability,
  type IntakeFact,
  type ProportionFigure,
  type Reputation,
} from "~/domain/reputation/metrics.ts";
import { reviewsPublished } from "~/domain/reputation/reviews.ts";
import type { PublishedReview } from "~/domain/reputation/views.ts";
import { addDays, windowStart } from "~/domain/reputation/window.ts";
import { documentsOnFile, missingDocuments } from "~/domain/shipments/departure-gate.ts";
import { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";

type MilestoneAt = { kind: string; occurredAt: Date };

const at = (milestones: readonly MilestoneAt[], kind: string) =>
  milestones.find((m) => m.kind === kind)?.occurredAt ?? null;

/** Shipments whose intake might fall in the window (received in it, or due in it). */
async function intakeFacts(where: Prisma.ShipmentWhereInput, asOf: Date) {
  const start = windowStart(asOf);
  const rows = await db().shipment.findMany({
    where: {
      AND: [
        where,
        {
          OR: [
            { plannedArrivalAt: { gte: addDays(start, -2), lte: asOf } },
            { milestones: { some: { kind: { in: ["delivered", "received"] }, occurredAt: { gte: start } } } },
          ],
        },
      ],
    },
    select: {
      destinationFacilityId: true,
      plannedArrivalAt: true,
      deal: { select: { bookingId: true } },
      milestones: {
        where: { kind: { in: ["delivered", "received"] } },
        select: { kind: true, occurredAt: true },
      },
    },
  });
  return rows.map((row) => ({
    facilityId: row.destinationFacilityId,
    fact: {
      plannedArrivalAt: row.plannedArrivalAt,
      deliveredAt: at(row.milestones, "delivered"),
      receivedAt: at(row.milestones, "received"),
      fromBooking: row.deal?.bookingId != null,
    } satisfies IntakeFact,
  }));
}

/**
 * intakeFacts for shipments to the given facilities, in one query instead of Prisma's three (the
 * shipments, their deals, their milestones): every lot page asks for the facilities it ranks
 * (ADR 053). The same rows and facts; a shipment has at most one milestone of each kind.
 */
export async function facilityIntakeFacts(
  facilityIds: readonly string[],
  asOf: Date,
): Promise<{ facilityId: string; fact: IntakeFact }[]> {
  if (facilityIds.length === 0) return [];
  const start = windowStart(asOf);
  // IN lists rather than = ANY($1): the PGlite adapter does not send JavaScript arrays as arrays.
  const ids = Prisma.join(facilityIds.map((id) => Prisma.sql`${id}::uuid`));
  const rows = await db().$queryRaw<
    {
      facilityId: string;
      plannedArrivalAt: Date | null;
      deliveredAt: Date | null;
      receivedAt: Date | null;
      fromBooking: boolean;
    }[]
  >`SELECT s."destinationFacilityId"::text AS "facilityId", s."plannedArrivalAt",
           (SELECT m."occurredAt" FROM "ShipmentMilestone" m
             WHERE m."shipmentId" = s."id" AND m."kind" = 'delivered') AS "deliveredAt",
           (SELECT m."occurredAt" FROM "ShipmentMilestone" m
             WHERE m."shipmentId" = s."id" AND m."kind" = 'received') AS "receivedAt",
           (d."bookingId" IS NOT NULL) AS "fromBooking"
    FROM "Shipment" s LEFT JOIN "Deal" d ON d."id" = s."dealId"
    WHERE s."destinationFacilityId" IN (${ids})
      AND ((s."plannedArrivalAt" >= ${addDays(start, -2)} AND s."plannedArrivalAt" <= ${asOf})
        OR EXISTS (SELECT 1 FROM "ShipmentMilestone" m
                    WHERE m."shipmentId" = s."id" AND m."kind" IN ('delivered', 'received')
                      AND m."occurredAt" >= ${start}))`;
  return rows.map((row) => ({
    facilityId: row.facilityId,
    fact: {
      plannedArrivalAt: row.plannedArrivalAt,
      deliveredAt: row.deliveredAt,
      receivedAt: row.receivedAt,
      fromBooking: row.fromBooking,
    } satisfies IntakeFact,
  }));
}

function outcomeOf(status: string): DisputeOutcome {
  if (status === "agreed" || status === "decided" || status === "withdrawn") return status;
  return "open";
}

/** An organisation's figures over the 180 days ending at `asOf` (NOT_FOUND as null). */
export async function organizationReputation(
  organizationId: string,
  asOf: Date = new Date(),
): Promise<Reputation | null> {
  if (!isUuid(organizationId)) return null;
  const start = windowStart(asOf);
  const inWindow = { gte: start, lte: asOf };
  const asSeller = { deal: { sellerOrganizationId: organizationId } };
  const party: Prisma.DealWhereInput = {
    OR: [{ sellerOrganizationId: organizationId }, { buyerOrganizationId: organizationId }],
  };
  const [exists, intake, weighed, departed, paymentEvents, received, disputes, reviews] = await Promise.all([
    db().organization.count({ where: { id: organizationId } }),
    intakeFacts({ destinationFacility: { organizationId } }, asOf),
    db().shipment.findMany({
      where: {
        ...asSeller,
        declaredKg: { not: null },
        receivedKg: { not: null },
        milestones: { some: { kind: "received", occurredAt: inWindow } },
      },
      select: {
        weightVarianceBp: true,
        varianceFlagged: true,
        milestones: { where: { kind: "received" }, select: { kind: true, occurredAt: true } },
      },
    }),
    db().shipment.findMany({
      where: { ...asSeller, milestones: { some: { kind: "departed", occurredAt: inWindow } } },
      select: {
        documents: true,
        plannedDepartureAt: true,
        milestones: { where: { kind: "departed" }, select: { kind: true, occurredAt: true } },
        lot: { select: { documents: { select: { kind: true, createdAt: true } } } },
      },
    }),
    db().dealEvent.findMany({
      where: {
        event: { in: ["payment_received", "payment_deadline_passed"] },
        occurredAt: inWindow,
        deal: { payerOrganizationId: organizationId },
      },
      orderBy: { occurredAt: "asc" },
      select: { dealId: true, event: true, occurredAt: true, deal: { select: { paymentDueAt: true } } },
    }),
    db().deal.findMany({
      where: { ...party, receivedAt: inWindow },
      select: { receivedAt: true, disputes: { select: { openedByOrganizationId: true } } },
    }),
    db().dispute.findMany({
      where: { deal: party, createdAt: inWindow },
      select: { createdAt: true, status: true },
    }),
    db().dealReview.findMany({
      where: { subjectOrganizationId: organizationId, createdAt: inWindow },
      select: {
        rating: true,
        createdAt: true,
        deal: { select: { settledAt: true, _count: { select: { reviews: true } } } },
      },
    }),
  ]);
  if (exists === 0) return null;

  const payments = new Map<string, { dueAt: Date; fundedAt: Date | null; lapsedAt: Date | null }>();
  for (const e of paymentEvents) {
    const fact = payments.get(e.dealId) ?? { dueAt: e.deal.paymentDueAt, fundedAt: null, lapsedAt: null };
    if (e.event === "payment_received" && !fact.fundedAt) fact.fundedAt = e.occurredAt;
    if (e.event === "payment_deadline_passed" && !fact.lapsedAt) fact.lapsedAt = e.occurredAt;
    payments.set(e.dealId, fact);
  }

  const documents: DocumentFact[] = departed.flatMap((s) => {
    const departedAt = at(s.milestones, "departed");
    if (!departedAt) return [];
    const by = s.plannedDepartureAt ?? departedAt;
    const onFile = documentsOnFile(s.lot.documents.filter((d) => d.createdAt <= by).map((d) => d.kind));
    const missing = missingDocuments({
      requiredDocuments: s.documents as DocumentCode[],
      documentsOnFile: onFile,
    });
    return [{ departedAt, plannedDepartureAt: s.plannedDepartureAt, completeByPlan: missing.length === 0 }];
  });

  return computeReputation(
    {
      intake: intake.map((i) => i.fact),
      weights: weighed.flatMap((s) => {
        const receivedAt = at(s.milestones, "received");
        return receivedAt
          ? [{ receivedAt, varianceBp: s.weightVarianceBp ?? 0, flagged: s.varianceFlagged }]
          : [];
      }),
      documents,
      payments: [...payments.values()],
      dealsReceived: received.flatMap((d) =>
        d.receivedAt
          ? [
              {
                receivedAt: d.receivedAt,
                disputedByOther: d.disputes.some((x) => x.openedByOrganizationId !== organizationId),
              },
            ]
          : [],
      ),
      disputes: disputes.map((d) => ({ openedAt: d.createdAt, outcome: outcomeOf(d.status) })),
      // Only published reviews count: an unpublished one must not move a figure its subject can see.
      reviews: reviews
        .filter((r) => reviewsPublished(r.deal._count.reviews, r.deal.settledAt, asOf))
        .map((r) => ({ rating: r.rating, at: r.createdAt })),
    },
    asOf,
  );
}

/** The on-time intake figure of each facility given (all facilities with none in the window: n = 0). */
export async function facilityReliabilities(
  facilityIds: readonly string[],
  asOf: Date = new Date(),
): Promise<Map<string, ProportionFigure>> {
  const ids = facilityIds.filter(isUuid);
  const byFacility = new Map<string, IntakeFact[]>(ids.map((id) => [id, []]));
  if (ids.length > 0) {
    for (const { facilityId, fact } of await facilityIntakeFacts(ids, asOf)) {
      byFacility.get(facilityId)?.push(fact);
    }
  }
  return new Map([...byFacility].map(([id, facts]) => [id, facilityReliability(facts, asOf)]));
}

/** Published reviews written about an organisation in the window, newest first. */
export async function publishedReviewsAbout(
  organizationId: string,
  asOf: Date = new Date(),
  limit = 20,
): Promise<PublishedReview[]> {
  if (!isUuid(organizationId)) return [];
  const rows = await db().dealReview.findMany({
    where: { subjectOrganizationId: organizationId, createdAt: { gte: windowStart(asOf), lte: asOf } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      rating: true,
      text: true,
      createdAt: true,
      author: { select: { id: true, name: true } },
      deal: { select: { settledAt: true, _count: { select: { reviews: true } } } },
    },
  });
  return rows
    .filter((r) => reviewsPublished(r.deal._count.reviews, r.deal.settledAt, asOf))
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      author: r.author,
      rating: r.rating,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
}

/** The public face of an organisation for its page: name, economy, what it does, its listed facilities. */
export async function organizationProfile(organizationId: string) {
  if (!isUuid(organizationId)) return null;
  return db().organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      economyCode: true,
      capabilities: true,
      website: true,
      description: true,
      facilities: {
        where: { active: true },
        orderBy: { name: "asc" },
        select: { id: true, name: true, economyCode: true },
      },
    },
  });
}

/** Every listed facility's on-time intake figure (the lot page's optional reliability weight). */
export async function activeFacilityReliabilities(asOf: Date = new Date()) {
  const facilities = await db().facility.findMany({ where: { active: true }, select: { id: true } });
  return facilityReliabilities(
    facilities.map((f) => f.id),
    asOf,
  );
}
