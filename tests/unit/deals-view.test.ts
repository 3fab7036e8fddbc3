import { describe, expect, test } from "vitest";
import { dealLabel, parsePaymentReference, paymentReference } from "~/domain/deals/deal-reference.ts";
import type { DealStatus } from "~/domain/deals/deal-state.ts";
import { type DealViewerRole, ledgerSummary, nextSteps } from "~/domain/deals/deal-view.ts";
import type { Posting } from "~/domain/deals/ledger.ts";
import { readWireForm, statementCsv } from "~/routes/deal-pages.server.ts";

describe("deal references", () => {
  test.each([
    [1, "DL-000001", "PL-DL-000001"],
    [123, "DL-000123", "PL-DL-000123"],
    [1_234_567, "DL-1234567", "PL-DL-1234567"],
  ])("deal %i is %s, paid with %s", (number, label, reference) => {
    expect(dealLabel(number)).toBe(label);
    expect(paymentReference(number)).toBe(reference);
    expect(parsePaymentReference(`Transfer ${reference.toLowerCase()} ACME`)).toBe(number);
  });

  test("a text without a reference names no deal", () => {
    expect(parsePaymentReference("invoice 123")).toBeNull();
  });
});

describe("the next step of each role", () => {
  test.each<[DealStatus, DealViewerRole[], string[]]>([
    ["awaiting_payment", ["payer"], ["pay"]],
    ["awaiting_payment", ["payee"], []],
    ["awaiting_payment", ["admin"], ["record_payment"]],
    ["funded", ["payer"], ["shipment_departed"]],
    ["funded", ["payee"], ["shipment_departed"]],
    ["funded", ["payer", "payee"], ["shipment_departed"]],
    ["in_transit", ["payee"], []],
    ["in_transit", ["receiving_facility"], ["receipt_recorded"]],
    ["provisionally_released", ["receiving_facility"], ["final_figures_recorded"]],
    ["final_assessment", ["payer", "payee"], []],
    ["settled", ["admin"], []],
    ["lapsed", ["payer"], []],
  ])("%s as %j: %j", (status, roles, events) => {
    expect(nextSteps(status, roles).map((s) => s.event)).toEqual(events);
  });
});

describe("ledger summary", () => {
  const p = (account: Posting["account"], amountMinor: bigint): Posting => ({
    account,
    organizationId: null,
    amountMinor,
    currency: "AUD",
  });
  test("paid, held, released, fees, refunds and payouts from the postings", () => {
    const postings = [
      // payment 1,000.00
      p("bank_clearing", 100_000n),
      p("payer_funds_held", -100_000n),
      // release 800.00
      p("payer_funds_held", 80_000n),
      p("payee_payable", -80_000n),
      // settlement: 150.00 more to the payee, 15.00 commission, 35.00 back to the payer
      p("payer_funds_held", 20_000n),
      p("payee_payable", -15_000n),
      p("platform_revenue", -1_500n),
      p("refunds_payable", -3_500n),
      // payout of 950.00
      p("payee_payable", 95_000n),
      p("bank_clearing", -95_000n),
    ];
    const m = (amountMinor: number) => ({ amountMinor, currency: "AUD" });
    expect(ledgerSummary(postings, "AUD")).toEqual({
      held: m(0),
      released: m(95_000),
      refunded: m(3_500),
      fees: m(1_500),
      paid: m(100_000),
      paidOut: m(95_000),
      refundedOut: m(0),
    });
  });
});

describe("admin wire form and statement", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  test.each([
    [{ amount: "8,500.00", reference: "BANK 1", date: "2026-12-06" }, true],
    [{ amount: "8,500.001", reference: "BANK 1", date: "2026-12-06" }, false],
    [{ amount: "0", reference: "BANK 1", date: "2026-12-06" }, false],
    [{ amount: "10", reference: "", date: "2026-12-06" }, false],
    [{ amount: "10", reference: "x", date: "06/12/2026" }, false],
  ])("%j is accepted: %s", (fields, ok) => {
    expect(readWireForm(form(fields), "AUD").ok).toBe(ok);
  });

  test("the statement quotes memos with commas and shows debits and credits", () => {
    const csv = statementCsv(
      [
        {
          at: "2026-12-06T00:00:00.000Z",
          deal: "DL-000001",
          kind: "payment_received",
          memo: "Payment received, ref PL-DL-000001",
          account: "payer_funds_held",
          amountMinor: -850_000n,
          currency: "AUD",
        },
      ],
      (minor) => (Number(minor) / 100).toFixed(2),
    );
    expect(csv.split("\r\n")[1]).toBe(
      '2026-12-06T00:00:00.000Z,DL-000001,payment_received,payer_funds_held,credit,-8500.00,-850000,AUD,"Payment received, ref PL-DL-000001"',
    );
  });
});
