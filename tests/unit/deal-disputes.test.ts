import { describe, expect, test } from "vitest";
import type { DealClock } from "~/domain/deals/deal-state.ts";
import {
  checkProposal,
  type DisputeProposal,
  disputeOutcome,
  escalationDueAt,
  isEscalationDue,
  mayOpenDispute,
  umpireAssayResult,
} from "~/domain/deals/disputes.ts";
import type { DealTerms } from "~/domain/deals/settlement.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
const clock = (over: Partial<DealClock>): DealClock => ({
  status: "provisionally_released",
  paymentDueAt: T0,
  receivedAt: T0,
  finalFiguresAt: null,
  inspectionDays: 7,
  disputedFrom: null,
  ...over,
});

describe("who may open a dispute, and when", () => {
  test.each([
    ["received, day 0", clock({ status: "received" }), "weight", T0, "ok"],
    ["released, day 6.99", clock({}), "quality_assay", T0 + 7 * DAY - 1, "ok"],
    ["released, day 7 exactly", clock({}), "weight", T0 + 7 * DAY, "DISPUTE_WINDOW_CLOSED"],
    [
      "final figures extend the window",
      clock({ status: "final_assessment", finalFiguresAt: T0 + 3 * DAY }),
      "weight",
      T0 + 9 * DAY,
      "ok",
    ],
    [
      "final assessment after its window",
      clock({ status: "final_assessment", finalFiguresAt: T0 + 3 * DAY }),
      "weight",
      T0 + 10 * DAY,
      "DISPUTE_WINDOW_CLOSED",
    ],
    ["settled", clock({ status: "settled" }), "weight", T0 + DAY, "DISPUTE_WINDOW_CLOSED"],
    [
      "in transit, weight",
      clock({ status: "in_transit", receivedAt: null }),
      "weight",
      T0,
      "DISPUTE_WINDOW_NOT_OPEN",
    ],
    ["in transit, no-show", clock({ status: "in_transit", receivedAt: null }), "late_or_no_show", T0, "ok"],
    [
      "awaiting payment",
      clock({ status: "awaiting_payment", receivedAt: null }),
      "late_or_no_show",
      T0,
      "ILLEGAL_TRANSITION",
    ],
    ["already disputed", clock({ status: "disputed" }), "weight", T0, "ILLEGAL_TRANSITION"],
  ] as const)("%s → %s", (_name, c, reason, at, expected) => {
    const result = mayOpenDispute(c, reason, at);
    expect(result.ok ? "ok" : result.code).toBe(expected);
  });
});

describe("escalation deadline", () => {
  test.each([
    ["open, before", "open", T0 + 5 * DAY - 1, false],
    ["open, at the deadline", "open", T0 + 5 * DAY, true],
    ["already escalated", "escalated", T0 + 9 * DAY, false],
    ["withdrawn", "withdrawn", T0 + 9 * DAY, false],
  ] as const)("%s", (_name, status, now, due) => {
    expect(isEscalationDue({ status, escalateAt: escalationDueAt(T0, 5) }, now)).toBe(due);
  });
});

describe("proposals", () => {
  test.each([
    [{ kind: "partial_refund", amountMinor: 100n }, true],
    [{ kind: "partial_refund", amountMinor: 0n }, false],
    [{ kind: "partial_refund" }, false],
    [{ kind: "price_adjustment", amountMinor: 0n }, true],
    [{ kind: "price_adjustment", amountMinor: -1n }, false],
    [{ kind: "return" }, true],
    [{ kind: "umpire_assay" }, true],
    [{ kind: "barter" }, false],
  ] as const)("%o valid: %s", (input, ok) => {
    expect(checkProposal(input).ok).toBe(ok);
  });
});

describe("outcome figures", () => {
  // 10 t at 1,000.00/t = 10,000.00 paid; 90 % released = 9,000.00; 1 % commission.
  const terms: DealTerms = {
    priceKind: "payable",
    priceMinorPerTonne: 100_000n,
    currency: "USD",
    contractedKg: 10_000,
    commissionBp: 100,
    provisionalShareBp: 9_000,
  };
  const paid = 1_000_000n;
  const released = 900_000n;
  test.each([
    // proposal, final, commission, payee balance, payer balance, resolution
    [{ kind: "partial_refund", amountMinor: 50_000n }, 950_000n, 9_500n, 40_500n, 50_000n, "settled"],
    [{ kind: "price_adjustment", amountMinor: 800_000n }, 800_000n, 8_000n, -108_000n, 200_000n, "settled"],
    [{ kind: "price_adjustment", amountMinor: 1_000_000n }, 1_000_000n, 10_000n, 90_000n, 0n, "settled"],
    [{ kind: "return" }, 0n, 0n, -900_000n, 1_000_000n, "refunded"],
  ] as [DisputeProposal, bigint, bigint, bigint, bigint, string][])(
    "%o",
    (proposal, final, commission, payee, payer, resolution) => {
      const result = disputeOutcome(terms, proposal, paid, paid, released);
      if (!result.ok) throw new Error(result.message);
      const v = result.value;
      expect([
        v.finalValue.amountMinor,
        v.commission.amountMinor,
        v.balanceToPayee.amountMinor,
        v.payerBalance.amountMinor,
        v.resolution,
      ]).toEqual([final, commission, payee, payer, resolution]);
      // Shares out exactly what is held.
      expect(v.balanceToPayee.amountMinor + v.commission.amountMinor + v.payerBalance.amountMinor).toBe(
        paid - released,
      );
    },
  );
  test("a refund above the value in dispute, or an umpire assay, moves nothing", () => {
    expect(
      disputeOutcome(terms, { kind: "partial_refund", amountMinor: paid + 1n }, paid, paid, released),
    ).toMatchObject({
      ok: false,
      field: "amountMinor",
    });
    expect(disputeOutcome(terms, { kind: "umpire_assay" }, paid, paid, released).ok).toBe(false);
  });
});

describe("umpire assay rule for black mass", () => {
  // Splitting limit 0.30 % Ni = 3,000 ppm.
  test.each([
    ["within the limit: the mean", 220_000, 223_000, null, { ok: true, gradePpm: 221_500, how: "split" }],
    ["odd difference rounds half up", 220_000, 220_001, null, { ok: true, gradePpm: 220_001, how: "split" }],
    ["beyond, no umpire yet", 220_000, 223_001, null, { ok: false, code: "UMPIRE_NEEDED" }],
    [
      "beyond: the umpire is final",
      220_000,
      226_000,
      221_000,
      { ok: true, gradePpm: 221_000, how: "umpire" },
    ],
    [
      "umpire outside both results still final",
      220_000,
      226_000,
      227_000,
      { ok: true, gradePpm: 227_000, how: "umpire" },
    ],
    ["bad input", -1, 226_000, null, { ok: false, code: "VALIDATION" }],
  ] as const)("%s", (_name, sellerPpm, buyerPpm, umpirePpm, expected) => {
    expect(umpireAssayResult({ sellerPpm, buyerPpm, splittingLimitPpm: 3_000, umpirePpm })).toMatchObject(
      expected,
    );
  });
});
