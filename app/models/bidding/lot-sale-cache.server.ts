import type { AuctionState } from "~/domain/bidding/auction.ts";
import { db } from "~/utils/db.server.ts";
import { auctionStateOfLot, type LotWithLeader, WITH_LEADER } from "./lot-sale.server.ts";

/**
 * What a server process remembers of the lots being bid on, so that the checks a bid passes before
 * it queues for the lot's lock (the lot exists and is open, not the bidder's own, in its currency,
 * the destination can take it, the amount reaches the minimum) need no query on a hot lot.
 *
 * Nothing here decides a bid that is placed: the group transaction re-reads the lot under its lock.
 * What the cache may decide is a refusal as BELOW_MINIMUM, and that is safe with a state that is a
 * little old because while a lot is open its price only rises: a bid below the minimum of an
 * earlier committed state is below the minimum now. The exceptions — the lot closed, withdrawn or
 * relisted at a new starting price — publish a lot event, which drops the lot from this process's
 * cache (other instances re-read within SNAPSHOT_TTL_MS), and a lot past its closing time is never
 * refused from the cache (the rules answer AUCTION_NOT_OPEN, and the bid goes to the lock).
 * The lot's physical facts, used by the destination check, are frozen once it has bids.
 */

export const SNAPSHOT_TTL_MS = 250;
const MAX_LOTS = 10_000;

interface Snapshot {
  lot: LotWithLeader;
  readAt: number;
}

interface Committed {
  state: AuctionState;
  at: number;
}

// On globalThis: server.ts and the Remix build each load their own copy of the app's modules, and
// both must see one cache (and one bid queue) per process.
interface Shared {
  snapshots: Map<string, Snapshot>;
  reading: Map<string, Promise<LotWithLeader | null>>;
  committed: Map<string, Committed>;
}
const shared = globalThis as unknown as { packloopLotSale?: Shared };
shared.packloopLotSale ??= { snapshots: new Map(), reading: new Map(), committed: new Map() };
const cache: Shared = shared.packloopLotSale;

function bounded<V>(map: Map<string, V>) {
  // A crude bound: a process bids on far fewer lots than this within a few seconds.
  if (map.size > MAX_LOTS) map.clear();
}

/**
 * The lot with its leader's organisation, read at most once per SNAPSHOT_TTL_MS per process, or
 * read now with `fresh` (before refusing a bid because the lot is not open: another instance may
 * have relisted it a moment ago).
 */
export async function lotForBidding(lotId: string, fresh = false): Promise<LotWithLeader | null> {
  if (!fresh) {
    const hit = cache.snapshots.get(lotId);
    if (hit && performance.now() - hit.readAt < SNAPSHOT_TTL_MS) return hit.lot;
    // Requests that miss together share one read.
    const pending = cache.reading.get(lotId);
    if (pending) return pending;
  }
  if (fresh) return readLot(lotId);
  // Everyone waits on the same promise, so requests resume in the order they asked.
  const read = readLot(lotId).finally(() => cache.reading.delete(lotId));
  cache.reading.set(lotId, read);
  return read;
}

async function readLot(lotId: string): Promise<LotWithLeader | null> {
  const readAt = performance.now();
  const lot = await db().lot.findUnique({ where: { id: lotId }, include: WITH_LEADER });
  if (lot) {
    bounded(cache.snapshots);
    cache.snapshots.set(lotId, { lot, readAt });
  } else cache.snapshots.delete(lotId);
  return lot;
}

/** The newest auction state this process knows for the lot: its last commit here, or the snapshot. */
export function latestAuctionState(lot: LotWithLeader): { state: AuctionState; at: number } {
  const committed = cache.committed.get(lot.id);
  const snapshot = cache.snapshots.get(lot.id);
  const snapshotAt = snapshot?.lot === lot ? snapshot.readAt : -1;
  if (committed && committed.at > snapshotAt) return committed;
  return { state: auctionStateOfLot(lot), at: snapshotAt };
}

/** The state a group of bids on the lot committed in this process, and when. */
export function rememberCommitted(lotId: string, state: AuctionState): void {
  bounded(cache.committed);
  cache.committed.set(lotId, { state, at: performance.now() });
}

export function lastCommitted(lotId: string): Committed | undefined {
  return cache.committed.get(lotId);
}

/** Forgets the lot: its sale changed other than by a bid (closed, awarded, relisted, withdrawn). */
export function forgetLotSale(lotId: string): void {
  cache.snapshots.delete(lotId);
  cache.committed.delete(lotId);
}
