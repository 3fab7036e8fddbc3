/**
 * Where an organisation stands on a lot it bid on, for "My bids": from the sale mode, the public
 * auction status, whether it leads, its best bid's status and any award it holds.
 */

export type MyBidStanding =
  | "leading"
  | "outbid"
  | "sealed_pending"
  | "request_pending"
  | "provisional_winner"
  | "won"
  | "lost"
  | "withdrawn"
  | "closed";

export const MY_BID_STANDING_LABELS: Readonly<Record<MyBidStanding, string>> = {
  leading: "Leading",
  outbid: "Outbid",
  sealed_pending: "Sealed bid in",
  request_pending: "Request pending",
  provisional_winner: "Provisional winner",
  won: "Won",
  lost: "Not won",
  withdrawn: "Withdrawn",
  closed: "Closed, awaiting the seller",
};

export function standingOf(
  saleMode: string,
  status: string,
  leading: boolean | null,
  bestStatus: string | null,
  awardStatus: string | null,
): MyBidStanding {
  if (awardStatus === "confirmed") return "won";
  if (awardStatus === "provisional") return "provisional_winner";
  if (bestStatus === "won") return "won";
  if (bestStatus === "lost" || bestStatus === "rejected") return "lost";
  if (bestStatus === null) return "withdrawn";
  if (status === "open") {
    if (saleMode === "sealed") return "sealed_pending";
    if (saleMode === "fixed") return "request_pending";
    return leading ? "leading" : "outbid";
  }
  return "closed";
}
