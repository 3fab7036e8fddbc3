/**
 * What a live lot page receives: the public sale state, the leader's per-lot tag and the tail of
 * the anonymised bid ladder. Shared by the server (which builds it once per lot event) and the
 * browser (which renders it), so it lives here rather than in a .server module.
 */

import type { Money } from "../money.ts";
import type { AuctionView } from "./auction-view.ts";
import type { LadderStepKind } from "./ladder-step.ts";

export interface PublicLadderEntry {
  sequence: number;
  /** "Bidder N": the bidder's number in this round. */
  bidder: number;
  /** The bidder's per-lot tag, so a viewer can spot its own rows. */
  tag: string;
  amount: Money;
  /** The lot's price right after this bid. Auctions only: a sealed tender has no public ladder (bid-visibility.ts). */
  priceAfter: Money;
  at: string;
  /** What the bid did — a proxy step, a jump to the reserve… — worded by the page (ladder-step.ts). */
  step: LadderStepKind;
}

export interface LiveAuction {
  auction: AuctionView;
  /** Tag of the leading organisation (auctions), compared with the viewer's own tag client-side. */
  leaderTag: string | null;
  /** An auction's latest bids; always empty for sealed tenders and fixed-price lots. */
  ladder: PublicLadderEntry[];
  /** The lot's bid log position (last sequence), so a client can tell updates apart. */
  sequence: number;
}

/** One bid on the seller's own ladder: the bidder named, with its terms and net value. */
export interface SellerLadderEntry {
  id: string;
  sequence: number;
  bidderName: string;
  /** The bidder's organisation and its verification (issue 15), for the badge beside its name. */
  bidderOrganizationId: string;
  bidderVerification: "unverified" | "pending" | "verified" | "rejected";
  amount: Money;
  priceAfter: Money;
  at: string;
  status: string;
  /**
   * The bid's terms as facts the page words (issue 14): EXW collecting at the lot (for a facility
   * when it names one), delivered to its facility, or DAP to the buyer's destination (null: unnamed).
   */
  terms: BidTermsFacts;
  /** Amount minus the seller's freight on delivered terms; null when no route could be planned. */
  netValue: Money | null;
  freight: Money | null;
  /** Why there is no net value: no exchange rate for the freight, or no lawful route. */
  note: NetValueNoteCode | null;
}

export type BidTermsFacts =
  | { kind: "exw"; facilityName: string | null }
  | { kind: "delivered"; facilityName: string }
  | { kind: "dap"; destination: string | null };

export type NetValueNoteCode = "no_fx" | "no_route";
