// Making a deal (issue 11 item 1, ADR 019): a confirmed award (auction, sealed tender, fixed price)
// and an accepted capacity booking each make exactly one deal, inside the transaction that
// confirms or accepts, so the deal exists exactly when the award or booking committed. The unique
// awardId/bookingId makes a second call return the same deal instead of making another. The
// commission, provisional share, inspection window and payment deadline are copied from the
// platform settings, so a later change never alters a running deal (ADR 017).

import { paymentReference } from "~/domain/deals/deal-reference.ts";
import { dealParties, roundHalfUp } from "~/domain/deals/settlement.ts";
import { noticeMoment } from "~/domain/notice-moments.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES, titleMoney } from "~/domain/notification-titles.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { createShipmentForDeal } from "../shipments/shipment-create.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import { endBookingDeals } from "./deal-source-ended.server.ts";
import { readDealSettings } from "./platform-settings.server.ts";
import { enqueuePaymentSetup } from "./stripe-payments.server.ts";

const DAY_MS = 86_400_000;

interface NewDeal {
  lotId: string;
  awardId?: string;
  bookingId?: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  facilityId: string | null;
  massKg: number;
  priceMinorPerTonne: bigint;
  totalMinor: bigint;
  currency: string;
  priceKind: "payable" | "gate_fee";
  incoterm: "EXW" | "DAP";
}

async function makeDeal(tx: DbTransaction, input: NewDeal, now: Date): Promise<Deal> {
  const settings = await readDealSettings(tx);
  const parties = dealParties({
    priceKind: input.priceKind,
    sellerOrganizationId: input.sellerOrganizationId,
    counterpartyOrganizationId: input.buyerOrganizationId,
  });
  const deal = await tx.deal.create({
    data: {
      ...input,
      ...parties,
      commissionBp: settings.commissionBp,
      provisionalShareBp: settings.provisionalShareBp,
      inspectionDays: settings.inspectionDays,
      paymentDueAt: new Date(now.getTime() + settings.paymentDays * DAY_MS),
      createdAt: now,
    },
  });
  await tx.dealEvent.create({
    data: {
      dealId: deal.id,
      sequence: 1,
      event: "deal_created",
      fromStatus: "awaiting_payment",
      toStatus: "awaiting_payment",
      actorRole: "system",
      data: { source: input.awardId ? "award" : "booking" },
      occurredAt: now,
    },
  });
  await appendCustodyEvent(tx, {
    lotId: deal.lotId,
    kind: "deal_created",
    data: {
      dealId: deal.id,
      source: input.awardId ? "award" : "booking",
      payerOrganizationId: deal.payerOrganizationId,
      payeeOrganizationId: deal.payeeOrganizationId,
      massKg: deal.massKg,
      totalMinor: deal.totalMinor.toString(),
      currency: deal.currency,
      incoterm: deal.incoterm,
    },
    organizationId: deal.sellerOrganizationId,
    at: now,
  });
  await notifyCreated(tx, deal);
  // The Stripe rail's payment set-up goes out through the outbox: the award commits even when
  // Stripe is down, and the deal shows "payment set-up pending" until it has gone (ADR 020).
  await enqueuePaymentSetup(tx, deal);
  // Its shipment, planned now (issue 12, ADR 022). A deal whose lot has nowhere to go by surface
  // (no destination, no route) still stands; its shipment can be made later.
  await createShipmentForDeal(tx, deal.id, now);
  return deal;
}

async function notifyCreated(tx: DbTransaction, deal: Deal) {
  const names = await dealTitleFacts(tx, deal);
  const amount = titleMoney(deal.totalMinor, deal.currency);
  // Written in each recipient's zone, named (ADR 040).
  const due = noticeMoment(deal.paymentDueAt);
  const link = `/deals/${deal.id}`;
  await notifyOrganization(tx, deal.payerOrganizationId, {
    kind: "deal_created",
    title: NOTIFICATION_TITLES.deal_created.payer({ ...names, amount, due }),
    body: noticeText("dealCreatedPayer", { reference: paymentReference(deal.number) }),
    link,
    lotId: deal.lotId,
  });
  await notifyOrganization(tx, deal.payeeOrganizationId, {
    kind: "deal_created",
    title: NOTIFICATION_TITLES.deal_created.payee({ ...names, amount }),
    body: noticeText("dealCreatedPayee", { due }),
    link,
    lotId: deal.lotId,
  });
}

/**
 * The deal of a confirmed award (call inside the confirming transaction). A lot's bids are prices
 * for the whole lot, so the total is the award's amount and the price per tonne is derived from it.
 * A lot's sale is always a payable: the buyer pays the seller. Returns the existing deal when the
 * award already has one.
 */
export async function createDealForAward(tx: DbTransaction, awardId: string, now = new Date()) {
  const existing = await tx.deal.findUnique({ where: { awardId } });
  if (existing) return existing;
  const award = await tx.award.findUniqueOrThrow({
    where: { id: awardId },
    include: {
      lot: { select: { id: true, organizationId: true, massKg: true } },
      bid: { select: { incoterm: true } },
    },
  });
  // One reservation per lot (ADR 012): a booking of this lot not yet paid for ends with the sale,
  // taken over by this award (its facility's booking) or sold elsewhere.
  const takenOver = await tx.capacityBooking.findFirst({
    where: { awardId: award.id },
    select: { id: true },
  });
  await endBookingDeals(
    tx,
    { lotId: award.lotId },
    takenOver ? "taken_over_by_award" : "sold_elsewhere",
    now,
  );
  return makeDeal(
    tx,
    {
      lotId: award.lotId,
      awardId: award.id,
      sellerOrganizationId: award.lot.organizationId,
      buyerOrganizationId: award.organizationId,
      facilityId: award.facilityId,
      massKg: award.lot.massKg,
      priceMinorPerTonne: roundHalfUp(award.amountMinor * 1000n, BigInt(award.lot.massKg)),
      totalMinor: award.amountMinor,
      currency: award.currency,
      priceKind: "payable",
      incoterm: award.bid?.incoterm ?? "EXW",
    },
    now,
  );
}

/**
 * The deal of an accepted capacity booking (call inside the accepting transaction): the seller and
 * the recycler whose window was booked, at the window's price per tonne, delivered to the facility
 * (DAP). A payable: the recycler pays the seller; a gate fee: the seller pays the recycler.
 */
export async function createDealForBooking(tx: DbTransaction, bookingId: string, now = new Date()) {
  const existing = await tx.deal.findUnique({ where: { bookingId } });
  if (existing) return existing;
  const booking = await tx.capacityBooking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { capacityWindow: { select: { facility: { select: { id: true, organizationId: true } } } } },
  });
  const facility = booking.capacityWindow.facility;
  return makeDeal(
    tx,
    {
      lotId: booking.lotId,
      bookingId: booking.id,
      sellerOrganizationId: booking.organizationId,
      buyerOrganizationId: facility.organizationId,
      facilityId: facility.id,
      massKg: booking.massKg,
      priceMinorPerTonne: booking.priceMinorPerTonne,
      totalMinor: roundHalfUp(booking.priceMinorPerTonne * BigInt(booking.massKg), 1000n),
      currency: booking.currency,
      priceKind: booking.priceKind,
      incoterm: "DAP",
    },
    now,
  );
}
