import { checkOptionalNote } from "~/domain/bidding/closing.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { notifyOrganization } from "../notification.server.ts";
import { createAward } from "./award-creation.server.ts";
import { finalise } from "./award-finalise.server.ts";
import {
  type AwardCaller,
  failure,
  findBidLot,
  inLotTransaction,
  lockOwnLot,
  lotFacts,
  Refused,
  transitionRefusal,
} from "./award-transaction.server.ts";

/**
 * The seller's answer to a fixed-price lot's purchase requests (issue 5 item 5): accepting one
 * closes and awards the lot in one transaction, confirmed at once, and declines the others;
 * declining one tells its buyer, with the seller's note.
 */

/** Fixed price: the seller accepts one request. The lot closes and is awarded in one transaction. */
export async function acceptPurchaseRequest(caller: AwardCaller, bidId: string, now = new Date()) {
  const found = await findBidLot(bidId);
  if (!found) return failure("NOT_FOUND", "There is no such purchase request.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    if (locked.saleMode !== "fixed")
      throw new Refused(failure("WRONG_SALE_MODE", "Only a fixed-price lot takes purchase requests."));
    const refusal = transitionRefusal(locked.status, "closed");
    if (refusal) throw new Refused(refusal);
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    if (bid.status !== "active" || bid.round !== locked.round)
      throw new Refused(
        failure("BID_NOT_LIVE", `This request is ${bid.status}; it can no longer be accepted.`),
      );
    await tx.lot.update({
      where: { id: locked.id },
      data: { status: "closed", closedAt: now, currentPriceMinor: bid.amountMinor },
    });
    const closed = { ...locked, status: "closed" };
    const facts = await lotFacts(tx, locked.id);
    const created = await createAward(
      tx,
      closed,
      facts,
      {
        bid,
        amountMinor: Number(bid.amountMinor),
        reason: "purchase request accepted at the asking price",
        status: "confirmed",
      },
      now,
    );
    if ("noCapacity" in created)
      throw new Refused(
        failure(
          "CAPACITY_UNAVAILABLE",
          `The buyer's facility cannot take the lot now (${created.noCapacity}).`,
        ),
      );
    // Other pending requests are declined rather than lost: they were never in competition.
    const others = await tx.bid.findMany({
      where: { lotId: locked.id, round: locked.round, status: "active", id: { not: bid.id } },
    });
    await tx.bid.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { status: "rejected", decisionNote: "The seller accepted another request." },
    });
    for (const organizationId of new Set(others.map((o) => o.organizationId))) {
      await notifyOrganization(tx, organizationId, {
        kind: "purchase_declined",
        title: NOTIFICATION_TITLES.purchase_declined.soldToAnother(facts.names),
        body: noticeText("soldToAnother"),
        link: facts.link,
        lotId: locked.id,
      });
    }
    await finalise(
      tx,
      closed,
      created.award,
      now,
      { kind: "purchase_accepted", title: NOTIFICATION_TITLES.purchase_accepted.buyer(facts.names) },
      caller.userId,
    );
    return { ok: true as const, award: created.award };
  });
}

/** Fixed price: the seller declines one request (an optional note tells the buyer why). */
export async function declinePurchaseRequest(
  caller: AwardCaller,
  bidId: string,
  note: unknown = "",
  now = new Date(),
) {
  const found = await findBidLot(bidId);
  if (!found) return failure("NOT_FOUND", "There is no such purchase request.");
  const checked = checkOptionalNote(note);
  if (!checked.ok) return failure("VALIDATION", checked.message, "note");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    if (locked.saleMode !== "fixed")
      throw new Refused(failure("WRONG_SALE_MODE", "Only a fixed-price lot takes purchase requests."));
    const declined = await tx.bid.updateMany({
      where: { id: bidId, status: "active" },
      data: { status: "rejected", decisionNote: checked.value || null },
    });
    if (declined.count === 0)
      throw new Refused(failure("BID_NOT_LIVE", "This request was already answered or withdrawn."));
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    const facts = await lotFacts(tx, locked.id);
    await notifyOrganization(tx, bid.organizationId, {
      kind: "purchase_declined",
      title: NOTIFICATION_TITLES.purchase_declined.declined(facts.names),
      body: checked.value ? noticeText("sellerNote", { note: checked.value }) : undefined,
      link: facts.link,
      lotId: locked.id,
    });
    void now;
    return { ok: true as const, bid };
  });
}
