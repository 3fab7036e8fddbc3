import type { Award } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { getLotForViewer } from "../lot.server.ts";

/**
 * Awards of a lot for API v1. The seller sees every award of the lot (each round, lapsed ones
 * too: the history of who was offered it); another organisation sees only awards made to it, so
 * losing bidders never learn the winner's name here.
 */

type AwardRow = Award & {
  organization: { id: string; name: string };
  facility: { id: string; name: string } | null;
  bid: { round: number } | null;
};

export function toAwardJson(award: Award & Partial<Pick<AwardRow, "organization" | "facility" | "bid">>) {
  return {
    id: award.id,
    lotId: award.lotId,
    bidId: award.bidId,
    round: award.bid?.round ?? null,
    status: award.status,
    amount: { amountMinor: Number(award.amountMinor), currency: award.currency },
    reason: award.reason,
    winner: award.organization ? { id: award.organization.id, name: award.organization.name } : null,
    facility: award.facility ? { id: award.facility.id, name: award.facility.name } : null,
    confirmBy: award.confirmBy?.toISOString() ?? null,
    confirmedAt: award.confirmedAt?.toISOString() ?? null,
    lapsedAt: award.lapsedAt?.toISOString() ?? null,
    createdAt: award.createdAt.toISOString(),
  };
}

export async function lotAwardsForViewer(lotId: string, viewerOrganizationId: string) {
  const lot = await getLotForViewer(lotId, viewerOrganizationId);
  if (!lot) return null;
  const isSeller = lot.organizationId === viewerOrganizationId;
  const awards: AwardRow[] = await db().award.findMany({
    where: { lotId: lot.id, ...(isSeller ? {} : { organizationId: viewerOrganizationId }) },
    orderBy: { createdAt: "asc" },
    include: {
      organization: { select: { id: true, name: true } },
      facility: { select: { id: true, name: true } },
      bid: { select: { round: true } },
    },
  });
  return { lotId: lot.id, role: isSeller ? "seller" : "bidder", awards: awards.map(toAwardJson) };
}
