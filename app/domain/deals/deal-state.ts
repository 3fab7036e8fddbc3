/**
 * A deal's life as a pure state machine (ADR 017). Every legal move is one row of DEAL_TRANSITIONS:
 * from a status, on a named event, to a status, by the roles that may cause it. Anything else is
 * refused with a reason, so a page, the API, a webhook or a timer can never move a deal in a way
 * the table does not list.
 *
 *   awaiting_payment → funded → in_transit → received → provisionally_released
 *     → final_assessment → settled
 *   awaiting_payment → lapsed (not paid in time) | cancelled (by an admin, nothing paid)
 *   funded → refunded (cancelled by an admin after payment: the payer gets everything back)
 *   funded … final_assessment → disputed → settled | refunded (decision), or back (withdrawn)
 */

export const DEAL_STATUSES = [
  "awaiting_payment",
  "funded",
  "in_transit",
  "received",
  "provisionally_released",
  "final_assessment",
  "settled",
  "disputed",
  "cancelled",
  "refunded",
  "lapsed",
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const TERMINAL_DEAL_STATUSES: readonly DealStatus[] = ["settled", "cancelled", "refunded", "lapsed"];

/** Who causes an event. Payer and payee are the deal's parties; "system" is a timer or a webhook. */
export type DealActorRole = "payer" | "payee" | "carrier" | "receiving_facility" | "admin" | "system";

export type DealEvent =
  | { type: "payment_received" }
  | { type: "payment_deadline_passed" }
  | { type: "cancelled_by_admin" }
  | { type: "source_ended" }
  | { type: "shipment_departed" }
  | { type: "receipt_recorded" }
  | { type: "provisional_released" }
  | { type: "final_figures_recorded" }
  | { type: "inspection_window_closed" }
  | { type: "dispute_opened" }
  | { type: "dispute_withdrawn" }
  | { type: "dispute_resolved"; outcome: "settled" | "refunded" };
export type DealEventType = DealEvent["type"];

export interface DealTransition {
  readonly from: DealStatus;
  readonly event: DealEventType;
  /** "resume": back to the status the deal had when the dispute was opened. */
  readonly to: DealStatus | "resume";
  readonly by: readonly DealActorRole[];
  /** For dispute_resolved: the decided outcome this row applies to. */
  readonly outcome?: "settled" | "refunded";
  readonly why: string;
}

const PARTIES: readonly DealActorRole[] = ["payer", "payee"];
/** States in which money is held and the goods are on their way or being assessed. */
const DISPUTABLE: readonly DealStatus[] = [
  "funded",
  "in_transit",
  "received",
  "provisionally_released",
  "final_assessment",
];

export const DEAL_TRANSITIONS: readonly DealTransition[] = Object.freeze([
  {
    from: "awaiting_payment",
    event: "payment_received",
    to: "funded",
    // A payer never records its own payment: Stripe's webhook (system) or an admin recording a wire.
    by: ["system", "admin"],
    why: "the payer's money arrived and is held",
  },
  {
    from: "awaiting_payment",
    event: "payment_deadline_passed",
    to: "lapsed",
    by: ["system"],
    why: "not paid by the deadline: the award lapses to the next bidder",
  },
  {
    from: "awaiting_payment",
    event: "cancelled_by_admin",
    to: "cancelled",
    by: ["admin"],
    why: "cancelled before any money arrived",
  },
  {
    from: "awaiting_payment",
    event: "source_ended",
    to: "cancelled",
    by: ["system"],
    // One reservation per lot (ADR 012): a booking's deal ends when its booking is cancelled, or
    // when a confirmed award sells the lot elsewhere or takes the booking over (the award's deal
    // replaces it). Once money is held, only an admin cancels (and refunds).
    why: "the award or booking behind it ended before payment",
  },
  {
    from: "funded",
    event: "cancelled_by_admin",
    to: "refunded",
    by: ["admin"],
    why: "cancelled after payment: everything paid goes back to the payer",
  },
  {
    from: "funded",
    event: "shipment_departed",
    to: "in_transit",
    // EXW: the buyer collects; DAP: the seller ships. Either party, or the carrier, says it left.
    by: ["payer", "payee", "carrier", "admin"],
    why: "the goods left the seller",
  },
  {
    from: "in_transit",
    event: "receipt_recorded",
    to: "received",
    by: ["receiving_facility", "admin"],
    why: "the receiving facility recorded the net weight; the inspection window opens",
  },
  {
    from: "received",
    event: "provisional_released",
    to: "provisionally_released",
    by: ["system", "admin"],
    why: "the provisional share of the value at the received weight went to the payee",
  },
  {
    from: "provisionally_released",
    event: "final_figures_recorded",
    to: "final_assessment",
    by: ["receiving_facility", "admin"],
    why: "final weight (or the agreed assay for black mass) recorded",
  },
  {
    from: "final_assessment",
    event: "inspection_window_closed",
    to: "settled",
    by: ["system"],
    why: "the window closed without a dispute: the balance moves",
  },
  ...DISPUTABLE.map(
    (from): DealTransition => ({
      from,
      event: "dispute_opened",
      to: "disputed",
      by: PARTIES,
      why: "a party disputes the deal: its money is frozen",
    }),
  ),
  {
    from: "disputed",
    event: "dispute_withdrawn",
    to: "resume",
    by: PARTIES,
    why: "the dispute was withdrawn: the deal carries on where it stopped",
  },
  {
    from: "disputed",
    event: "dispute_resolved",
    outcome: "settled",
    to: "settled",
    // An admin's decision, or the system carrying out a proposal both parties accepted.
    by: ["admin", "system"],
    why: "resolved with (possibly adjusted) final figures",
  },
  {
    from: "disputed",
    event: "dispute_resolved",
    outcome: "refunded",
    to: "refunded",
    by: ["admin", "system"],
    why: "resolved by a full refund to the payer",
  },
]);

/** What the machine needs to know about a deal besides its status (all times as epoch ms). */
export interface DealClock {
  readonly status: DealStatus;
  readonly paymentDueAt: number;
  /** Set on receipt_recorded. */
  readonly receivedAt?: number | null;
  /** Set on final_figures_recorded. */
  readonly finalFiguresAt?: number | null;
  readonly inspectionDays: number;
  /**
   * The window's length in ms when it is not `inspectionDays` days: DEAL_INSPECTION_SECONDS, for
   * tests and demonstrations only (ADR 029).
   */
  readonly inspectionMs?: number | null;
  /** The status to resume after a withdrawn dispute. */
  readonly disputedFrom?: DealStatus | null;
}

export type DealTransitionRefusal = {
  ok: false;
  code:
    | "ILLEGAL_TRANSITION"
    | "FORBIDDEN"
    | "DEADLINE_NOT_REACHED"
    | "DISPUTE_WINDOW_CLOSED"
    | "WINDOW_STILL_OPEN";
  message: string;
};

export type DealTransitionResult =
  | {
      ok: true;
      from: DealStatus;
      to: DealStatus;
      /** The deal's clock after the move (receivedAt, finalFiguresAt, disputedFrom updated). */
      clock: DealClock;
    }
  | DealTransitionRefusal;

const DAY_MS = 86_400_000;

/**
 * When the inspection window closes: `inspectionDays` after receipt, or after the final figures if
 * they came later — both parties always get the whole window to contest the figures that settle
 * the deal (an assay can take longer than the window). Null before receipt.
 */
export function inspectionClosesAt(clock: DealClock): number | null {
  if (clock.receivedAt == null) return null;
  const start = Math.max(clock.receivedAt, clock.finalFiguresAt ?? clock.receivedAt);
  return start + (clock.inspectionMs ?? clock.inspectionDays * DAY_MS);
}

export function isTerminal(status: DealStatus): boolean {
  return TERMINAL_DEAL_STATUSES.includes(status);
}

/** The events a role could cause now (for "the next step" buttons); time guards not applied. */
export function eventsAvailable(status: DealStatus, role: DealActorRole): DealEventType[] {
  return [
    ...new Set(DEAL_TRANSITIONS.filter((t) => t.from === status && t.by.includes(role)).map((t) => t.event)),
  ];
}

/**
 * Applies `event`, caused by `role` at `at` (epoch ms), to a deal. Pure: returns the new status and
 * clock, or why the move is refused.
 */
export function transitionDeal(
  clock: DealClock,
  event: DealEvent,
  role: DealActorRole,
  at: number,
): DealTransitionResult {
  const outcome = event.type === "dispute_resolved" ? event.outcome : undefined;
  const row = DEAL_TRANSITIONS.find(
    (t) => t.from === clock.status && t.event === event.type && t.outcome === outcome,
  );
  if (!row) {
    return {
      ok: false,
      code: "ILLEGAL_TRANSITION",
      message: `A deal that is ${clock.status.replaceAll("_", " ")} cannot take "${event.type}".`,
    };
  }
  if (!row.by.includes(role)) {
    return {
      ok: false,
      code: "FORBIDDEN",
      message: `"${event.type}" is for ${row.by.join(" or ")}, not the ${role.replaceAll("_", " ")}.`,
    };
  }
  if (event.type === "payment_deadline_passed" && at < clock.paymentDueAt) {
    return {
      ok: false,
      code: "DEADLINE_NOT_REACHED",
      message: "The payment deadline has not passed yet.",
    };
  }
  const closes = inspectionClosesAt(clock);
  if (event.type === "dispute_opened" && closes !== null && at >= closes) {
    return {
      ok: false,
      code: "DISPUTE_WINDOW_CLOSED",
      message: "The inspection window has closed: the deal can no longer be disputed.",
    };
  }
  if (event.type === "inspection_window_closed") {
    const closesWithFigures = inspectionClosesAt(clock);
    if (closesWithFigures === null || at < closesWithFigures) {
      return { ok: false, code: "WINDOW_STILL_OPEN", message: "The inspection window is still open." };
    }
  }

  let to: DealStatus;
  if (row.to === "resume") {
    if (!clock.disputedFrom) {
      return {
        ok: false,
        code: "ILLEGAL_TRANSITION",
        message: "No status to resume: the dispute has no origin.",
      };
    }
    to = clock.disputedFrom;
  } else {
    to = row.to;
  }

  const next: DealClock = {
    ...clock,
    status: to,
    receivedAt: event.type === "receipt_recorded" ? at : clock.receivedAt,
    finalFiguresAt: event.type === "final_figures_recorded" ? at : clock.finalFiguresAt,
    disputedFrom:
      event.type === "dispute_opened" ? clock.status : to === "disputed" ? clock.disputedFrom : null,
  };
  return { ok: true, from: clock.status, to, clock: next };
}
