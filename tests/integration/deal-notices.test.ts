// Every deal step tells the parties, with an email each (issue 11 item 7), and the dashboard's money
// cards follow the ledger (item 8, ADR 029), on PGlite and PostgreSQL: a fixed-price sale makes the
// deal (both told), the admin's wire funds it (both told), receipt releases the provisional share
// (payee told), the final weight is lower and the window's close settles it (both told), and the
// admin's outgoing wires send the payee its balance (payee told) and the payer its refund (payer
// told). At each step the cards of both organisations equal the deal's ledger.
import { beforeAll, describe, expect, test } from "vitest";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { organizationMoneyOverview } from "~/models/deals/deal-money-overview.server.ts";
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
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
let buyer: Bidder;
const DAY = 86_400_000;
const admin = { role: "admin" as const, userId: null };

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
});

function ok<T>(result: T): Extract<T, { ok: true }> {
  const r = result as { ok: boolean; code?: string; message?: string };
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return result as Extract<T, { ok: true }>;
}

/** The kinds of notice each party got about the deal so far, in order, and the emails queued. */
async function notices(dealId: string) {
  const rows = await db().notification.findMany({
    where: { link: `/deals/${dealId}` },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { kind: true, organizationId: true, title: true },
  });
  const of = (organizationId: string) =>
    rows.filter((r) => r.organizationId === organizationId).map((r) => r.kind);
  const emails = await db().outboxEmail.count({ where: { text: { contains: `/deals/${dealId}` } } });
  return { seller: of(seller.organizationId), buyer: of(buyer.organizationId), rows, emails };
}

/** The dashboard's cards of both parties against the deal's own ledger figures. */
async function expectCardsMatchLedger(dealId: string, currency: string) {
  const deal = (await getDeal(dealId, { organizationId: null, isPlatformAdmin: true }))!;
  const position = await dealLedgerPosition(db(), dealId, currency);
  const [sellerCards] = await organizationMoneyOverview(seller.organizationId);
  const [buyerCards] = await organizationMoneyOverview(buyer.organizationId);
  const due = deal.status === "awaiting_payment" ? deal.amount.amountMinor : Number(position.payerReceivable);
  expect(buyerCards ?? null).toEqual(
    deal.ledger.held.amountMinor + due === 0
      ? null
      : expect.objectContaining({
          currency,
          heldFromYou: deal.ledger.held,
          due: { amountMinor: due, currency },
        }),
  );
  if (deal.ledger.released.amountMinor + deal.ledger.held.amountMinor > 0 || sellerCards) {
    expect(sellerCards).toMatchObject({
      currency,
      heldForYou: deal.ledger.held,
      released: { amountMinor: deal.ledger.released.amountMinor, currency },
      transferred: deal.ledger.paidOut,
    });
    // What is still owed to the payee is the ledger's payee_payable.
    expect(sellerCards.released.amountMinor - sellerCards.transferred.amountMinor).toBe(
      Number(position.payeePayable),
    );
  }
}

describe("a deal's notices and the dashboard's money cards", () => {
  test("each step tells the party it concerns, and the cards equal the ledger throughout", async () => {
    // A currency of its own, so other deals of these organisations cannot mix in.
    const currency = "NZD";
    const lot = await openLot(seller.organizationId, {
      currency,
      massKg: 10_000,
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_000_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const request = await bid(buyer, lot.id, 2_000_000, { currency });
    if (!request.ok) throw new Error(request.message);
    const accepted = ok(
      await acceptPurchaseRequest(
        { organizationId: seller.organizationId, userId: seller.userId },
        request.bid.id,
      ),
    );
    const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
    expect(await notices(deal.id)).toMatchObject({ seller: ["deal_created"], buyer: ["deal_created"] });
    await expectCardsMatchLedger(deal.id, currency);
    expect((await organizationMoneyOverview(buyer.organizationId))[0].due.amountMinor).toBe(2_000_000);

    const at = new Date();
    ok(
      await recordPayment({
        dealId: deal.id,
        amountMinor: 2_000_000n,
        currency,
        rail: "manual",
        reference: "WIRE 1",
        receivedAt: at,
        key: `wire:${deal.id}`,
        actor: admin,
      }),
    );
    expect(await notices(deal.id)).toMatchObject({
      seller: ["deal_created", "deal_funded"],
      buyer: ["deal_created", "deal_funded"],
    });
    await expectCardsMatchLedger(deal.id, currency);

    ok(
      await db().$transaction((tx) =>
        transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
      ),
    );
    ok(await releaseProvisional(deal.id, 10_000, at, admin));
    expect((await notices(deal.id)).seller.at(-1)).toBe("deal_released");
    expect((await notices(deal.id)).buyer.at(-1)).toBe("deal_funded");
    await expectCardsMatchLedger(deal.id, currency);

    // The final weight is 9 t of the 10 t contracted: the payer is owed a tenth back.
    ok(await recordFinalFigures(deal.id, { basis: "weight", finalKg: 9_000 }, at, admin));
    expect(await settleDueDeals(new Date(at.getTime() + 8 * DAY))).toContain(deal.id);
    const afterSettle = await notices(deal.id);
    expect(afterSettle.seller.at(-1)).toBe("deal_settled");
    expect(afterSettle.buyer.at(-1)).toBe("deal_settled");
    await expectCardsMatchLedger(deal.id, currency);

    const owed = await dealLedgerPosition(db(), deal.id, currency);
    expect(owed.refundsPayable).toBe(200_000n);
    ok(
      await recordPayout({
        dealId: deal.id,
        to: "payee",
        amountMinor: owed.payeePayable,
        currency,
        rail: "manual",
        reference: "OUT 1",
        paidAt: at,
        key: `payout:${deal.id}`,
        actor: admin,
      }),
    );
    ok(
      await recordPayout({
        dealId: deal.id,
        to: "payer",
        amountMinor: owed.refundsPayable,
        currency,
        rail: "manual",
        reference: "OUT 2",
        paidAt: at,
        key: `refund:${deal.id}`,
        actor: admin,
      }),
    );
    // The same wire recorded twice tells nobody twice.
    ok(
      await recordPayout({
        dealId: deal.id,
        to: "payer",
        amountMinor: owed.refundsPayable,
        currency,
        rail: "manual",
        reference: "OUT 2",
        paidAt: at,
        key: `refund:${deal.id}`,
        actor: admin,
      }),
    );
    const final = await notices(deal.id);
    expect(final.seller).toEqual([
      "deal_created",
      "deal_funded",
      "deal_released",
      "deal_settled",
      "deal_paid_out",
    ]);
    expect(final.buyer).toEqual(["deal_created", "deal_funded", "deal_settled", "deal_refunded"]);
    expect(final.rows.find((r) => r.kind === "deal_refunded")?.title).toMatch(
      /: NZD\s2,000\.00 refunded to you$/,
    );
    // One email per notice per member (each organisation has one member here).
    expect(final.emails).toBe(final.rows.length);
    await expectCardsMatchLedger(deal.id, currency);
    const [sellerCards] = await organizationMoneyOverview(seller.organizationId);
    expect(sellerCards).toMatchObject({ held: { amountMinor: 0 }, released: { amountMinor: 1_800_000 } });
    expect(sellerCards.transferred).toEqual(sellerCards.released);
    expect(await organizationMoneyOverview(buyer.organizationId)).toEqual([]);
  });

  test("a Japanese-speaking party reads each title's amount with its ISO code and the formulas in Japanese", async () => {
    // Issue 14: new accounts whose people read Japanese (the demo accounts' saved language stays).
    const jaSeller = await accountWith(["seller"]);
    const jaBuyer = await accountWith(["buyer"]);
    await db().user.updateMany({
      where: { id: { in: [jaSeller.userId, jaBuyer.userId] } },
      data: { language: "ja" },
    });
    const currency = "JPY";
    const lot = await openLot(jaSeller.organizationId, {
      currency,
      massKg: 10_000,
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_000_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const request = await bid(jaBuyer, lot.id, 2_000_000, { currency });
    if (!request.ok) throw new Error(request.message);
    const accepted = ok(
      await acceptPurchaseRequest(
        { organizationId: jaSeller.organizationId, userId: jaSeller.userId },
        request.bid.id,
      ),
    );
    const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
    const at = new Date();
    ok(
      await recordPayment({
        dealId: deal.id,
        amountMinor: 2_000_000n,
        currency,
        rail: "manual",
        reference: "WIRE JA",
        receivedAt: at,
        key: `wire:${deal.id}`,
        actor: admin,
      }),
    );
    ok(
      await db().$transaction((tx) =>
        transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
      ),
    );
    ok(await releaseProvisional(deal.id, 10_000, at, admin));
    ok(await recordFinalFigures(deal.id, { basis: "weight", finalKg: 9_000 }, at, admin));
    expect(await settleDueDeals(new Date(at.getTime() + 8 * DAY))).toContain(deal.id);

    const rows = await db().notification.findMany({
      where: { link: `/deals/${deal.id}` },
      select: { kind: true, userId: true, title: true, body: true },
    });
    const of = (kind: string, userId: string) => {
      const row = rows.find((r) => r.kind === kind && r.userId === userId);
      if (!row) throw new Error(`no ${kind} notice for ${userId}`);
      return { title: row.title.replaceAll("\u00a0", " "), body: row.body?.replaceAll("\u00a0", " ") ?? "" };
    };
    const label = `DL-${String(deal.number).padStart(6, "0")}`;
    // The amount with its ISO code, never "¥" or "JP¥", in the catalogue's Japanese words.
    expect(of("deal_funded", jaBuyer.userId).title).toMatch(
      new RegExp(`^取引 ${label}（ロット PL-\\d{6}） の入金がありました：JPY 2,000,000 を預かり中$`),
    );
    expect(of("deal_created", jaSeller.userId).title).toContain("JPY 2,000,000");
    for (const row of rows) expect(row.title, row.kind).not.toMatch(/¥|\$|Deal /);
    // The formulas in Japanese with Japanese numbers; the figures are the deal's.
    expect(of("deal_released", jaSeller.userId).body).toBe(
      "暫定支払：JPY 2,000,000 の 90.00% = JPY 1,800,000",
    );
    const settledBody = of("deal_settled", jaBuyer.userId).body.split("\n");
    expect(settledBody[0]).toBe("確定価額：JPY 200,000/t × 9.000 t = JPY 1,800,000（単位未満を四捨五入）");
    expect(settledBody[2]).toBe("支払側：支払済 JPY 2,000,000 − 確定 JPY 1,800,000 = JPY 200,000（返金）");
    // The email says the same as the bell.
    const buyerUser = await db().user.findUniqueOrThrow({ where: { id: jaBuyer.userId } });
    const email = await db().outboxEmail.findFirstOrThrow({
      where: { to: buyerUser.email, kind: "deal_funded", text: { contains: `/deals/${deal.id}` } },
    });
    expect(email.subject.replaceAll("\u00a0", " ")).toBe(of("deal_funded", jaBuyer.userId).title);
  });
});
