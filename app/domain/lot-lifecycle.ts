/**
 * The life of a lot as a state machine: which status may follow which, and when a seller may still
 * change the listing. The database stores the status (LotStatus enum); every model that changes it
 * asks `canTransition` first and makes the write conditional on the status it read.
 *
 *   draft → open → closed → awarded → in_transit → delivered → recovered → settled
 *
 * Branches: a seller may withdraw a lot until it is awarded (a draft, an open lot, or a closed one
 * nobody won); the platform may cancel a lot that has not been delivered; any party may open a
 * dispute once a lot is awarded, and a dispute ends settled or cancelled. settled, withdrawn and
 * cancelled are final.
 */

export const LOT_STATUSES = [
  "draft",
  "open",
  "closed",
  "awarded",
  "in_transit",
  "delivered",
  "recovered",
  "settled",
  "withdrawn",
  "cancelled",
  "disputed",
] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

export function isLotStatus(value: unknown): value is LotStatus {
  return typeof value === "string" && (LOT_STATUSES as readonly string[]).includes(value);
}

export const LOT_STATUS_LABELS: Readonly<Record<LotStatus, string>> = {
  draft: "Draft",
  open: "Open for bids",
  closed: "Closed",
  awarded: "Awarded",
  in_transit: "In transit",
  delivered: "Delivered",
  recovered: "Recovered",
  settled: "Settled",
  withdrawn: "Withdrawn",
  cancelled: "Cancelled",
  disputed: "Disputed",
};

const FINAL: ReadonlySet<LotStatus> = new Set(["settled", "withdrawn", "cancelled"]);

const NEXT: Readonly<Record<LotStatus, readonly LotStatus[]>> = {
  draft: ["open", "withdrawn"],
  open: ["closed", "withdrawn", "cancelled"],
  // A closed lot nobody won (reserve not met) can be withdrawn, or reopened for another round.
  closed: ["awarded", "open", "withdrawn", "cancelled"],
  awarded: ["in_transit", "cancelled", "disputed"],
  in_transit: ["delivered", "cancelled", "disputed"],
  delivered: ["recovered", "disputed"],
  recovered: ["settled", "disputed"],
  disputed: ["settled", "cancelled"],
  settled: [],
  withdrawn: [],
  cancelled: [],
};

export type TransitionFailure = "unknown_status" | "same_status" | "final_status" | "not_allowed";

export type TransitionResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: TransitionFailure; readonly message: string };

export function canTransition(from: LotStatus, to: LotStatus): TransitionResult {
  if (!isLotStatus(from) || !isLotStatus(to))
    return { ok: false, reason: "unknown_status", message: "Unknown lot status." };
  if (from === to)
    return {
      ok: false,
      reason: "same_status",
      message: `The lot is already ${LOT_STATUS_LABELS[to].toLowerCase()}.`,
    };
  if (FINAL.has(from))
    return {
      ok: false,
      reason: "final_status",
      message: `The lot is ${LOT_STATUS_LABELS[from].toLowerCase()}; nothing can change it any more.`,
    };
  if (!NEXT[from].includes(to))
    return {
      ok: false,
      reason: "not_allowed",
      message: `A lot that is ${LOT_STATUS_LABELS[from].toLowerCase()} cannot become ${LOT_STATUS_LABELS[to].toLowerCase()}.`,
    };
  return { ok: true };
}

/** Statuses reachable from `from` in one step. */
export function nextStatuses(from: LotStatus): readonly LotStatus[] {
  return isLotStatus(from) ? NEXT[from] : [];
}

export interface LotForEditing {
  readonly status: LotStatus;
  readonly bidCount: number;
}

export type EditCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "has_bids" | "status"; readonly message: string };

/**
 * A seller may change a listing while it is a draft or open without a single bid: once someone has
 * bid, the terms they bid on must stay as they were.
 */
export function canEdit(lot: LotForEditing): EditCheck {
  if (lot.status !== "draft" && lot.status !== "open") {
    return {
      ok: false,
      reason: "status",
      message: `A lot that is ${LOT_STATUS_LABELS[lot.status]?.toLowerCase() ?? lot.status} can no longer be edited.`,
    };
  }
  if (lot.bidCount > 0) {
    return {
      ok: false,
      reason: "has_bids",
      message:
        "This lot has bids, so its terms can no longer be edited; withdraw it instead if it must change.",
    };
  }
  return { ok: true };
}

/** Whether the seller may withdraw the lot: until it is awarded (see the module comment). */
export function canWithdraw(lot: { readonly status: LotStatus }): TransitionResult {
  return canTransition(lot.status, "withdrawn");
}

/** Whether a draft may be published now. */
export function canPublish(lot: { readonly status: LotStatus }): TransitionResult {
  if (lot.status !== "draft")
    return { ok: false, reason: "not_allowed", message: "Only a draft can be published." };
  return canTransition(lot.status, "open");
}
