import { type AuctionState, applyBid, type BidOutcome as RuleOutcome } from "~/domain/bidding/auction.ts";
import { type AuctionView, auctionView } from "~/domain/bidding/auction-view.ts";
import { type BidTerms, type BidTermsRefusal, bidTermsFor } from "~/domain/bidding/bid-terms.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { LOT_EVENTS_CHANNEL, type LotEvent } from "~/domain/lot-events.ts";
import { type Bid, Prisma } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { auctionStateOf, type LockedLot, saleColumnsOf } from "./lot-sale.server.ts";

/**
 * A group of auction bids on one lot in one transaction (see GroupQueue): the rules are applied to
 * the bids one after another, in the order they arrived, starting from the state read under the
 * lot's lock — exactly what one transaction per bid would have given — and the group is written in
 * three statements: the keys already used, the new rows of the bid log, and the lot's new state
 * with the previous leader's bid marked outbid and the live-page event. One commit acknowledges
 * the whole group.
 */

export type GroupedBidOutcome =
  | {
      kind: "placed";
      bid: Bid;
      view: AuctionView;
      outbidOrganizationId: string | null;
      leaderOrganizationId: string;
    }
  /** An earlier submission with the same idempotency key was placed (before or in this group). */
  | { kind: "replay" }
  | { kind: "closed" }
  | { kind: "refused"; rejection: Extract<RuleOutcome, { ok: false }> }
  /** Terms an auction does not take (placeBid refuses them before queueing; this is the lock's word). */
  | { kind: "refused_terms"; refusal: BidTermsRefusal };

export interface AuctionGroupResult {
  outcomes: GroupedBidOutcome[];
  /** The auction after the group (unchanged when nothing was placed). */
  state: AuctionState;
}

const keyOf = (organizationId: string, key: string) => `${organizationId} ${key}`;

async function usedKeys(tx: DbTransaction, inputs: readonly PlaceBidInput[]): Promise<Set<string>> {
  const keyed = inputs.filter((i) => i.idempotencyKey);
  if (keyed.length === 0) return new Set();
  const pairs = keyed.map((i) => Prisma.sql`(${i.organizationId}::uuid, ${i.idempotencyKey})`);
  const rows = await tx.$queryRaw<{ organizationId: string; idempotencyKey: string }[]>`
    SELECT "organizationId"::text AS "organizationId", "idempotencyKey" FROM "Bid"
    WHERE ("organizationId", "idempotencyKey") IN (${Prisma.join(pairs)})`;
  return new Set(rows.map((r) => keyOf(r.organizationId, r.idempotencyKey)));
}

/**
 * A bid's row from its input and its settled terms (bidTermsFor: an auction bid's are EXW at the
 * lot), with its place in the lot's log (amounts set by the caller).
 */
export function newBidRow(
  input: PlaceBidInput,
  terms: BidTerms,
  locked: LockedLot,
  sequence: number,
  at: Date,
): Omit<Bid, "status"> {
  const d = terms.destination;
  return {
    id: crypto.randomUUID(),
    lotId: locked.id,
    organizationId: input.organizationId,
    placedById: input.userId,
    amountMinor: BigInt(input.amountMinor),
    maxAmountMinor: input.maxAmountMinor === null ? null : BigInt(input.maxAmountMinor),
    currency: input.currency,
    facilityId: terms.facilityId,
    idempotencyKey: input.idempotencyKey,
    sequence,
    round: locked.round,
    priceAfterMinor: 0n,
    leadingAfterId: null,
    incoterm: terms.incoterm,
    destinationLat: d?.lat ?? null,
    destinationLng: d?.lng ?? null,
    destinationEconomyCode: d?.economy ?? null,
    destinationLabel: d?.label ?? null,
    decisionNote: null,
    createdAt: at,
  };
}

export async function applyAuctionGroup(
  tx: DbTransaction,
  locked: LockedLot,
  inputs: readonly PlaceBidInput[],
): Promise<AuctionGroupResult> {
  const used = await usedKeys(tx, inputs);
  let state = auctionStateOf(locked);
  let sequence = locked.lastSequence;
  let extensions = 0;
  const rows: Omit<Bid, "status">[] = [];
  const placed: {
    index: number;
    row: Omit<Bid, "status">;
    view: AuctionView;
    outbid: string | null;
    leader: string;
  }[] = [];
  const outcomes: (GroupedBidOutcome | null)[] = inputs.map(() => null);

  inputs.forEach((input, index) => {
    if (input.idempotencyKey) {
      const key = keyOf(input.organizationId, input.idempotencyKey);
      if (used.has(key)) {
        outcomes[index] = { kind: "replay" };
        return;
      }
    }
    const at = input.clock?.() ?? new Date();
    if (locked.status !== "open" || state.closesAt <= at) {
      outcomes[index] = { kind: "closed" };
      return;
    }
    // Pure and cheap: the bid's terms were settled before it queued, for the sale read then.
    const terms = bidTermsFor("auction", input.terms);
    if (!terms.ok) {
      outcomes[index] = { kind: "refused_terms", refusal: terms };
      return;
    }
    const row = newBidRow(input, terms.terms, locked, sequence + 1, at);
    const outcome = applyBid(state, {
      bidId: row.id,
      organizationId: input.organizationId,
      amountMinor: input.amountMinor,
      maxAmountMinor: input.maxAmountMinor,
      at,
    });
    if (!outcome.ok) {
      outcomes[index] =
        outcome.code === "AUCTION_NOT_OPEN" ? { kind: "closed" } : { kind: "refused", rejection: outcome };
      return;
    }
    sequence += 1;
    if (outcome.extended) extensions += 1;
    state = outcome.state;
    row.priceAfterMinor = BigInt(outcome.priceAfterMinor);
    row.leadingAfterId = outcome.leaderAfter.bidId;
    if (input.idempotencyKey) used.add(keyOf(input.organizationId, input.idempotencyKey));
    rows.push(row);
    const view = auctionView(
      {
        ...saleColumnsOf(locked),
        currentPriceMinor: outcome.priceAfterMinor,
        leadingMaxMinor: outcome.leaderAfter.maxMinor,
        leadingOrganizationId: outcome.leaderAfter.organizationId,
        bidCount: locked.bidCount + rows.length,
        closesAt: outcome.state.closesAt,
        extensionCount: locked.extensionCount + extensions,
      },
      input.organizationId,
      at,
    );
    placed.push({
      index,
      row,
      view,
      outbid: outcome.outbidOrganizationId,
      leader: outcome.leaderAfter.organizationId,
    });
  });

  if (rows.length > 0) await writeGroup(tx, locked, rows, state, extensions, sequence);
  // Only the leader after the whole group is active; every other bid of the group is outbid.
  const leaderId = state.leader?.bidId ?? null;
  for (const p of placed) {
    const bid: Bid = { ...p.row, status: p.row.id === leaderId ? "active" : "outbid" };
    outcomes[p.index] = {
      kind: "placed",
      bid,
      view: p.view,
      outbidOrganizationId: p.outbid,
      leaderOrganizationId: p.leader,
    };
  }
  return { outcomes: outcomes as GroupedBidOutcome[], state };
}

/**
 * The group's bids, the previous leader's bid marked outbid, the lot's new state and the live-page
 * event in one statement: each round trip here is time the lot's lock is held while the next group
 * waits. The rows travel as one JSON parameter (json_to_recordset), which costs the database
 * little and spares the server building a statement with twenty parameters per bid.
 */
async function writeGroup(
  tx: DbTransaction,
  locked: LockedLot,
  rows: Omit<Bid, "status">[],
  state: AuctionState,
  extensions: number,
  lastSequence: number,
) {
  const leader = state.leader!;
  const records = JSON.stringify(
    rows.map((row) => ({
      ...row,
      amountMinor: Number(row.amountMinor),
      maxAmountMinor: row.maxAmountMinor === null ? null : Number(row.maxAmountMinor),
      priceAfterMinor: Number(row.priceAfterMinor),
      status: row.id === leader.bidId ? "active" : "outbid",
    })),
  );
  const previousLeader = locked.leadingBidId !== leader.bidId ? locked.leadingBidId : null;
  const event: LotEvent = { lotId: locked.id, kind: "bid", sequence: lastSequence };
  const written = await tx.$queryRaw<{ id: string; inserted: number }[]>`
    WITH inserted AS (
      INSERT INTO "Bid" (id, "lotId", "organizationId", "placedById", "amountMinor", "maxAmountMinor", currency,
        "facilityId", status, "idempotencyKey", sequence, round, "priceAfterMinor", "leadingAfterId", incoterm,
        "destinationLat", "destinationLng", "destinationEconomyCode", "destinationLabel", "createdAt")
      SELECT r.id, r."lotId", r."organizationId", r."placedById", r."amountMinor", r."maxAmountMinor", r.currency,
        r."facilityId", r.status::"BidStatus", r."idempotencyKey", r.sequence, r.round, r."priceAfterMinor",
        r."leadingAfterId", r.incoterm::"Incoterm", r."destinationLat", r."destinationLng",
        r."destinationEconomyCode", r."destinationLabel", r."createdAt"
      FROM json_to_recordset(${records}::json) AS r(id uuid, "lotId" uuid, "organizationId" uuid,
        "placedById" uuid, "amountMinor" bigint, "maxAmountMinor" bigint, currency text, "facilityId" uuid,
        status text, "idempotencyKey" text, sequence int, round int, "priceAfterMinor" bigint,
        "leadingAfterId" uuid, incoterm text, "destinationLat" float8, "destinationLng" float8,
        "destinationEconomyCode" text, "destinationLabel" text, "createdAt" timestamptz)
      RETURNING 1
    ), previous AS (
      UPDATE "Bid" SET status = 'outbid'::"BidStatus" WHERE id = ${previousLeader}::uuid
    ), lot AS (
      UPDATE "Lot" SET "currentPriceMinor" = ${BigInt(state.currentPriceMinor ?? 0)},
        "leadingBidId" = ${leader.bidId}::uuid,
        "leadingMaxMinor" = ${BigInt(leader.maxMinor)},
        "bidCount" = "bidCount" + ${rows.length}::int, "closesAt" = ${state.closesAt},
        "extensionCount" = "extensionCount" + ${extensions}::int,
        version = version + 1, "updatedAt" = ${new Date()}
      WHERE id = ${locked.id}::uuid
      RETURNING id
    )
    SELECT lot.id::text AS id, (SELECT count(*) FROM inserted)::int AS inserted
    FROM lot, pg_notify(${LOT_EVENTS_CHANNEL}, ${JSON.stringify(event)}) AS notified`;
  if (written.length !== 1 || written[0].inserted !== rows.length)
    throw new Error(`The group's writes on the locked lot ${locked.id} did not all happen.`);
}
