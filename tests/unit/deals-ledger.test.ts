import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  balanceKey,
  checkPostings,
  dealPosition,
  type LedgerEntry,
  organizationBalances,
  type Posting,
  type Rail,
} from "~/domain/deals/ledger.ts";
import {
  type BuildResult,
  commissionEarned,
  type DealLedgerContext,
  finalSettlement,
  paymentReceived,
  payoutToPayee,
  provisionalRelease,
  recoveredFromPayee,
  refundDecided,
  refundToPayer,
} from "~/domain/deals/ledger-builders.ts";
import * as settlement from "~/domain/deals/settlement.ts";

const CTX: DealLedgerContext = {
  dealId: "D1",
  payerOrganizationId: "BUYER",
  payeeOrganizationId: "SELLER",
  currency: "USD",
};

function posted(result: BuildResult): LedgerEntry {
  if (!result.ok) throw new Error(result.message);
  expect(checkPostings(result.entry.postings)).toEqual({ ok: true });
  return result.entry;
}

describe("checkPostings", () => {
  const p = (account: Posting["account"], amountMinor: bigint, currency = "USD"): Posting => ({
    account,
    organizationId: null,
    amountMinor,
    currency,
  });
  test.each([
    ["balanced", [p("stripe_clearing", 100n), p("payer_funds_held", -100n)], { ok: true }],
    [
      "unbalanced",
      [p("stripe_clearing", 100n), p("payer_funds_held", -99n)],
      { ok: false, code: "UNBALANCED" },
    ],
    [
      "balanced in total but not per currency",
      [p("stripe_clearing", 100n), p("payer_funds_held", -100n, "AUD")],
      { ok: false, code: "UNBALANCED" },
    ],
    ["one posting", [p("stripe_clearing", 0n)], { ok: false, code: "INVALID_POSTING" }],
    [
      "a zero posting",
      [p("stripe_clearing", 0n), p("payer_funds_held", 0n)],
      { ok: false, code: "INVALID_POSTING" },
    ],
    [
      "an unknown currency",
      [p("stripe_clearing", 1n, "XXX"), p("payer_funds_held", -1n, "XXX")],
      { ok: false, code: "INVALID_POSTING" },
    ],
  ] as const)("%s", (_name, postings, expected) => {
    expect(checkPostings(postings as readonly Posting[])).toMatchObject(expected);
  });
});

describe("a deal's money, event by event", () => {
  test("paid by Stripe, released, settled lower, refunded and paid out: every account ends at zero but revenue", () => {
    const postings: Posting[] = [];
    const post = (build: (pos: ReturnType<typeof dealPosition>) => BuildResult) => {
      const entry = posted(build(dealPosition(postings, "USD")));
      postings.push(...entry.postings);
      return entry;
    };
    expect(post((pos) => paymentReceived(CTX, pos, "stripe", 2_000_000n)).postings).toEqual([
      { account: "stripe_clearing", organizationId: null, amountMinor: 2_000_000n, currency: "USD" },
      { account: "payer_funds_held", organizationId: "BUYER", amountMinor: -2_000_000n, currency: "USD" },
    ]);
    post((pos) => provisionalRelease(CTX, pos, 1_777_680n));
    post((pos) => payoutToPayee(CTX, pos, "stripe", 1_777_680n));
    post((pos) =>
      finalSettlement(CTX, pos, {
        balanceToPayeeMinor: 133_320n,
        commissionMinor: 49_000n,
        payerBalanceMinor: 40_000n,
      }),
    );
    post((pos) => payoutToPayee(CTX, pos, "stripe", 133_320n));
    post((pos) => refundToPayer(CTX, pos, "stripe", 40_000n));
    const end = dealPosition(postings, "USD");
    expect(end).toMatchObject({
      held: 0n,
      payeePayable: 0n,
      refundsPayable: 0n,
      payerReceivable: 0n,
      revenue: 49_000n,
      cash: { stripe: 49_000n, bank: 0n },
      cashIn: 2_000_000n,
      cashOut: 1_951_000n,
    });
    expect(organizationBalances(postings, "BUYER").get(balanceKey("payer_funds_held", "BUYER", "USD"))).toBe(
      0n,
    );
  });

  test("a higher final value leaves the payer owing; its top-up pays the receivable first", () => {
    const postings: Posting[] = [];
    const post = (build: (pos: ReturnType<typeof dealPosition>) => BuildResult) =>
      postings.push(...posted(build(dealPosition(postings, "USD"))).postings);
    post((pos) => paymentReceived(CTX, pos, "bank", 2_000_000n));
    post((pos) => provisionalRelease(CTX, pos, 1_777_680n));
    post((pos) =>
      finalSettlement(CTX, pos, {
        balanceToPayeeMinor: 221_070n,
        commissionMinor: 51_250n,
        payerBalanceMinor: -50_000n,
      }),
    );
    expect(dealPosition(postings, "USD").payerReceivable).toBe(50_000n);
    // Nothing can be refunded: the payer is owed nothing.
    expect(refundToPayer(CTX, dealPosition(postings, "USD"), "bank", 1n)).toMatchObject({ code: "NOT_OWED" });
    post((pos) => paymentReceived(CTX, pos, "bank", 50_000n));
    expect(dealPosition(postings, "USD")).toMatchObject({
      payerReceivable: 0n,
      held: 0n,
      payeePayable: 1_998_750n,
    });
    post((pos) => payoutToPayee(CTX, pos, "bank", 1_998_750n));
    expect(dealPosition(postings, "USD")).toMatchObject({
      cash: { bank: 51_250n },
      revenue: 51_250n,
      payeePayable: 0n,
    });
  });

  test("refusals: more than held, owed or in cash on the rail; a settlement that does not share out the held money", () => {
    const postings = posted(paymentReceived(CTX, dealPosition([], "USD"), "stripe", 1_000n)).postings;
    const pos = dealPosition(postings, "USD");
    expect(provisionalRelease(CTX, pos, 1_001n)).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_FUNDS_HELD",
    });
    expect(refundDecided(CTX, pos, 1_001n)).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS_HELD" });
    expect(commissionEarned(CTX, pos, 1_001n)).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS_HELD" });
    expect(payoutToPayee(CTX, pos, "stripe", 1n)).toMatchObject({ ok: false, code: "NOT_OWED" });
    expect(refundToPayer(CTX, pos, "stripe", 1n)).toMatchObject({ ok: false, code: "NOT_OWED" });
    expect(recoveredFromPayee(CTX, pos, "stripe", 1n)).toMatchObject({ ok: false, code: "NOT_OWED" });
    expect(paymentReceived(CTX, pos, "stripe", 0n)).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    expect(
      finalSettlement(CTX, dealPosition([], "USD"), {
        balanceToPayeeMinor: 0n,
        commissionMinor: 0n,
        payerBalanceMinor: 0n,
      }),
    ).toMatchObject({ ok: false, code: "NOTHING_TO_POST" });
    expect(
      finalSettlement(CTX, pos, { balanceToPayeeMinor: 500n, commissionMinor: 10n, payerBalanceMinor: 400n }),
    ).toMatchObject({ ok: false, code: "SETTLEMENT_MISMATCH" });
    const refunded = [...postings, ...posted(refundDecided(CTX, pos, 1_000n)).postings];
    expect(refundToPayer(CTX, dealPosition(refunded, "USD"), "bank", 1_000n)).toMatchObject({
      code: "INSUFFICIENT_CASH",
    });
    expect(posted(refundToPayer(CTX, dealPosition(refunded, "USD"), "stripe", 1_000n)).kind).toBe(
      "refund_to_payer",
    );
  });
});

// Random deal histories: terms, instalments on random rails, receipt, a final weight higher or
// lower, payouts, refunds, recoveries and top-ups in the trade's order, with random stray moves
// interleaved (over-large payouts, early refunds, …) that the builders must refuse or absorb.
const rail = fc.constantFrom<Rail>("stripe", "bank");
const stray = fc.record({
  kind: fc.constantFrom("pay", "release", "commission", "refundDecided", "payout", "refund", "recover"),
  rail,
  amount: fc.bigInt({ min: 1n, max: 5_000_000n }),
});
const history = fc.record({
  currency: fc.constantFrom("USD", "JPY", "IDR", "KRW"),
  priceMinorPerTonne: fc.bigInt({ min: 0n, max: 10_000_000n }),
  contractedKg: fc.integer({ min: 1, max: 100_000 }),
  commissionBp: fc.integer({ min: 0, max: 3_000 }),
  provisionalShareBp: fc.integer({ min: 0, max: 10_000 }),
  instalments: fc.array(fc.record({ rail, share: fc.integer({ min: 1, max: 100 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  receivedKg: fc.integer({ min: 0, max: 120_000 }),
  finalKg: fc.integer({ min: 0, max: 120_000 }),
  strays: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), stray), { maxLength: 6 }),
});

describe("property: over random deal histories", () => {
  test("every ledger transaction sums to zero per currency and money out never exceeds money in", () => {
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 3 }), (deals) => {
        const all: Posting[] = [];
        deals.forEach((h, index) => {
          const ctx = { ...CTX, dealId: `D${index}`, currency: h.currency };
          const postings: Posting[] = [];
          const at = () => dealPosition(postings, h.currency);
          const apply = (result: BuildResult) => {
            if (!result.ok) return false;
            expect(checkPostings(result.entry.postings)).toEqual({ ok: true });
            postings.push(...result.entry.postings);
            const pos = at();
            expect(pos.cashOut).toBeLessThanOrEqual(pos.cashIn);
            expect(pos.cash.stripe).toBeGreaterThanOrEqual(0n);
            expect(pos.cash.bank).toBeGreaterThanOrEqual(0n);
            return true;
          };
          const strays = (step: number) => {
            for (const [when, s] of h.strays) {
              if (when !== step) continue;
              const pos = at();
              const build = {
                pay: () => paymentReceived(ctx, pos, s.rail, s.amount),
                release: () => provisionalRelease(ctx, pos, s.amount),
                commission: () => commissionEarned(ctx, pos, s.amount),
                refundDecided: () => refundDecided(ctx, pos, s.amount),
                payout: () => payoutToPayee(ctx, pos, s.rail, s.amount),
                refund: () => refundToPayer(ctx, pos, s.rail, s.amount),
                recover: () => recoveredFromPayee(ctx, pos, s.rail, s.amount),
              }[s.kind];
              if (!build) throw new Error(`no builder for ${s.kind}`);
              apply(build());
            }
          };
          const terms: settlement.DealTerms = { priceKind: "payable", ...h };
          const due = settlement.amountDue(terms);
          if (!due.ok) throw new Error(due.message);
          // Instalments split the amount due; the last takes the rest.
          const totalShare = h.instalments.reduce((n, i) => n + i.share, 0);
          let left = due.value.amountMinor;
          h.instalments.forEach((inst, i) => {
            const amount =
              i === h.instalments.length - 1
                ? left
                : (due.value.amountMinor * BigInt(inst.share)) / BigInt(totalShare);
            left -= amount;
            if (amount > 0n) apply(paymentReceived(ctx, at(), inst.rail, amount));
          });
          strays(0);
          const release = settlement.provisionalRelease(terms, h.receivedKg, at().held);
          if (!release.ok) throw new Error(release.message);
          if (release.value.release.amountMinor > 0n)
            apply(provisionalRelease(ctx, at(), release.value.release.amountMinor));
          strays(1);
          const payAll = (kind: "payout" | "refund") => {
            for (const r of ["stripe", "bank"] as const) {
              const pos = at();
              const owed = kind === "payout" ? pos.payeePayable : pos.refundsPayable;
              let amount = owed;
              if (pos.cash[r] < amount) amount = pos.cash[r];
              if (amount > 0n)
                apply((kind === "payout" ? payoutToPayee : refundToPayer)(ctx, pos, r, amount));
            }
          };
          payAll("payout");
          strays(2);
          const pos = at();
          // What the payer put in and the payee got so far, as the settlement sees it.
          const final = settlement.finalSettlement(
            terms,
            { basis: "weight", finalKg: h.finalKg },
            pos.fundsReceived,
            pos.releasedToPayee,
          );
          if (!final.ok) throw new Error(final.message);
          const settled = apply(
            finalSettlement(ctx, pos, {
              balanceToPayeeMinor: final.value.balanceToPayee.amountMinor,
              commissionMinor: final.value.commission.amountMinor,
              payerBalanceMinor: final.value.payerBalance.amountMinor,
            }),
          );
          strays(3);
          if (settled && at().payerReceivable > 0n)
            apply(paymentReceived(ctx, at(), "bank", at().payerReceivable));
          if (at().payeePayable < 0n) apply(recoveredFromPayee(ctx, at(), "stripe", -at().payeePayable));
          strays(4);
          payAll("payout");
          payAll("refund");
          strays(5);
          const end = at();
          expect(end.cashOut).toBeLessThanOrEqual(end.cashIn);
          // What is left in cash is exactly what the platform still owes or earned.
          expect(end.cash.stripe + end.cash.bank + end.payerReceivable).toBe(
            end.held + end.payeePayable + end.refundsPayable + end.revenue,
          );
          all.push(...postings);
        });
        // Across deals and currencies, the whole ledger still sums to zero per currency.
        const sums = new Map<string, bigint>();
        for (const p of all) sums.set(p.currency, (sums.get(p.currency) ?? 0n) + p.amountMinor);
        for (const sum of sums.values()) expect(sum).toBe(0n);
      }),
      { numRuns: 300, seed: 20261206 },
    );
    // About 2 s alone; the budget leaves room for a machine shared with other test runs.
  }, 60_000);
});
