import { getLotForViewer } from "../lot.server.ts";
import { type ChainReport, verifyChain } from "./custody-chain.server.ts";

/**
 * A lot's chain for whoever may see the lot (drafts and withdrawn lots only for their own
 * organisation, as getLotForViewer decides), verified end to end; null when the lot is not visible.
 */
export async function custodyForViewer(
  lotId: string,
  viewerOrganizationId: string | null,
): Promise<ChainReport | null> {
  const lot = await getLotForViewer(lotId, viewerOrganizationId);
  if (!lot) return null;
  return verifyChain(lot.id);
}
