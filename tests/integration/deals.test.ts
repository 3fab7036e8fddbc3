// Deals made, paid, lapsed, released and settled (issue 11, ADR 019) on PGlite and PostgreSQL:
// confirming an award makes exactly one deal (and a second confirmation none); accepting a booking
// makes one; an illegal transition is refused with nothing written; the same payment key posts
// once; a mismatched amount is refused; an unpaid deal lapses and the award passes to the next
// bidder; receipt releases the provisional share and the closed window settles the balance.
import { beforeAll, describe, expect, test } from "vitest";
import { monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { confirmAward } from "~/models/bidding/awards.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { runSaleSweep } from "~/models/bidding/sale-sweep.server.ts";
import { acceptBooking, cancelBooking, requestBooking } from "~/models/capacity-booking.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { takeDealStep } from "~/models/deals/deal-actions.server.ts";
import { createDealForAward } from "~/models/deals/deal-creation.server.ts";
import { lapseOverdueDeals } from "~/models/deals/deal-lapse.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { dealLedgerPosition } from "~/models/deals/ledger.server.ts";
import {
  recordFinalFigures,
  recordPayment,
  recordPayout,
  releaseProvisional,
  settleDueDeals,
} from "~/models/deals/payments.server.ts";
import { setDealSetting } from "~/models/deals/platform-settings.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";

let seller: Bidder;
const buyers: Bidder[] = [];
let recycler: Bidder;
let facilityId: string;
const DAY = 86_400_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  for (let i = 0; i < 3; i++) buyers.push(await accountWith(["buyer"]));
  recycler = await accountWith(["recycler"]);
  const profile = validateFacilityProfile(facilityFields({ acceptedChemistries: ["LFP", "NMC622"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  facilityId = (await createFacility(recycler.organizationId, profile.profile)).id;
  await setDealSetting(db(), "commissionBp", 250, null);
});

const sellerCaller = () => ({ organizationId: seller.organizationId, userId: seller.userId });
const admin = { role: "admin" as const, userId: null };

function ok<T>(result: T): Extract<T, { ok: true }> {
  const r = result as { ok: boolean; code?: string; message?: string };
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return result as Extract<T, { ok: true }>;
}

async function fixedPriceDeal(buyer = buyers[0]) {
  const lot = await openLot(seller.organizationId, {
    saleMode: "fixed",
    startingPriceMinor: null,
    askingPriceMinor: 2_000_000n,
    closesAt: null,
    originalClosesAt: null,
  });
  const request = await bid(buyer, lot.id, 2_000_000);
  if (!request.ok) throw new Error(request.message);
  const accepted = ok(await acceptPurchaseRequest(sellerCaller(), request.bid.id));
  const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
  return { lot, award: accepted.award, deal };
}

const counts = async (dealId: string) => ({
  events: await db().dealEvent.count({ where: { dealId } }),
  ledger: await db().ledgerTransaction.count({ where: { dealId } }),
});

describe("a confirmed award makes one deal", () => {
  test("fixed price: the deal, its parties, settings copied, payer told; a second call makes none", async () => {
    const { lot, award, deal } = await fixedPriceDeal();
    expect(deal).toMatchObject({
      lotId: lot.id,
      status: "awaiting_payment",
      sellerOrganizationId: seller.organizationId,
      buyerOrganizationId: buyers[0].organizationId,
      payerOrganizationId: buyers[0].organizationId,
      payeeOrganizationId: seller.organizationId,
      totalMinor: 2_000_000n,
      massKg: 4_000,
      priceMinorPerTonne: 500_000n,
      currency: "AUD",
      priceKind: "payable",
      incoterm: "EXW",
      commissionBp: 250,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
    });
    expect(deal.paymentDueAt.getTime() - deal.createdAt.getTime()).toBe(7 * DAY);
    const again = await db().$transaction((tx) => createDealForAward(tx, award.id));
    expect(again.id).toBe(deal.id);
    expect(await db().deal.count({ where: { lotId: lot.id } })).toBe(1);
    const notices = await db().notification.findMany({ where: { kind: "deal_created", lotId: lot.id } });
    expect(notices.map((n) => n.userId).sort()).toEqual([buyers[0].userId, seller.userId].sort());
  });

  test("auction: the provisional award makes no deal; confirming makes one; confirming again makes none", async () => {
    const closesAt = new Date(Date.now() + HOUR);
    const lot = await openLot(seller.organizationId, { closesAt, originalClosesAt: closesAt });
    ok(await bid(buyers[0], lot.id, 1_100_000));
    ok(await bid(buyers[1], lot.id, 1_300_000));
    await closeLotIfDue(lot.id, new Date(closesAt.getTime() + 1_000));
    const award = await db().award.findFirstOrThrow({ where: { lotId: lot.id } });
    expect(await db().deal.count({ where: { lotId: lot.id } })).toBe(0);
    ok(await confirmAward(sellerCaller(), award.id, new Date(closesAt.getTime() + 2_000)));
    expect(await confirmAward(sellerCaller(), award.id)).toMatchObject({ ok: false });
    const deals = await db().deal.findMany({ where: { lotId: lot.id } });
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ awardId: award.id, payerOrganizationId: buyers[1].organizationId });
  });

  test("an accepted gate-fee booking makes one deal: the seller pays the recycler", async () => {
    const window = await db().capacityWindow.create({
      data: {
        facilityId,
        month: monthStart(monthFromNow(1) as `${number}-${number}`),
        capacityKg: 20_000,
        priceMinorPerTonne: 150_000n,
        currency: "AUD",
        priceKind: "gate_fee",
        acceptedChemistries: [],
      },
    });
    const lot = await openLot(seller.organizationId, {
      saleMode: "fixed",
      askingPriceMinor: 1n,
      closesAt: null,
    });
    const requested = await requestBooking({
      sellerOrganizationId: seller.organizationId,
      userId: seller.userId,
      capacityWindowId: window.id,
      lotId: lot.id,
    });
    if (!requested.ok) throw new Error(requested.message);
    ok(
      await acceptBooking({
        organizationId: recycler.organizationId,
        userId: recycler.userId,
        bookingId: requested.booking.id,
      }),
    );
    const deals = await db().deal.findMany({ where: { bookingId: requested.booking.id } });
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({
      priceKind: "gate_fee",
      payerOrganizationId: seller.organizationId,
      payeeOrganizationId: recycler.organizationId,
      facilityId,
      incoterm: "DAP",
      totalMinor: 600_000n, // 4 t × AUD 1,500.00
    });
    // The seller cancels the booking: its deal can no longer be paid.
    ok(
      await cancelBooking({
        organizationId: seller.organizationId,
        userId: seller.userId,
        bookingId: requested.booking.id,
      }),
    );
    expect(
      await recordPayment({
        dealId: deals[0].id,
        amountMinor: 600_000n,
        currency: "AUD",
        rail: "manual",
        reference: "late",
        receivedAt: new Date(),
        key: `wire:${deals[0].id}:late`,
        actor: admin,
      }),
    ).toMatchObject({ ok: false, code: "DEAL_NOT_AWAITING_PAYMENT" });
    // The unpaid deal ended with its booking, and both parties were told.
    const ended = await db().deal.findUniqueOrThrow({ where: { id: deals[0].id } });
    expect(ended.status).toBe("cancelled");
    const told = await db().notification.findMany({
      where: { kind: "deal_cancelled", link: `/deals/${ended.id}` },
    });
    expect(told.map((n) => n.organizationId).sort()).toEqual(
      [seller.organizationId, recycler.organizationId].sort(),
    );
  });

  test("a sale of the lot ends its booking's unpaid deal: one live deal per lot", async () => {
    const window = await db().capacityWindow.create({
      data: {
        facilityId,
        month: monthStart(monthFromNow(2) as `${number}-${number}`),
        capacityKg: 20_000,
        priceMinorPerTonne: 150_000n,
        currency: "AUD",
        priceKind: "gate_fee",
        acceptedChemistries: [],
      },
    });
    const lot = await openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_000_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const requested = await requestBooking({
      sellerOrganizationId: seller.organizationId,
      userId: seller.userId,
      capacityWindowId: window.id,
      lotId: lot.id,
    });
    if (!requested.ok) throw new Error(requested.message);
    ok(
      await acceptBooking({
        organizationId: recycler.organizationId,
        userId: recycler.userId,
        bookingId: requested.booking.id,
      }),
    );
    const bookingDeal = await db().deal.findUniqueOrThrow({ where: { bookingId: requested.booking.id } });
    const request = await bid(buyers[2], lot.id, 2_000_000);
    if (!request.ok) throw new Error(request.message);
    const accepted = ok(await acceptPurchaseRequest(sellerCaller(), request.bid.id));
    expect((await db().deal.findUniqueOrThrow({ where: { id: bookingDeal.id } })).status).toBe("cancelled");
    const live = await db().deal.findMany({ where: { lotId: lot.id, status: { not: "cancelled" } } });
    expect(live.map((d) => d.awardId)).toEqual([accepted.award.id]);
    const ending = await db().dealEvent.findFirstOrThrow({
      where: { dealId: bookingDeal.id, event: "source_ended" },
    });
    expect(ending.data).toMatchObject({ reason: "sold_elsewhere" });
  });
});

describe("moving a deal", () => {
  test("an illegal transition is refused with its reason; nothing is written", async () => {
    const { deal } = await fixedPriceDeal(buyers[1]);
    const before = await counts(deal.id);
    const refused = await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
    );
    expect(refused).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    const forbidden = await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "payment_received", actor: { role: "payer" } }),
    );
    expect(forbidden).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await counts(deal.id)).toEqual(before);
    expect(await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({
      status: "awaiting_payment",
      version: deal.version,
    });
  });

  test("recordPayment: a mismatch is refused; the same key twice posts once; then not awaiting payment", async () => {
    const { deal } = await fixedPriceDeal(buyers[2]);
    const payment = {
      dealId: deal.id,
      amountMinor: 2_000_000n,
      currency: "AUD",
      rail: "manual" as const,
      reference: "PL-DL-TEST",
      receivedAt: new Date(),
      key: `wire:${deal.id}:1`,
      actor: admin,
    };
    expect(await recordPayment({ ...payment, amountMinor: 1_999_999n })).toMatchObject({
      ok: false,
      code: "AMOUNT_MISMATCH",
    });
    expect(await recordPayment({ ...payment, currency: "USD" })).toMatchObject({
      ok: false,
      code: "AMOUNT_MISMATCH",
    });
    expect(await counts(deal.id)).toEqual({ events: 1, ledger: 0 });
    const first = ok(await recordPayment(payment));
    const second = ok(await recordPayment(payment));
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, transactionId: first.transactionId });
    expect(await counts(deal.id)).toEqual({ events: 2, ledger: 1 });
    expect(first.deal.status).toBe("funded");
    expect(await recordPayment({ ...payment, key: `wire:${deal.id}:2` })).toMatchObject({
      ok: false,
      code: "DEAL_NOT_AWAITING_PAYMENT",
    });
    const position = await dealLedgerPosition(db(), deal.id, "AUD");
    expect(position).toMatchObject({ held: 2_000_000n, cashIn: 2_000_000n });
    expect(await db().notification.count({ where: { kind: "deal_funded", lotId: deal.lotId } })).toBe(2);
  });

  test("receipt releases 90 % of the value at the received weight; the closed window settles the rest", async () => {
    const { deal } = await fixedPriceDeal(buyers[0]);
    const t0 = new Date();
    ok(
      await recordPayment({
        dealId: deal.id,
        amountMinor: 2_000_000n,
        currency: "AUD",
        rail: "manual",
        reference: "wire",
        receivedAt: t0,
        key: `wire:${deal.id}`,
        actor: admin,
      }),
    );
    await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
    );
    // 3,900 kg received at AUD 5,000/t = AUD 19,500.00; 90 % = 17,550.00.
    const released = ok(await releaseProvisional(deal.id, 3_900, t0, admin));
    expect(released.deal).toMatchObject({ status: "provisionally_released", receivedKg: 3_900 });
    expect((await dealLedgerPosition(db(), deal.id, "AUD")).payeePayable).toBe(1_755_000n);
    ok(await recordFinalFigures(deal.id, { basis: "weight", finalKg: 3_900 }, t0, admin));
    expect(await settleDueDeals(new Date(t0.getTime() + 6 * DAY))).not.toContain(deal.id);
    expect(await settleDueDeals(new Date(t0.getTime() + 7 * DAY + 1_000))).toContain(deal.id);
    const settled = await db().deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(settled.status).toBe("settled");
    // The timeline's formulas: stored English for the API, the deal page's language on the page.
    const viewer = { organizationId: null, isPlatformAdmin: true };
    const formulas = (d: Awaited<ReturnType<typeof getDeal>>) =>
      Object.fromEntries(
        (d?.milestones ?? [])
          .filter((m) => m.data && ("formula" in m.data || "finalValue" in m.data))
          .map((m) => [m.event, m.data]),
      );
    const english = formulas(await getDeal(deal.id, viewer));
    const japanese = formulas(await getDeal(deal.id, viewer, { language: "ja" }));
    expect(english.provisional_released?.formula).toMatch(/^Provisional release: .*AUD 17,550\.00/);
    expect(japanese.provisional_released?.formula).toMatch(/AUD\s17,550\.00/);
    expect(japanese.provisional_released?.formula).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(japanese.inspection_window_closed?.balanceToPayee).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(japanese.inspection_window_closed?.balanceToPayee).not.toBe(
      english.inspection_window_closed?.balanceToPayee,
    );
    for (const facts of [...Object.values(english), ...Object.values(japanese)])
      expect(facts).not.toHaveProperty("words");
    // Every step is in the lot's chain of custody, which still verifies.
    const chain = await verifyChain(deal.lotId);
    expect(chain.verified).toBe(true);
    expect(chain.events.map((e) => e.kind).filter((k) => k.startsWith("deal_"))).toEqual([
      "deal_created",
      "deal_payment_received",
      "deal_shipment_departed",
      "deal_receipt_recorded",
      "deal_provisional_released",
      "deal_final_figures_recorded",
      "deal_inspection_window_closed",
    ]);
    const p = await dealLedgerPosition(db(), deal.id, "AUD");
    // Final 1,950,000; commission 2.5 % = 48,750; payee 1,901,250 in all; payer refunded 50,000.
    expect(p).toMatchObject({
      held: 0n,
      revenue: 48_750n,
      payeePayable: 1_901_250n,
      refundsPayable: 50_000n,
    });
    ok(
      await recordPayout({
        dealId: deal.id,
        to: "payee",
        amountMinor: 1_901_250n,
        currency: "AUD",
        rail: "manual",
        reference: "out-1",
        paidAt: new Date(),
        key: `payout:${deal.id}`,
        actor: admin,
      }),
    );
    expect(
      await recordPayout({
        dealId: deal.id,
        to: "payer",
        amountMinor: 50_001n,
        currency: "AUD",
        rail: "manual",
        reference: "out-2",
        paidAt: new Date(),
        key: `refund:${deal.id}`,
        actor: admin,
      }),
    ).toMatchObject({ ok: false });
  });
});

describe("a party's step from the deal page", () => {
  test("the role comes from the deal: a stranger sees nothing, the payer cannot record receipt, the payee ships", async () => {
    const { deal } = await fixedPriceDeal(buyers[1]);
    ok(
      await recordPayment({
        dealId: deal.id,
        amountMinor: 2_000_000n,
        currency: "AUD",
        rail: "manual",
        reference: "step",
        receivedAt: new Date(),
        key: `wire:${deal.id}:step`,
        actor: admin,
      }),
    );
    const person = (who: Bidder) => ({
      organizationId: who.organizationId,
      userId: who.userId,
      isPlatformAdmin: false,
    });
    expect(await takeDealStep(deal.id, person(buyers[2]), { step: "shipment_departed" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await takeDealStep(deal.id, person(buyers[1]), { step: "receipt_recorded", kg: 4_000 }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const shipped = ok(await takeDealStep(deal.id, person(seller), { step: "shipment_departed" }));
    expect(shipped.deal.status).toBe("in_transit");
    const event = await db().dealEvent.findFirstOrThrow({
      where: { dealId: deal.id, event: "shipment_departed" },
    });
    expect(event).toMatchObject({
      actorRole: "payee",
      actorOrganizationId: seller.organizationId,
      sequence: 3,
    });
  });
});

describe("an unpaid deal lapses", () => {
  test("the award passes to the next bidder at its maximum, as an unconfirmed award does", async () => {
    const closesAt = new Date(Date.now() + HOUR);
    const lot = await openLot(seller.organizationId, { closesAt, originalClosesAt: closesAt });
    ok(await bid(buyers[0], lot.id, 1_100_000, { maxAmountMinor: 1_200_000 }));
    ok(await bid(buyers[1], lot.id, 1_300_000));
    await closeLotIfDue(lot.id, new Date(closesAt.getTime() + 1_000));
    const first = await db().award.findFirstOrThrow({ where: { lotId: lot.id } });
    const confirmedAt = new Date(closesAt.getTime() + 2_000);
    ok(await confirmAward(sellerCaller(), first.id, confirmedAt));
    const deal = await db().deal.findUniqueOrThrow({ where: { awardId: first.id } });
    expect(await lapseOverdueDeals(new Date(deal.paymentDueAt.getTime() - 1_000))).not.toContain(deal.id);
    const sweep = await runSaleSweep(new Date(deal.paymentDueAt.getTime() + 1_000));
    expect(sweep.lapsedDeals).toContain(deal.id);
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("lapsed");
    const awards = await db().award.findMany({ where: { lotId: lot.id }, orderBy: { createdAt: "asc" } });
    expect(awards.map((a) => [a.status, a.organizationId, Number(a.amountMinor)])).toEqual([
      ["lapsed", buyers[1].organizationId, 1_300_000],
      ["provisional", buyers[0].organizationId, 1_200_000],
    ]);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("closed");
    // A second sweep lapses nothing more.
    expect(await lapseOverdueDeals(new Date(deal.paymentDueAt.getTime() + 2_000))).toEqual([]);
    // The next bidder's confirmed award makes its own deal.
    ok(await confirmAward(sellerCaller(), awards[1].id, new Date(deal.paymentDueAt.getTime() + 3_000)));
    expect(await db().deal.count({ where: { lotId: lot.id } })).toBe(2);
    expect(
      await db().notification.count({ where: { kind: "deal_lapsed", lotId: lot.id } }),
    ).toBeGreaterThanOrEqual(2);
  });
});
