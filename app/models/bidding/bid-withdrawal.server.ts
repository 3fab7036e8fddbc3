import {
  type AwardCaller,
  failure,
  findBidLot,
  inLotTransaction,
  Refused,
} from "./award-transaction.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import { lockLotForSale } from "./lot-sale.server.ts";

/**
 * A bidder withdraws its own live sealed bid or pending purchase request before the close or the
 * seller's decision. Auction bids are binding: others have bid against them.
 */
export async function withdrawBid(caller: AwardCaller, bidId: string, now = new Date()) {
  const found = await findBidLot(bidId);
  if (!found) return failure("NOT_FOUND", "There is no such bid.");
  return inLotTransaction(async (tx) => {
    const locked = await lockLotForSale(tx, found.lotId);
    if (!locked) throw new Refused(failure("NOT_FOUND", "There is no such bid."));
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    if (bid.organizationId !== caller.organizationId)
      throw new Refused(failure("FORBIDDEN", "Only the organisation that placed a bid can withdraw it."));
    if (locked.saleMode === "auction")
      throw new Refused(
        failure(
          "BID_NOT_WITHDRAWABLE",
          "Auction bids are binding and cannot be withdrawn: other bidders have bid against them.",
        ),
      );
    if (
      locked.status !== "open" ||
      (locked.saleMode === "sealed" && locked.closesAt && locked.closesAt <= now)
    )
      throw new Refused(
        failure("AUCTION_NOT_OPEN", "The sale has closed; the bid can no longer be withdrawn."),
      );
    const withdrawn = await tx.bid.updateMany({
      where: { id: bid.id, status: "active" },
      data: { status: "withdrawn", decisionNote: "Withdrawn by the bidder." },
    });
    if (withdrawn.count === 0)
      throw new Refused(
        failure("BID_NOT_LIVE", `This bid is ${bid.status}; only a live bid can be withdrawn.`),
      );
    await tx.lot.update({
      where: { id: locked.id },
      data: { bidCount: Math.max(0, locked.bidCount - 1), version: { increment: 1 } },
    });
    await publishLotEvent(tx, { lotId: locked.id, kind: "withdrawn" });
    return { ok: true as const, bid: await tx.bid.findUniqueOrThrow({ where: { id: bid.id } }) };
  });
}
