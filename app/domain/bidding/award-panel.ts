/**
 * What the lot page's award panel receives: for the seller the live award, the below-reserve
 * choices, an opened tender ranked by net value, or pending purchase requests; for a bidder its
 * outcome and the bids it may still withdraw. Built by app/models/bidding/award-panel.server.ts; explicit
 * here so the component takes it as a prop without importing a model (ADR 015).
 */
import type { SaleMode } from "../codes.ts";
import type { LotStatus } from "../lot-lifecycle.ts";
import type { Money } from "../money.ts";
import type { BidderOutcome } from "./closing.ts";
import type { NetValueNoteCode } from "./live-auction.ts";

export type AwardStatus = "provisional" | "confirmed" | "lapsed" | "cancelled";

export interface AwardJson {
  id: string;
  status: AwardStatus;
  amount: Money;
  reason: string | null;
  /** ISO instant by which the seller must confirm a provisional award. */
  confirmBy: string | null;
  confirmedAt: string | null;
}

/** One bid of an opened sealed tender, as the seller compares them. */
export interface TenderRow {
  id: string;
  bidder: string;
  amountMinor: number;
  /** Amount less the seller's freight on delivered terms; null when no route could be priced. */
  netMinor: number | null;
  logisticsMinor: number;
  /** The facility or the place named; null: an EXW bid collects, a DAP bid goes to its buyer's destination. */
  destination: string | null;
  incoterm: "EXW" | "DAP";
  /** Why there is no net value (worded by the page, issue 14). */
  note: NetValueNoteCode | null;
}

interface PanelBase {
  lotStatus: LotStatus;
  saleMode: SaleMode;
  currency: string;
}

export interface SellerAwardPanel extends PanelBase {
  role: "seller";
  award: (AwardJson & { bidder: string | null }) | null;
  belowReserve: { highestMinor: number } | null;
  canRelist: boolean;
  tender: TenderRow[];
  canAwardTender: boolean;
  requests: { id: string; bidder: string; amountMinor: number }[];
}

/** A bidder's outcome with its deadline as an ISO instant, null unless provisional (the page's data is JSON). */
export type BidderOutcomeJson = (
  | Exclude<BidderOutcome, { kind: "provisional" }>
  | { kind: "provisional"; amountMinor: number }
) & { confirmBy: string | null };

export interface BidderAwardPanel extends PanelBase {
  role: "bidder";
  outcome: BidderOutcomeJson | null;
  withdrawable: { id: string; amountMinor: number }[];
  /** The viewer's own live sealed bid once the tender has closed (it can no longer be withdrawn). */
  sealedBid: { amountMinor: number } | null;
}

export type AwardPanelData = SellerAwardPanel | BidderAwardPanel;
