import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { db } from "~/utils/db.server.ts";
import { GroupQueue, type GroupRun } from "~/utils/group-queue.server.ts";
import { metrics } from "~/utils/metrics.server.ts";
import { watchLot } from "../lot-watch.server.ts";
import { notifyOrganizationOncePerLot } from "../notification.server.ts";
import { applyAuctionGroup } from "./auction-group.server.ts";
import {
  type Applied,
  type BidFailure,
  belowMinimumIn,
  failure,
  refusal,
  termsRefusal,
} from "./bid-outcome.server.ts";
import { lockedBid } from "./locked-bid.server.ts";
import { lockLotForSale, TRANSACTION_OPTIONS } from "./lot-sale.server.ts";
import { lastCommitted, rememberCommitted } from "./lot-sale-cache.server.ts";

/**
 * Bids on one lot take turns (ADR 014). A bid that passed the unlocked checks queues for its lot
 * (GroupQueue): the auction bids that queued while the previous group was being written form the
 * next group, which takes the lot's row lock (SELECT … FOR UPDATE), applies the pure auction rules
 * to each bid in arrival order from the state read under the lock, appends the placed bids to the
 * lot's log with consecutive sequence numbers, writes the lot's new price, leader and close time,
 * and commits once (auction-group.server.ts). The lock orders groups across every server instance;
 * bids on different lots never wait for each other. A bid is acknowledged only after its group's
 * commit.
 */

/** A bid waiting for its lot's turn. */
export interface Queued {
  input: PlaceBidInput;
  saleMode: "auction" | "sealed" | "fixed";
  queuedAt: number;
}

/** What a bid's turn came to; an error is the bid's own (the rest of its group stands). */
export type Turn = Applied | BidFailure | { replay: true } | { error: unknown };

// Bids on one lot form groups that share a transaction; a group holds the lot's lock once and
// commits once.
export const bidQueue = new GroupQueue<Queued, Turn>((lotId, items) => runBidGroup(lotId, items));

/**
 * One turn of a lot: the group's bids that are below the minimum of what the previous group
 * committed are refused without a query (a state committed after they queued, so a valid point for
 * the refusal); auction bids are placed together in one transaction, sealed bids and purchase
 * requests one transaction each. If a group's transaction fails, its bids are retried one by one,
 * so one bid's error (a key used at the same moment on another lot) is that bid's alone.
 */
async function runBidGroup(lotId: string, items: Queued[]): Promise<GroupRun<Turn>> {
  metrics().bidGroupSize.observe(items.length);
  const results: Turn[] = new Array(items.length);
  const recent = lastCommitted(lotId);
  const live: number[] = [];
  items.forEach((item, index) => {
    if (item.saleMode === "auction" && recent && recent.at > item.queuedAt && !item.input.idempotencyKey) {
      const tooLow = belowMinimumIn(recent.state, item.input);
      if (tooLow) {
        results[index] = tooLow;
        return;
      }
    }
    live.push(index);
  });
  if (live.length === 0) return { results };

  const inputs = live.map((index) => items[index].input);
  let turns: Turn[];
  if (items[live[0]].saleMode === "auction") {
    turns = await placeAuctionGroup(lotId, inputs).catch(async (error) => {
      if (inputs.length === 1) return [{ error }];
      const one: Turn[] = [];
      for (const input of inputs)
        one.push(...(await placeAuctionGroup(lotId, [input]).catch((e) => [{ error: e }])));
      return one;
    });
  } else {
    turns = [];
    for (const input of inputs) turns.push(await lockedBid(input).catch((error) => ({ error })));
  }
  live.forEach((index, i) => {
    results[index] = turns[i];
  });
  return { results, settled: afterBids(lotId, inputs, turns) };
}

/** Auction bids on one lot in one transaction; a lot that turned out not to be an auction, one by one. */
async function placeAuctionGroup(lotId: string, inputs: PlaceBidInput[]): Promise<Turn[]> {
  const group = await db().$transaction(async (tx) => {
    const locked = await lockLotForSale(tx, lotId);
    if (!locked) return inputs.map(() => failure("NOT_FOUND", "No such lot."));
    if (locked.saleMode !== "auction") return null;
    return applyAuctionGroup(tx, locked, inputs);
  }, TRANSACTION_OPTIONS);
  if (group === null) {
    const turns: Turn[] = [];
    for (const input of inputs) turns.push(await lockedBid(input).catch((error) => ({ error })));
    return turns;
  }
  if (Array.isArray(group)) return group;
  rememberCommitted(lotId, group.state);
  return group.outcomes.map((outcome): Turn => {
    switch (outcome.kind) {
      case "placed":
        return {
          bid: outcome.bid,
          view: outcome.view,
          outbidOrganizationId: outcome.outbidOrganizationId,
          leaderOrganizationId: outcome.leaderOrganizationId,
        };
      case "replay":
        return { replay: true };
      case "closed":
        return failure("AUCTION_NOT_OPEN", "Bidding on this lot has closed.");
      case "refused_terms":
        return termsRefusal(outcome.refusal);
      default:
        return refusal(outcome.rejection, group.state.currency);
    }
  });
}

/**
 * After a group's commit, outside the lot's lock and while the next group runs: make each bidder a
 * watcher of the lot, and tell each organisation that lost the lead during the group and does not
 * lead after it (one notice per organisation, at the group's final price). A crash between the
 * commit and this step loses only the notices.
 */
async function afterBids(lotId: string, inputs: PlaceBidInput[], turns: Turn[]): Promise<void> {
  const placed = turns.flatMap((turn, i) => ("bid" in turn ? [{ input: inputs[i], applied: turn }] : []));
  if (placed.length === 0) return;
  try {
    const users = new Set(placed.flatMap((p) => (p.input.userId ? [p.input.userId] : [])));
    for (const userId of users) await watchLot(db(), userId, lotId);
    const last = placed[placed.length - 1].applied;
    // Everyone who lost the lead during the group, except the organisation leading after it.
    const outbid = new Set(
      placed.flatMap((p) => (p.applied.outbidOrganizationId ? [p.applied.outbidOrganizationId] : [])),
    );
    outbid.delete(last.leaderOrganizationId ?? "");
    if (outbid.size === 0) return;
    const price = last.view.currentPrice;
    await db().$transaction(async (tx) => {
      const lot = await tx.lot.findUniqueOrThrow({
        where: { id: lotId },
        select: { number: true, title: true },
      });
      for (const org of outbid) {
        await notifyOrganizationOncePerLot(tx, org, {
          kind: "outbid",
          title: NOTIFICATION_TITLES.outbid.bidder(lotTitleFacts(lot)),
          body: price
            ? noticeText("outbid", { price: noticeMoney(price.amountMinor, price.currency) })
            : noticeText("outbidHigher"),
          link: `/lots/${lotId}`,
          lotId,
        });
      }
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    console.error("after-bid notifications failed", error);
  }
}
