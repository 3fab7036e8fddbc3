// Closing and awarding (issue 5 items 2, 3, 5) on PGlite and PostgreSQL: the close at its time
// (provisional award with a capacity booking, below reserve, sealed, no bids), two sweeps at once
// making one award, confirm, lapse and decline passing to the next bidder at its own maximum,
// relist, sealed awards telling losers the clearing price, fixed-price accept/decline, withdrawing
// bids, other organisations refused with nothing changed, illegal transitions refused.

import { beforeAll, describe, expect, test } from "vitest";
import { minimumIncrementMinor } from "~/domain/bidding/auction.ts";
import { monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { failureStatus } from "~/domain/failure.ts";
import { momentIn } from "~/domain/notice-moments.ts";
import { formatMoneyIn } from "~/i18n/format.ts";
import {
  acceptBelowReserve,
  awardSealedBid,
  confirmAward,
  declineAward,
  lapseDueAwards,
} from "~/models/bidding/awards.server.ts";
import type { BidPlaced } from "~/models/bidding/bid.server.ts";
import { withdrawBid } from "~/models/bidding/bid-withdrawal.server.ts";
import { closeDueLots, closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { acceptPurchaseRequest, declinePurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { relistLot } from "~/models/bidding/relisting.server.ts";
import { runSaleSweep } from "~/models/bidding/sale-sweep.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import * as lotPage from "~/routes/lots.$lotId.tsx";
import * as awardRoute from "~/routes/lots.$lotId_.award.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

let seller: Bidder;
let stranger: Bidder;
const buyers: Bidder[] = [];
let recycler: Bidder;
let facilityId: string;

const HOUR = 3_600_000;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  stranger = await accountWith(["seller", "buyer"]);
  for (let i = 0; i < 3; i++) buyers.push(await accountWith(["buyer"]));
  recycler = await accountWith(["recycler"]);
  const profile = validateFacilityProfile(facilityFields({ acceptedChemistries: ["LFP", "NMC622"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  facilityId = (await createFacility(recycler.organizationId, profile.profile)).id;
});

function placed(result: Awaited<ReturnType<typeof bid>>): BidPlaced {
  if (!result.ok) throw new Error(`bid refused: ${result.code} ${result.message}`);
  return result;
}

/** An auction closing in an hour; `closeAt` is a moment just after its close. */
async function auction(options: Parameters<typeof openLot>[1] = {}) {
  const closesAt = new Date(Date.now() + HOUR);
  const lot = await openLot(seller.organizationId, { closesAt, originalClosesAt: closesAt, ...options });
  return { lot, closeAt: new Date(closesAt.getTime() + 1_000) };
}

const lotRow = (id: string) => db().lot.findUniqueOrThrow({ where: { id } });
const awardsOf = (lotId: string) => db().award.findMany({ where: { lotId }, orderBy: { createdAt: "asc" } });
const bidRow = (id: string) => db().bid.findUniqueOrThrow({ where: { id } });
const noticesOf = (who: Bidder, lotId: string) =>
  db().notification.findMany({ where: { userId: who.userId, lotId }, orderBy: { createdAt: "asc" } });
const sellerCaller = () => ({ organizationId: seller.organizationId, userId: seller.userId });
const as = (who: Bidder) => ({ organizationId: who.organizationId, userId: who.userId });

function ok<T extends { ok: boolean }>(result: T | { ok: false; code: string; message: string }) {
  if (!result.ok)
    throw new Error(
      `refused: ${(result as { code: string }).code} ${(result as { message: string }).message}`,
    );
  return result as Extract<T, { ok: true }>;
}

/** A model's refusal with the HTTP status it answers, which comes from its code (ADR 018). */
function answered<T extends { ok: boolean; code?: string }>(result: T) {
  return result.ok || !result.code ? result : { ...result, status: failureStatus(result.code) };
}

describe("closing an auction at its time", () => {
  test("reserve met: closed, provisional award to the leader at the price, capacity booked at its facility, both told", async () => {
    const window = await db().capacityWindow.create({
      data: {
        facilityId,
        month: monthStart(monthFromNow(1) as `${number}-${number}`),
        capacityKg: 50_000,
        priceMinorPerTonne: 100_000n,
        currency: "AUD",
        priceKind: "payable",
        acceptedChemistries: [],
      },
    });
    const { lot, closeAt } = await auction({ chemistry: "LFP", reservePriceMinor: 1_100_000n });
    placed(await bid(buyers[0], lot.id, 1_000_000, { maxAmountMinor: 1_300_000 }));
    const leader = placed(await bid(recycler, lot.id, 1_200_000, { maxAmountMinor: 1_500_000 }));
    // The bid's destination facility (placing it through the matching engine is tested elsewhere).
    await db().bid.update({ where: { id: leader.bid.id }, data: { facilityId } });

    expect((await closeLotIfDue(lot.id, new Date(closeAt.getTime() - 5_000))).closed).toBe(false);
    expect((await lotRow(lot.id)).status).toBe("open");

    const result = await closeLotIfDue(lot.id, closeAt);
    expect(result).toMatchObject({ closed: true, outcome: "provisional_award" });
    const closed = await lotRow(lot.id);
    expect(closed.status).toBe("closed");
    expect(closed.closedAt?.toISOString()).toBe(closeAt.toISOString());
    const [award] = await awardsOf(lot.id);
    expect(award).toMatchObject({
      status: "provisional",
      bidId: leader.bid.id,
      organizationId: recycler.organizationId,
      facilityId,
      reason: "highest bid",
    });
    expect(Number(award.amountMinor)).toBe(Number(closed.currentPriceMinor));
    // The second-highest maximum plus one increment: the least the leader needed.
    expect(Number(award.amountMinor)).toBe(1_300_000 + minimumIncrementMinor(1_300_000, "AUD"));
    expect(award.confirmBy?.getTime()).toBe(closeAt.getTime() + 48 * HOUR);
    const booking = await db().capacityBooking.findUniqueOrThrow({ where: { awardId: award.id } });
    expect(booking).toMatchObject({ status: "accepted", capacityWindowId: window.id, massKg: 4_000 });
    expect((await db().capacityWindow.findUniqueOrThrow({ where: { id: window.id } })).bookedKg).toBe(4_000);
    expect((await noticesOf(recycler, lot.id)).map((n) => n.kind)).toContain("award_provisional");
    const sellerNotice = (await noticesOf(seller, lot.id)).find((n) => n.kind === "lot_closed");
    expect(sellerNotice?.title).toMatch(/confirm the winner by/);

    // Running it again finds nothing to do.
    expect((await closeLotIfDue(lot.id, closeAt)).closed).toBe(false);
    expect(await awardsOf(lot.id)).toHaveLength(1);
  });

  test("the winner's facility has no room: the award passes to the next bidder at its maximum", async () => {
    const { lot, closeAt } = await auction({ chemistry: "NMC811" });
    placed(await bid(buyers[1], lot.id, 1_000_000, { maxAmountMinor: 1_200_000 }));
    const leader = placed(await bid(recycler, lot.id, 1_300_000));
    await db().bid.update({ where: { id: leader.bid.id }, data: { facilityId } });
    await closeLotIfDue(lot.id, closeAt);
    const awards = await awardsOf(lot.id);
    expect(awards.map((a) => [a.organizationId, a.status])).toEqual([
      [recycler.organizationId, "cancelled"],
      [buyers[1].organizationId, "provisional"],
    ]);
    expect(Number(awards[1].amountMinor)).toBe(1_200_000);
  });

  test("below reserve: closed without an award, the seller told to accept or relist; accepting awards at once", async () => {
    const { lot, closeAt } = await auction({ reservePriceMinor: 5_000_000n });
    placed(await bid(buyers[0], lot.id, 1_000_000));
    const top = placed(await bid(buyers[1], lot.id, 1_500_000));
    const result = await closeLotIfDue(lot.id, closeAt);
    expect(result).toMatchObject({ closed: true, outcome: "below_reserve", award: null });
    expect((await lotRow(lot.id)).status).toBe("closed");
    expect(await awardsOf(lot.id)).toHaveLength(0);
    const notice = (await noticesOf(seller, lot.id)).find((n) => n.kind === "lot_closed");
    expect(notice?.body).toMatch(/Accept the highest bid or relist/);

    const foreign = await acceptBelowReserve(as(stranger), lot.id, closeAt);
    expect(answered(foreign)).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });
    expect(await awardsOf(lot.id)).toHaveLength(0);

    const accepted = ok(await acceptBelowReserve(sellerCaller(), lot.id, closeAt));
    expect(accepted.award).toMatchObject({ status: "confirmed", bidId: top.bid.id });
    expect((await lotRow(lot.id)).status).toBe("awarded");
    expect((await bidRow(top.bid.id)).status).toBe("won");
    const again = await acceptBelowReserve(sellerCaller(), lot.id, closeAt);
    expect(answered(again)).toMatchObject({ ok: false, status: 409, code: "ILLEGAL_TRANSITION" });
    expect(await awardsOf(lot.id)).toHaveLength(1);
  });

  test("no bids: closed, the seller told; accepting below reserve is refused", async () => {
    const { lot, closeAt } = await auction();
    expect(await closeLotIfDue(lot.id, closeAt)).toMatchObject({ closed: true, outcome: "no_bids" });
    expect((await lotRow(lot.id)).status).toBe("closed");
    expect((await noticesOf(seller, lot.id)).map((n) => n.title)).toEqual([
      expect.stringMatching(/closed without bids/),
    ]);
    expect(await acceptBelowReserve(sellerCaller(), lot.id, closeAt)).toMatchObject({
      ok: false,
      code: "NO_BIDS",
    });
  });

  test("two sweeps at once make exactly one award", async () => {
    const { lot, closeAt } = await auction();
    placed(await bid(buyers[0], lot.id, 1_000_000));
    placed(await bid(buyers[1], lot.id, 1_100_000));
    const [first, second] = await Promise.all([closeDueLots(closeAt), closeDueLots(closeAt)]);
    expect([...first, ...second].filter((id) => id === lot.id)).toHaveLength(1);
    expect(await awardsOf(lot.id)).toHaveLength(1);
    const sellerNotices = (await noticesOf(seller, lot.id)).filter((n) => n.kind === "lot_closed");
    expect(sellerNotices).toHaveLength(1);
  });

  test("a bid after the close time is refused even before the sweep ran", async () => {
    const { lot, closeAt } = await auction();
    const late = await bid(buyers[0], lot.id, 1_000_000, { clock: () => closeAt });
    expect(late).toMatchObject({ ok: false, code: "AUCTION_NOT_OPEN" });
  });
});

describe("confirming, lapsing and declining a provisional award", () => {
  async function closedWithThreeBidders() {
    const { lot, closeAt } = await auction({ reservePriceMinor: 1_050_000n });
    const low = placed(await bid(buyers[0], lot.id, 1_000_000, { maxAmountMinor: 1_040_000 }));
    const mid = placed(await bid(buyers[1], lot.id, 1_010_000, { maxAmountMinor: 1_200_000 }));
    const top = placed(await bid(buyers[2], lot.id, 1_100_000, { maxAmountMinor: 1_400_000 }));
    await closeLotIfDue(lot.id, closeAt);
    const [award] = await awardsOf(lot.id);
    return { lot, closeAt, low, mid, top, award };
  }

  test("confirm: lot awarded, winner won, the rest lost and told the price, not the winner", async () => {
    const { lot, closeAt, low, mid, top, award } = await closedWithThreeBidders();
    expect(award.bidId).toBe(top.bid.id);

    const foreign = await confirmAward(as(buyers[2]), award.id, closeAt);
    expect(answered(foreign)).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });
    expect((await db().award.findUniqueOrThrow({ where: { id: award.id } })).status).toBe("provisional");

    const [a, b] = await Promise.all([
      confirmAward(sellerCaller(), award.id, closeAt),
      confirmAward(sellerCaller(), award.id, closeAt),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((await lotRow(lot.id)).status).toBe("awarded");
    // The award is in the lot's chain of custody once, decided by the seller's user (ADR 021).
    const custody = await verifyChain(lot.id);
    expect(custody.verified).toBe(true);
    // …followed by the deal the confirmation makes, in the same transaction (issue 11, 12).
    expect(custody.events.map((e) => e.kind)).toEqual(["award_confirmed", "deal_created"]);
    expect(custody.events[0]).toMatchObject({
      actorUserId: seller.userId,
      organizationId: seller.organizationId,
      data: { awardId: award.id, buyerOrganizationId: buyers[2].organizationId, currency: "AUD" },
    });
    expect((await db().award.findUniqueOrThrow({ where: { id: award.id } })).status).toBe("confirmed");
    expect((await bidRow(top.bid.id)).status).toBe("won");
    expect((await bidRow(mid.bid.id)).status).toBe("lost");
    expect((await bidRow(low.bid.id)).status).toBe("lost");
    expect((await noticesOf(buyers[2], lot.id)).filter((n) => n.kind === "won")).toHaveLength(1);
    const lost = (await noticesOf(buyers[1], lot.id)).filter((n) => n.kind === "lost");
    expect(lost).toHaveLength(1);
    expect(lost[0].body).toBe(
      `The lot sold for ${formatMoneyIn("en", { amountMinor: 1_200_000 + minimumIncrementMinor(1_200_000, "AUD"), currency: "AUD" })}.`,
    );
    const winnerName = (
      await db().organization.findUniqueOrThrow({ where: { id: buyers[2].organizationId } })
    ).name;
    expect(`${lost[0].title} ${lost[0].body}`).not.toContain(winnerName);
  });

  test("lapse: past the deadline the award passes to the next bidder at its own maximum", async () => {
    const { lot, closeAt, mid, award } = await closedWithThreeBidders();
    expect(await lapseDueAwards(new Date(closeAt.getTime() + 47 * HOUR))).not.toContain(award.id);
    const late = new Date(closeAt.getTime() + 48 * HOUR + 1_000);
    expect(await confirmAward(sellerCaller(), award.id, late)).toMatchObject({
      ok: false,
      code: "AWARD_EXPIRED",
    });
    const [first, second] = await Promise.all([lapseDueAwards(late), lapseDueAwards(late)]);
    expect([...first, ...second].filter((id) => id === award.id)).toHaveLength(1);
    const awards = await awardsOf(lot.id);
    expect(awards).toHaveLength(2);
    expect(awards[0]).toMatchObject({ status: "lapsed" });
    expect(awards[0].lapsedAt?.getTime()).toBe(late.getTime());
    expect(awards[1]).toMatchObject({ status: "provisional", bidId: mid.bid.id });
    expect(Number(awards[1].amountMinor)).toBe(1_200_000);
    expect((await noticesOf(buyers[2], lot.id)).map((n) => n.kind)).toContain("award_lapsed");
    expect((await noticesOf(buyers[1], lot.id)).map((n) => n.kind)).toContain("award_provisional");

    // The next one lapses too: the lowest maximum (1.04 M) is below the reserve, so nobody is left.
    const later = new Date(late.getTime() + 49 * HOUR);
    await lapseDueAwards(later);
    const after = await awardsOf(lot.id);
    expect(after.map((a) => a.status)).toEqual(["lapsed", "lapsed"]);
    expect((await lotRow(lot.id)).status).toBe("closed");
  });

  test("decline needs a reason, then passes on like a lapse", async () => {
    const { lot, closeAt, mid, award } = await closedWithThreeBidders();
    expect(answered(await declineAward(sellerCaller(), award.id, "no", closeAt))).toMatchObject({
      ok: false,
      status: 400,
      code: "VALIDATION",
      field: "reason",
    });
    expect(answered(await declineAward(as(stranger), award.id, "Not a real buyer", closeAt))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await db().award.findUniqueOrThrow({ where: { id: award.id } })).status).toBe("provisional");
    const declined = ok(await declineAward(sellerCaller(), award.id, "Buyer failed our KYC check", closeAt));
    expect(declined.next).toMatchObject({ status: "provisional", bidId: mid.bid.id });
    const notice = (await noticesOf(buyers[2], lot.id)).find((n) => n.kind === "award_declined");
    expect(notice?.body).toContain("Buyer failed our KYC check");
    expect(await declineAward(sellerCaller(), award.id, "again please", closeAt)).toMatchObject({
      ok: false,
      code: "AWARD_NOT_PROVISIONAL",
    });
  });
});

describe("relisting", () => {
  test("a closed lot without a live award opens for a new round; old bids lost; a past close time is a field error", async () => {
    const { lot, closeAt } = await auction({ reservePriceMinor: 9_000_000n });
    const old = placed(await bid(buyers[0], lot.id, 1_000_000));
    await closeLotIfDue(lot.id, closeAt);

    const past = await relistLot(sellerCaller(), lot.id, new Date(closeAt.getTime() - HOUR), {}, closeAt);
    expect(answered(past)).toMatchObject({ ok: false, status: 400, code: "VALIDATION", field: "closesAt" });
    expect(
      answered(await relistLot(as(stranger), lot.id, new Date(closeAt.getTime() + HOUR), {}, closeAt)),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await lotRow(lot.id)).status).toBe("closed");

    const newClose = new Date(closeAt.getTime() + 24 * HOUR);
    const relisted = ok(
      await relistLot(sellerCaller(), lot.id, newClose, { reservePriceMinor: 1_200_000 }, closeAt),
    );
    expect(relisted.lot).toMatchObject({
      status: "open",
      round: 2,
      bidCount: 0,
      extensionCount: 0,
      currentPriceMinor: null,
      leadingBidId: null,
      closedAt: null,
    });
    expect(relisted.lot.closesAt?.getTime()).toBe(newClose.getTime());
    expect(relisted.lot.originalClosesAt?.getTime()).toBe(newClose.getTime());
    expect(Number(relisted.lot.reservePriceMinor)).toBe(1_200_000);
    expect((await bidRow(old.bid.id)).status).toBe("lost");

    // Open again: a new bid starts the new round from the starting price.
    const fresh = placed(await bid(buyers[1], lot.id, 1_000_000));
    expect(fresh.bid.round).toBe(2);
    expect(await relistLot(sellerCaller(), lot.id, newClose, {}, closeAt)).toMatchObject({
      ok: false,
      code: "ILLEGAL_TRANSITION",
      message: "The lot is already open for bids.",
    });
  });

  test("relisting tells each organisation that bid in the ended round once, and not the seller", async () => {
    const { lot, closeAt } = await auction({ reservePriceMinor: 9_000_000n });
    placed(await bid(buyers[0], lot.id, 1_000_000));
    placed(await bid(buyers[1], lot.id, 1_100_000));
    placed(await bid(buyers[0], lot.id, 1_300_000));
    await closeLotIfDue(lot.id, closeAt);
    const relistedNotices = async (who: Bidder) =>
      (await noticesOf(who, lot.id)).filter((n) => n.kind === "relisted");
    expect(await relistedNotices(buyers[0])).toHaveLength(0);

    const newClose = new Date(closeAt.getTime() + 24 * HOUR);
    ok(await relistLot(sellerCaller(), lot.id, newClose, { startingPriceMinor: 800_000 }, closeAt));

    for (const who of [buyers[0], buyers[1]]) {
      const notices = await relistedNotices(who);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        organizationId: who.organizationId,
        link: `/lots/${lot.id}`,
        lotId: lot.id,
      });
      expect(notices[0].title).toMatch(/^A lot you bid on is open again/);
      // The close time in the recipient's zone, named (none remembered here: UTC, ADR 040).
      expect(notices[0].body).toContain(momentIn(newClose.toISOString(), null));
      expect(notices[0].body).toContain(
        formatMoneyIn("en", { amountMinor: 800_000, currency: lot.currency }),
      );
    }
    expect(await relistedNotices(seller)).toHaveLength(0);
    expect(await relistedNotices(buyers[2])).toHaveLength(0);
  });

  test("a lot with a provisional award cannot be relisted", async () => {
    const { lot, closeAt } = await auction();
    placed(await bid(buyers[0], lot.id, 1_000_000));
    await closeLotIfDue(lot.id, closeAt);
    expect(
      await relistLot(sellerCaller(), lot.id, new Date(closeAt.getTime() + HOUR), {}, closeAt),
    ).toMatchObject({
      ok: false,
      code: "LIVE_AWARD",
    });
  });
});

describe("sealed tenders", () => {
  test("closed and opened; the seller awards a bid with a reason; losers told the clearing price only", async () => {
    const closesAt = new Date(Date.now() + HOUR);
    const lot = await openLot(seller.organizationId, {
      saleMode: "sealed",
      closesAt,
      originalClosesAt: closesAt,
    });
    const closeAt = new Date(closesAt.getTime() + 1_000);
    const a = placed(await bid(buyers[0], lot.id, 1_500_000));
    const b = placed(await bid(buyers[1], lot.id, 1_400_000));
    const withdrawnLater = placed(await bid(buyers[2], lot.id, 1_300_000));
    // A bidder may withdraw its own sealed bid before the close; another organisation may not.
    expect(answered(await withdrawBid(as(buyers[0]), withdrawnLater.bid.id))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await bidRow(withdrawnLater.bid.id)).status).toBe("active");
    ok(await withdrawBid(as(buyers[2]), withdrawnLater.bid.id));
    expect((await bidRow(withdrawnLater.bid.id)).status).toBe("withdrawn");
    expect((await lotRow(lot.id)).bidCount).toBe(2);

    // Awarding before the close is an illegal transition.
    expect(await awardSealedBid(sellerCaller(), lot.id, b.bid.id, "highest net value")).toMatchObject({
      ok: false,
      code: "ILLEGAL_TRANSITION",
      message: "A lot that is open for bids cannot become awarded.",
    });

    expect(await closeLotIfDue(lot.id, closeAt)).toMatchObject({ closed: true, outcome: "tender_opened" });
    expect((await noticesOf(buyers[0], lot.id)).map((n) => n.kind)).toContain("lot_closed");
    expect(await withdrawBid(as(buyers[1]), b.bid.id, closeAt)).toMatchObject({
      ok: false,
      code: "AUCTION_NOT_OPEN",
    });

    expect(await awardSealedBid(sellerCaller(), lot.id, b.bid.id, "x", closeAt)).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(
      await awardSealedBid(sellerCaller(), lot.id, withdrawnLater.bid.id, "cheapest freight", closeAt),
    ).toMatchObject({ ok: false, code: "BID_NOT_LIVE" });
    expect(
      answered(await awardSealedBid(as(stranger), lot.id, b.bid.id, "highest net value", closeAt)),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await awardsOf(lot.id)).toHaveLength(0);

    const awarded = ok(
      await awardSealedBid(sellerCaller(), lot.id, b.bid.id, "Shorter haul: highest net value", closeAt),
    );
    expect(awarded.award).toMatchObject({ status: "confirmed", reason: "Shorter haul: highest net value" });
    expect((await lotRow(lot.id)).status).toBe("awarded");
    expect((await bidRow(b.bid.id)).status).toBe("won");
    expect((await bidRow(a.bid.id)).status).toBe("lost");
    const lost = (await noticesOf(buyers[0], lot.id)).find((n) => n.kind === "lost");
    expect(lost?.body).toBe(
      `The lot sold for ${formatMoneyIn("en", { amountMinor: 1_400_000, currency: "AUD" })}.`,
    );
    const winner = await db().organization.findUniqueOrThrow({ where: { id: buyers[1].organizationId } });
    expect(`${lost?.title} ${lost?.body}`).not.toContain(winner.name);
    expect((await noticesOf(buyers[1], lot.id)).map((n) => n.kind)).toContain("won");
  });
});

describe("fixed price", () => {
  async function fixedLot() {
    return openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_000_000n,
      closesAt: null,
      originalClosesAt: null,
    });
  }

  test("accept: the lot closes and is awarded in one step; other requests declined and told", async () => {
    const lot = await fixedLot();
    const first = placed(await bid(buyers[0], lot.id, 2_000_000));
    const second = placed(await bid(buyers[1], lot.id, 2_000_000));
    expect(await bid(buyers[0], lot.id, 2_000_000)).toMatchObject({ ok: false, code: "ALREADY_REQUESTED" });
    expect(answered(await acceptPurchaseRequest(as(stranger), first.bid.id))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await lotRow(lot.id)).status).toBe("open");

    const accepted = ok(await acceptPurchaseRequest(sellerCaller(), first.bid.id));
    expect(accepted.award).toMatchObject({ status: "confirmed", organizationId: buyers[0].organizationId });
    const row = await lotRow(lot.id);
    expect(row.status).toBe("awarded");
    expect(row.closedAt).not.toBeNull();
    expect((await bidRow(first.bid.id)).status).toBe("won");
    expect((await bidRow(second.bid.id)).status).toBe("rejected");
    expect((await noticesOf(buyers[0], lot.id)).map((n) => n.kind)).toContain("purchase_accepted");
    expect((await noticesOf(buyers[1], lot.id)).map((n) => n.kind)).toContain("purchase_declined");
    expect(await acceptPurchaseRequest(sellerCaller(), second.bid.id)).toMatchObject({
      ok: false,
      code: "ILLEGAL_TRANSITION",
    });
    expect(await awardsOf(lot.id)).toHaveLength(1);
  });

  test("decline: the request is rejected and the buyer told why; the buyer may withdraw its own pending request", async () => {
    const lot = await fixedLot();
    const req = placed(await bid(buyers[0], lot.id, 2_000_000));
    expect(answered(await declinePurchaseRequest(as(stranger), req.bid.id, "no"))).toMatchObject({
      ok: false,
      status: 403,
    });
    ok(await declinePurchaseRequest(sellerCaller(), req.bid.id, "Reserved for a contract customer"));
    expect(await bidRow(req.bid.id)).toMatchObject({
      status: "rejected",
      decisionNote: "Reserved for a contract customer",
    });
    const notice = (await noticesOf(buyers[0], lot.id)).find((n) => n.kind === "purchase_declined");
    expect(notice?.body).toContain("Reserved for a contract customer");
    expect(await declinePurchaseRequest(sellerCaller(), req.bid.id, "")).toMatchObject({
      ok: false,
      code: "BID_NOT_LIVE",
    });

    const again = placed(await bid(buyers[0], lot.id, 2_000_000));
    ok(await withdrawBid(as(buyers[0]), again.bid.id));
    expect((await bidRow(again.bid.id)).status).toBe("withdrawn");
    expect((await lotRow(lot.id)).status).toBe("open");
  });
});

describe("withdrawing auction bids", () => {
  test("auction bids are binding", async () => {
    const { lot } = await auction();
    const placedBid = placed(await bid(buyers[0], lot.id, 1_000_000));
    expect(answered(await withdrawBid(as(buyers[0]), placedBid.bid.id))).toMatchObject({
      ok: false,
      status: 409,
      code: "BID_NOT_WITHDRAWABLE",
    });
    expect((await bidRow(placedBid.bid.id)).status).toBe("active");
  });
});

describe("the lot page: lazy close and the award panel's route", () => {
  const post = (who: Bidder, lotId: string, fields: Record<string, string>) =>
    callRoute(awardRoute.action, postRequest(`/lots/${lotId}/award`, fields, { cookie: who.cookie }), {
      lotId,
    });
  const page = (who: Bidder, lotId: string) =>
    callRoute(lotPage.loader, getRequest(`/lots/${lotId}`, { cookie: who.cookie }), { lotId });

  test("reading a lot past its close closes it; the seller confirms through the route; the bidder sees it won", async () => {
    const { lot } = await auction();
    const top = placed(await bid(buyers[0], lot.id, 1_000_000));
    // Time passes: the close time is now behind us and no sweep has run.
    await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1_000) } });

    const sellerView = await page(seller, lot.id);
    expect(sellerView.status).toBe(200);
    expect((sellerView.data.lot as { status: string }).status).toBe("closed");
    const panel = sellerView.data.award as {
      role: string;
      award: { id: string; status: string; bidder: string };
    };
    expect(panel).toMatchObject({ role: "seller", award: { status: "provisional" } });

    const foreign = await post(stranger, lot.id, { intent: "confirm", awardId: panel.award.id });
    expect(foreign.status).toBe(403);
    expect(foreign.data.formError).toMatch(/Only the organisation that listed this lot/);
    expect((await lotRow(lot.id)).status).toBe("closed");

    const done = await post(seller, lot.id, { intent: "confirm", awardId: panel.award.id });
    expect(done.location).toBe(`/lots/${lot.id}#award`);
    expect((await lotRow(lot.id)).status).toBe("awarded");
    expect((await bidRow(top.bid.id)).status).toBe("won");

    const bidderView = await page(buyers[0], lot.id);
    expect(bidderView.data.award).toMatchObject({
      role: "bidder",
      outcome: { kind: "won", amountMinor: 1_000_000 },
    });
    const twice = await post(seller, lot.id, { intent: "confirm", awardId: panel.award.id });
    expect(twice.status).toBe(409);
  });

  test("relisting through the route: a past close time is a field error, a future one reopens the lot", async () => {
    const { lot, closeAt } = await auction();
    await closeLotIfDue(lot.id, closeAt);
    await db().lot.update({ where: { id: lot.id }, data: { closesAt: closeAt } });
    const past = await post(seller, lot.id, {
      intent: "relist",
      closesAt: "2020-01-01T10:00",
      tzOffset: "0",
    });
    expect(past.status).toBe(400);
    expect(past.data.errors).toEqual({ closesAt: "The new close time must be in the future." });
    const junk = await post(seller, lot.id, { intent: "relist", closesAt: "soon" });
    expect(junk.data.errors).toEqual({ closesAt: "Give the new close time." });
    const badReserve = await post(seller, lot.id, {
      intent: "relist",
      closesAt: new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 16),
      reserve: "-5",
    });
    expect(badReserve.status).toBe(400);
    expect(Object.keys(badReserve.data.errors as object)).toEqual(["reserve"]);
    expect((await lotRow(lot.id)).status).toBe("closed");

    const when = new Date(Date.now() + 48 * HOUR);
    when.setUTCSeconds(0, 0);
    const reopened = await post(seller, lot.id, {
      intent: "relist",
      closesAt: when.toISOString().slice(0, 16),
      tzOffset: "-60", // the seller's browser is an hour ahead of UTC
      // The zone the form names wins over the offset (ADR 040): Seoul is nine hours ahead.
      timeZone: "Asia/Seoul",
      startingPrice: "5,000.00",
    });
    expect(reopened.location).toBe(`/lots/${lot.id}#award`);
    const row = await lotRow(lot.id);
    expect(row).toMatchObject({ status: "open", round: 2, startingPriceMinor: 500_000n });
    expect(row.closesAt?.getTime()).toBe(when.getTime() - 9 * HOUR);
  });
});

describe("the sale sweep", () => {
  test("one run closes what is due and lapses what is late; the next run at the same time does nothing", async () => {
    const { lot, closeAt } = await auction();
    placed(await bid(buyers[0], lot.id, 1_000_000));
    placed(await bid(buyers[1], lot.id, 1_100_000));
    const first = await runSaleSweep(closeAt);
    expect(first.closed).toContain(lot.id);
    expect((await runSaleSweep(closeAt)).closed).not.toContain(lot.id);
    const [award] = await awardsOf(lot.id);
    expect(award.organizationId).toBe(buyers[1].organizationId);

    const late = new Date(closeAt.getTime() + 49 * HOUR);
    const second = await runSaleSweep(late);
    expect(second.lapsed).toContain(award.id);
    const awards = await awardsOf(lot.id);
    expect(awards.map((a) => [a.organizationId, a.status])).toEqual([
      [buyers[1].organizationId, "lapsed"],
      [buyers[0].organizationId, "provisional"],
    ]);
    expect((await runSaleSweep(late)).lapsed).toEqual([]);
  });
});
