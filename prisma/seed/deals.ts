// Demo deals (issue 11 item 9): every confirmed award of the demo has its deal, and a few
// fixed-price lots sold in the last weeks carry deals through each state — awaiting payment (the
// demo buyer's, for the demo fleet's lot), funded, in transit, received (provisional share
// released), in dispute and settled — with their events and a balanced ledger built by the same
// pure builders the app uses, so every amount on a deal page equals the ledger. Both rails: the
// manual bank transfer, and Stripe as far as it needs no network — paid through Stripe (the
// PaymentIntent named on the payment event, the money in Stripe clearing) with its outbox commands
// done (the payment set-up, each transfer). A Stripe deal awaiting payment is left out: its
// Checkout link would be Stripe's, made over the network when the server runs with a key. The
// disputed deal carries a dispute opened by the buyer with a PDF as evidence (stored as a real
// file, like lot documents) and the seller's counter-proposal (dispute-demo.ts).
import { DEAL_SETTINGS } from "~/domain/deals/deal-settings.ts";
import { dealPosition, type Posting } from "~/domain/deals/ledger.ts";
import {
  type BuildResult,
  paymentReceived,
  payoutToPayee,
  refundToPayer,
  provisionalRelease as releaseEntry,
  finalSettlement as settlementEntry,
} from "~/domain/deals/ledger-builders.ts";
import { finalSettlement, provisionalRelease, roundHalfUp } from "~/domain/deals/settlement.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { postLedgerTransaction } from "~/models/deals/ledger.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { seedDemoDispute } from "./dispute-demo.ts";
import type { GeneratedLot, SeededOrganization } from "./lots.ts";
import { DEMO_COMMISSION_BP } from "./lots.ts";
import { addDays, type Random, uuidv7 } from "./random.ts";

type Stage = "awaiting_payment" | "funded" | "in_transit" | "provisionally_released" | "disputed" | "settled";
const ORDER: Stage[] = ["awaiting_payment", "funded", "in_transit", "provisionally_released", "settled"];
type Rail = "manual" | "stripe";

/** The sold fixed-price lots: seller, buyer, how far the deal got and how long ago it was sold. */
const SOLD: {
  seller: string;
  buyer: string;
  stage: Stage;
  daysAgo: number;
  toFacility?: boolean;
  rail?: Rail;
}[] = [
  { seller: "pacific-coast-fleet", buyer: "transpacific-metals", stage: "awaiting_payment", daysAgo: 2 },
  { seller: "pacific-coast-fleet", buyer: "busan-black-mass", stage: "funded", daysAgo: 6 },
  { seller: "hanbit-dismantling", buyer: "transpacific-metals", stage: "in_transit", daysAgo: 12 },
  { seller: "kanto-ev-returns", buyer: "kowloon-trading", stage: "provisionally_released", daysAgo: 16 },
  { seller: "southern-cross-collect", buyer: "transpacific-metals", stage: "settled", daysAgo: 40 },
  // Disputed inside its inspection window: the buyer's quality claim, with evidence.
  { seller: "kanto-ev-returns", buyer: "transpacific-metals", stage: "disputed", daysAgo: 10 },
  // The Stripe rail, paid through Stripe with its outbox done.
  { seller: "hanbit-dismantling", buyer: "busan-black-mass", stage: "funded", daysAgo: 5, rail: "stripe" },
  {
    seller: "pacific-coast-fleet",
    buyer: "kowloon-trading",
    stage: "in_transit",
    daysAgo: 9,
    rail: "stripe",
  },
  {
    seller: "southern-cross-collect",
    buyer: "busan-black-mass",
    stage: "provisionally_released",
    daysAgo: 14,
    rail: "stripe",
  },
  { seller: "kanto-ev-returns", buyer: "busan-black-mass", stage: "settled", daysAgo: 35, rail: "stripe" },
  // Sold to recyclers' own facilities and settled: their shipments end in certificates of recovery.
  { seller: "southern-cross-collect", buyer: "eco-batt", stage: "settled", daysAgo: 70, toFacility: true },
  { seller: "kanto-ev-returns", buyer: "li-cycle", stage: "settled", daysAgo: 64, toFacility: true },
  { seller: "pacific-coast-fleet", buyer: "li-cycle", stage: "settled", daysAgo: 60, toFacility: true },
  // Two more recyclers' certificates, so /insights has recoveries from at least 3 sellers and 3
  // recyclers to publish (an aggregate from fewer organisations is suppressed, ADR 034).
  {
    seller: "great-lakes-collection",
    buyer: "redwood-materials",
    stage: "settled",
    daysAgo: 95,
    toFacility: true,
  },
  { seller: "hanbit-dismantling", buyer: "sungeel", stage: "settled", daysAgo: 120, toFacility: true },
];

interface DemoDealInput {
  lotId: string;
  awardId: string;
  sellerId: string;
  buyerId: string;
  facilityId: string | null;
  massKg: number;
  totalMinor: number;
  currency: string;
  soldAt: Date;
  stage: Stage;
  rail?: Rail;
}

async function writeDeal(tx: DbTransaction, input: DemoDealInput, now: Date) {
  const priceMinorPerTonne = roundHalfUp(BigInt(input.totalMinor) * 1000n, BigInt(input.massKg));
  const deal = await tx.deal.create({
    data: {
      lotId: input.lotId,
      awardId: input.awardId,
      sellerOrganizationId: input.sellerId,
      buyerOrganizationId: input.buyerId,
      payerOrganizationId: input.buyerId,
      payeeOrganizationId: input.sellerId,
      facilityId: input.facilityId,
      massKg: input.massKg,
      priceMinorPerTonne,
      totalMinor: BigInt(input.totalMinor),
      currency: input.currency,
      priceKind: "payable",
      incoterm: "EXW",
      commissionBp: DEMO_COMMISSION_BP,
      provisionalShareBp: DEAL_SETTINGS.provisionalShareBp.defaultValue,
      inspectionDays: DEAL_SETTINGS.inspectionDays.defaultValue,
      paymentDueAt: addDays(input.soldAt, DEAL_SETTINGS.paymentDays.defaultValue),
      createdAt: input.soldAt,
    },
  });
  const terms = {
    priceKind: "payable" as const,
    priceMinorPerTonne,
    currency: input.currency,
    contractedKg: input.massKg,
    commissionBp: DEMO_COMMISSION_BP,
    provisionalShareBp: DEAL_SETTINGS.provisionalShareBp.defaultValue,
  };
  const ctx = {
    dealId: deal.id,
    payerOrganizationId: input.buyerId,
    payeeOrganizationId: input.sellerId,
    currency: input.currency,
  };
  const postings: Posting[] = [];
  let sequence = 0;
  let status = "awaiting_payment";
  const event = async (
    name: string,
    to: string,
    at: Date,
    role: string,
    data: Record<string, string> = {},
  ) => {
    sequence += 1;
    await tx.dealEvent.create({
      data: {
        dealId: deal.id,
        sequence,
        event: name,
        fromStatus: status as never,
        toStatus: to as never,
        actorRole: role,
        data,
        occurredAt: at,
      },
    });
    status = to;
  };
  const post = async (built: BuildResult, at: Date, memo?: string) => {
    if (!built.ok) throw new Error(`demo deal ledger: ${built.message}`);
    const posted = await postLedgerTransaction(tx, {
      ...built.entry,
      memo: memo ?? built.entry.memo,
      occurredAt: at,
    });
    if (!posted.ok) throw new Error(`demo deal ledger: ${posted.message}`);
    postings.push(...built.entry.postings);
  };
  const position = () => dealPosition(postings, input.currency);
  // A disputed deal got as far as the provisional release before the buyer disputed it.
  const upTo = input.stage === "disputed" ? "provisionally_released" : input.stage;
  const reached = (stage: Stage) => ORDER.indexOf(upTo) >= ORDER.indexOf(stage);
  const reference = `PL-DL-${String(deal.number).padStart(6, "0")}`;
  const stripe = input.rail === "stripe";
  const paymentIntent = `pi_demo_${deal.id.replaceAll("-", "").slice(0, 24)}`;
  /** An outbox command the worker already sent (the demo makes no Stripe calls). */
  const sent = async (kind: "payment_setup" | "transfer", payload: Record<string, string>, at: Date) => {
    await tx.paymentCommand.create({
      data: {
        dealId: deal.id,
        kind,
        payload,
        status: "done",
        attempts: 1,
        nextAttemptAt: at,
        result: { demo: true },
        createdAt: at,
        doneAt: at,
      },
    });
  };

  await event("deal_created", "awaiting_payment", input.soldAt, "system", { source: "award" });
  if (stripe)
    await sent(
      "payment_setup",
      { method: "checkout", amountMinor: String(input.totalMinor), currency: input.currency },
      input.soldAt,
    );
  const paidAt = addDays(input.soldAt, 2);
  if (reached("funded")) {
    await post(
      paymentReceived(ctx, position(), stripe ? "stripe" : "bank", BigInt(input.totalMinor)),
      paidAt,
      stripe
        ? `Payment received through Stripe (${paymentIntent})`
        : `Payment received by bank transfer (${reference})`,
    );
    await event(
      "payment_received",
      "funded",
      paidAt,
      stripe ? "system" : "admin",
      stripe ? { rail: "stripe", reference: paymentIntent } : { rail: "manual", reference },
    );
  }
  /** On the Stripe rail what the payee is owed goes out as a transfer at once. */
  const transferOnStripe = async (at: Date) => {
    const owed = position().payeePayable;
    if (!stripe || owed <= 0n) return;
    await sent(
      "transfer",
      { amountMinor: owed.toString(), currency: input.currency, paymentIntentId: paymentIntent },
      at,
    );
    await post(payoutToPayee(ctx, position(), "stripe", owed), at, "Transfer to the payee through Stripe");
  };
  const shippedAt = addDays(input.soldAt, 4);
  if (reached("in_transit")) await event("shipment_departed", "in_transit", shippedAt, "payer");
  const receivedAt = addDays(input.soldAt, 8);
  const receivedKg = input.massKg - Math.round(input.massKg * 0.004);
  if (reached("provisionally_released")) {
    await event("receipt_recorded", "received", receivedAt, "admin", { receivedKg: String(receivedKg) });
    const release = provisionalRelease(terms, receivedKg, position().held);
    if (!release.ok) throw new Error(release.message);
    await post(
      releaseEntry(ctx, position(), release.value.release.amountMinor),
      receivedAt,
      release.value.release.formula,
    );
    await event("provisional_released", "provisionally_released", receivedAt, "system", {
      formula: release.value.release.formula,
    });
    await transferOnStripe(receivedAt);
  }
  if (input.stage === "disputed") {
    const openedAt = addDays(receivedAt, 1);
    await event("dispute_opened", "disputed", openedAt, "payer", { reason: "quality_assay" });
    await seedDemoDispute(tx, {
      deal: { ...deal, lotId: input.lotId },
      payerId: input.buyerId,
      payeeId: input.sellerId,
      openedAt,
      currency: input.currency,
    });
  }
  if (reached("settled")) {
    const finalAt = addDays(input.soldAt, 12);
    await event("final_figures_recorded", "final_assessment", finalAt, "admin", {
      finalValue: `${receivedKg} kg`,
    });
    const settledAt = addDays(finalAt, DEAL_SETTINGS.inspectionDays.defaultValue);
    const p = position();
    const s = finalSettlement(
      terms,
      { basis: "weight", finalKg: receivedKg },
      p.fundsReceived,
      p.releasedToPayee,
    );
    if (!s.ok) throw new Error(s.message);
    await post(
      settlementEntry(ctx, p, {
        balanceToPayeeMinor: s.value.balanceToPayee.amountMinor,
        commissionMinor: s.value.commission.amountMinor,
        payerBalanceMinor: s.value.payerBalance.amountMinor,
      }),
      settledAt,
    );
    await event("inspection_window_closed", "settled", settledAt, "system", {
      finalValue: s.value.finalValue.formula,
      balanceToPayee: s.value.balanceToPayee.formula,
      payerBalance: s.value.payerBalance.formula,
    });
    const paidOutAt = addDays(settledAt, 1);
    if (stripe) await transferOnStripe(paidOutAt);
    else
      await post(
        payoutToPayee(ctx, position(), "bank", position().payeePayable),
        paidOutAt,
        "Transfer to the payee (demo wire)",
      );
    if (position().refundsPayable > 0n)
      await post(
        refundToPayer(ctx, position(), stripe ? "stripe" : "bank", position().refundsPayable),
        paidOutAt,
        "Refund to the payer (demo wire)",
      );
  }
  await tx.deal.update({
    where: { id: deal.id },
    data: {
      status: status as never,
      disputedFrom: input.stage === "disputed" ? "provisionally_released" : null,
      version: sequence - 1,
      receivedAt: reached("provisionally_released") ? receivedAt : null,
      receivedKg: reached("provisionally_released") ? receivedKg : null,
      finalFiguresAt: reached("settled") ? addDays(input.soldAt, 12) : null,
      settledAt: reached("settled")
        ? addDays(input.soldAt, 12 + DEAL_SETTINGS.inspectionDays.defaultValue)
        : null,
      updatedAt: now,
    },
  });
}

/** Writes the demo deals (after lots, bids and awards) and the sold lots they need; returns the counts. */
export async function seedDeals(
  tx: DbTransaction,
  random: Random,
  now: Date,
  lots: GeneratedLot[],
  awards: Prisma.AwardCreateManyInput[],
  organizations: Map<string, SeededOrganization>,
): Promise<{ deals: number; lots: number; bids: number; awards: number }> {
  await tx.platformSetting.create({
    data: { key: DEAL_SETTINGS.commissionBp.key, value: DEMO_COMMISSION_BP },
  });
  let count = 0;
  // Every confirmed award of the demo has its deal: paid by bank transfer, so none lapses.
  for (const award of awards.filter((a) => a.status === "confirmed")) {
    const lot = lots.find((l) => l.row.id === award.lotId)!;
    await writeDeal(
      tx,
      {
        lotId: award.lotId,
        awardId: award.id!,
        sellerId: lot.row.organizationId,
        buyerId: award.organizationId,
        facilityId: award.facilityId ?? null,
        massKg: lot.row.massKg,
        totalMinor: Number(award.amountMinor),
        currency: award.currency,
        soldAt: new Date(award.confirmedAt ?? now),
        stage: "funded",
      },
      now,
    );
    count += 1;
  }
  for (const sale of SOLD) {
    const seller = organizations.get(sale.seller)!;
    const buyer = organizations.get(sale.buyer)!;
    const template =
      lots.find((l) => l.sellerKey === sale.seller && l.row.form === "pack") ??
      lots.find((l) => l.sellerKey === sale.seller)!;
    const soldAt = addDays(now, -sale.daysAgo);
    const publishedAt = addDays(soldAt, -3);
    const lotId = uuidv7(random, publishedAt);
    const bidId = uuidv7(random, soldAt);
    const awardId = uuidv7(random, soldAt);
    const row = template.row;
    const price = Math.max(
      100_000,
      Math.round(
        (row.askingPriceMinor ?? row.startingPriceMinor ?? row.currentPriceMinor ?? 1_000_000) / 100,
      ) * 100,
    );
    await tx.lot.create({
      data: {
        ...row,
        id: lotId,
        number: undefined,
        title: `${row.title} (sold)`,
        saleMode: "fixed",
        status: "awarded",
        startingPriceMinor: null,
        reservePriceMinor: null,
        askingPriceMinor: price,
        currentPriceMinor: price,
        leadingMaxMinor: null,
        leadingBidId: null,
        bidCount: 1,
        closesAt: null,
        originalClosesAt: null,
        closedAt: soldAt,
        endingSoonNotifiedAt: null,
        extensionCount: 0,
        round: 1,
        version: 2,
        publishedAt,
        createdAt: addDays(publishedAt, -1),
        updatedAt: soldAt,
      },
    });
    await tx.bid.create({
      data: {
        id: bidId,
        lotId,
        organizationId: buyer.id,
        placedById: buyer.ownerUserId,
        amountMinor: price,
        currency: row.currency,
        status: "won",
        sequence: 1,
        priceAfterMinor: price,
        leadingAfterId: bidId,
        incoterm: "EXW",
        createdAt: addDays(soldAt, -0.5),
      },
    });
    await tx.lot.update({ where: { id: lotId }, data: { leadingBidId: bidId, updatedAt: soldAt } });
    await tx.award.create({
      data: {
        id: awardId,
        lotId,
        bidId,
        organizationId: buyer.id,
        amountMinor: price,
        currency: row.currency,
        commissionMinor: Math.round((price * DEMO_COMMISSION_BP) / 10_000),
        status: "confirmed",
        reason: "purchase request accepted at the asking price",
        confirmedAt: soldAt,
        createdAt: soldAt,
      },
    });
    await writeDeal(
      tx,
      {
        lotId,
        awardId,
        sellerId: seller.id,
        buyerId: buyer.id,
        facilityId: sale.toFacility
          ? ((
              await tx.facility.findFirst({
                where: { organizationId: buyer.id },
                orderBy: { id: "asc" },
                select: { id: true },
              })
            )?.id ?? null)
          : null,
        massKg: row.massKg,
        totalMinor: price,
        currency: row.currency,
        soldAt,
        stage: sale.stage,
        rail: sale.rail,
      },
      now,
    );
    count += 1;
  }
  return { deals: count, lots: SOLD.length, bids: SOLD.length, awards: SOLD.length };
}
