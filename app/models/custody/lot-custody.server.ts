import { db } from "~/utils/db.server.ts";
import { getLotForViewer } from "../lot.server.ts";
import { type ChainReport, verifyChain } from "./custody-chain.server.ts";

/**
 * A lot's chain for whoever may see the lot (drafts and withdrawn lots only for their own
 * organisation, as getLotForViewer decides), verified end to end; null when the lot is not visible.
 *
 * Events' `data` holds who won and for how much, deal figures and payment references: the parties
 * (the seller, the confirmed winner, an organisation on one of the lot's deals) and platform
 * admins read it; everyone else gets the kinds, times and hashes with `data` withheld, and
 * Packloop's verdict over the full chain (ADR 021). A sealed tender's winner and price stay
 * private (ADR 024).
 */
export async function custodyForViewer(
  lotId: string,
  viewerOrganizationId: string | null,
  options: { isPlatformAdmin?: boolean } = {},
): Promise<(ChainReport & { dataVisible: boolean }) | null> {
  const lot = await getLotForViewer(lotId, viewerOrganizationId);
  if (!lot) return null;
  const report = await verifyChain(lot.id);
  return {
    ...report,
    dataVisible: await isParty(lot, viewerOrganizationId, options.isPlatformAdmin ?? false),
  };
}

async function isParty(
  lot: { id: string; organizationId: string },
  viewerOrganizationId: string | null,
  isPlatformAdmin: boolean,
): Promise<boolean> {
  if (isPlatformAdmin) return true;
  if (!viewerOrganizationId) return false;
  if (viewerOrganizationId === lot.organizationId) return true;
  const [award, deal] = await Promise.all([
    db().award.findFirst({
      where: { lotId: lot.id, organizationId: viewerOrganizationId, status: "confirmed" },
      select: { id: true },
    }),
    db().deal.findFirst({
      where: {
        lotId: lot.id,
        OR: [{ buyerOrganizationId: viewerOrganizationId }, { sellerOrganizationId: viewerOrganizationId }],
      },
      select: { id: true },
    }),
  ]);
  return award !== null || deal !== null;
}
