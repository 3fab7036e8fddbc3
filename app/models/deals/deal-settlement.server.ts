// The release and settlement money steps (issue 11 item 2, ADR 017/019), for the shipments code and
// the timers: on receipt the provisional share of the value at the received weight becomes the
// payee's; the final figures (final weight, or the assay for black mass) open the last inspection
// window; when it closes without a dispute the deal settles — the balance to the payee, or back to
// the payer when the final value is lower than what was paid. Figures from settlement.ts, postings
// from ledger-builders.ts; each step's ledger key is fixed per deal, so a repeated call posts once.

import { inspectionClosesAt } from "~/domain/deals/deal-state.ts";
import {
  provisionalRelease as releaseEntry,
  finalSettlement as settlementEntry,
} from "~/domain/deals/ledger-builders.ts";
import {
  type FinalBasis,
  figureWords,
  provisionalRelease as releaseFigures,
  finalSettlement as settlementFigures,
  settlementWords,
} from "~/domain/deals/settlement.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { storableNotice } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Deal, Prisma } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import {
  DEAL_TRANSACTION_OPTIONS,
  DealRefused,
  dealTerms,
  ledgerContext,
  orRefuse,
  positionOf,
  postBuilt,
} from "./deal-money.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import { type DealActor, dealClock, lockDeal, transitionDeal } from "./deal-transitions.server.ts";
import { enqueueStripePayouts } from "./stripe-payments.server.ts";

type Outcome = { ok: true; deal: Deal } | Failure;

async function inDeal(dealId: string, work: (deal: Deal, tx: DbTransaction) => Promise<Outcome>) {
  if (!isUuid(dealId)) return fail("NOT_FOUND", "There is no such deal.");
  try {
    return await db().$transaction(async (tx) => {
      const deal = await lockDeal(tx, dealId);
      if (!deal) return fail("NOT_FOUND", "There is no such deal.");
      return work(deal, tx);
    }, DEAL_TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof DealRefused) return error.failure;
    throw error;
  }
}

const SYSTEM: DealActor = { role: "system" };

/**
 * On receipt: records the receipt if the deal is in transit (by `actor`, the receiving facility by
 * default), then releases the provisional share of the value at `receivedKg` to the payee.
 */
export async function releaseProvisional(
  dealId: string,
  receivedKg: number,
  at = new Date(),
  actor: DealActor = { role: "receiving_facility" },
): Promise<Outcome> {
  if (!Number.isSafeInteger(receivedKg) || receivedKg < 0)
    return fail("VALIDATION", "The received weight must be whole kilograms.", { field: "receivedKg" });
  return inDeal(dealId, async (deal, tx) => {
    let current = deal;
    if (current.status === "in_transit") {
      current = orRefuse(
        await transitionDeal(tx, {
          dealId,
          event: "receipt_recorded",
          actor,
          at,
          data: { receivedKg },
          set: { receivedKg },
        }),
      ).deal;
    }
    return releaseReceived(tx, current, receivedKg, at);
  });
}

/**
 * The provisional release of a received deal inside the caller's transaction, with its row locked:
 * the share of the value at the received weight moves to the payee (ledger, Stripe transfer via the
 * outbox, payee told). Used by the deal page's receipt step and by the `received` milestone, so
 * receipt releases money the same way on both paths. A refusal throws DealRefused.
 */
export async function releaseReceived(
  tx: DbTransaction,
  current: Deal,
  receivedKg: number,
  at: Date,
): Promise<{ ok: true; deal: Deal }> {
  const dealId = current.id;
  if (current.status !== "received")
    throw new DealRefused(
      fail(
        "ILLEGAL_TRANSITION",
        `A deal that is ${current.status.replaceAll("_", " ")} has nothing to release.`,
      ),
    );
  const position = await positionOf(tx, current);
  const figures = releaseFigures(dealTerms(current), current.receivedKg ?? receivedKg, position.held);
  if (!figures.ok) throw new DealRefused(fail("VALIDATION", figures.message, { field: figures.field }));
  const amount = figures.value.release.amountMinor;
  if (amount > 0n) {
    orRefuse(
      await postBuilt(tx, releaseEntry(ledgerContext(current), position, amount), {
        key: `deal:${dealId}:provisional_release`,
        occurredAt: at,
        memo: figures.value.release.formula,
      }),
    );
  }
  const moved = orRefuse(
    await transitionDeal(tx, {
      dealId,
      event: "provisional_released",
      actor: SYSTEM,
      at,
      data: {
        amountMinor: amount.toString(),
        formula: figures.value.release.formula,
        // The same formula for the deal page to word in its reader's language (issue 14).
        words: { formula: storableNotice(figures.value.release.words) },
      },
    }),
  );
  // On the Stripe rail the released share goes out as a transfer through the outbox (ADR 020).
  await enqueueStripePayouts(tx, dealId);
  await notifyOrganization(tx, current.payeeOrganizationId, {
    kind: "deal_released",
    title: NOTIFICATION_TITLES.deal_released.payee(await dealTitleFacts(tx, current)),
    body: figures.value.release.words,
    link: `/deals/${dealId}`,
    lotId: current.lotId,
  });
  return { ok: true, deal: moved.deal };
}

function basisJson(basis: FinalBasis): Prisma.InputJsonObject {
  if (basis.basis === "weight") return { basis: "weight", finalKg: basis.finalKg };
  return {
    basis: "assay",
    assay: {
      wetKg: basis.assay.wetKg,
      moisturePpm: basis.assay.moisturePpm,
      metals: basis.assay.metals.map((m) => ({ ...m, priceMinorPerTonne: m.priceMinorPerTonne.toString() })),
    },
  };
}

function basisFromJson(value: unknown): FinalBasis | null {
  const data = value as { figures?: Record<string, unknown> } | null;
  const f = data?.figures as
    | { basis: "weight"; finalKg: number }
    | { basis: "assay"; assay: { wetKg: number; moisturePpm: number; metals: Record<string, unknown>[] } }
    | undefined;
  if (!f) return null;
  if (f.basis === "weight") return { basis: "weight", finalKg: f.finalKg };
  return {
    basis: "assay",
    assay: {
      wetKg: f.assay.wetKg,
      moisturePpm: f.assay.moisturePpm,
      metals: f.assay.metals.map((m) => ({
        metal: m.metal as "Ni",
        gradePpm: m.gradePpm as number,
        payableBp: m.payableBp as number,
        priceMinorPerTonne: BigInt(m.priceMinorPerTonne as string),
      })),
    },
  };
}

/** The final figures are known: the deal enters its final assessment; the window runs from now. */
export async function recordFinalFigures(
  dealId: string,
  figures: FinalBasis,
  at = new Date(),
  actor: DealActor = { role: "receiving_facility" },
): Promise<Outcome> {
  return inDeal(dealId, async (deal, tx) => {
    const check = settlementFigures(dealTerms(deal), figures, 0n, 0n);
    if (!check.ok) return fail("VALIDATION", check.message, { field: check.field });
    const moved = await transitionDeal(tx, {
      dealId,
      event: "final_figures_recorded",
      actor,
      at,
      data: {
        figures: basisJson(figures),
        finalValue: check.value.finalValue.formula,
        words: { finalValue: storableNotice(check.value.finalValue.words) },
      },
    });
    return moved.ok ? { ok: true, deal: moved.deal } : moved;
  });
}

/** The figures recorded with the deal's last final_figures_recorded event. */
export async function recordedFigures(tx: DbTransaction, dealId: string) {
  const event = await tx.dealEvent.findFirst({
    where: { dealId, event: "final_figures_recorded" },
    orderBy: { sequence: "desc" },
  });
  return event ? basisFromJson(event.data) : null;
}

/**
 * Settles a deal in its final assessment once the inspection window has closed: the final value,
 * its commission, the payee's balance and the payer's balance (a refund when the final value is
 * lower than what was paid) shared out of what is held. `figures` defaults to the recorded ones.
 */
export async function settleDeal(
  dealId: string,
  figures: FinalBasis | null = null,
  at = new Date(),
): Promise<Outcome> {
  return inDeal(dealId, async (deal, tx) => {
    if (deal.status !== "final_assessment")
      return fail(
        "ILLEGAL_TRANSITION",
        `A deal that is ${deal.status.replaceAll("_", " ")} cannot be settled.`,
      );
    const basis = figures ?? (await recordedFigures(tx, dealId));
    if (!basis) return fail("VALIDATION", "No final figures were recorded.", { field: "figures" });
    const position = await positionOf(tx, deal);
    const computed = settlementFigures(
      dealTerms(deal),
      basis,
      position.fundsReceived,
      position.releasedToPayee,
    );
    if (!computed.ok) return fail("VALIDATION", computed.message, { field: computed.field });
    const s = computed.value;
    const moved = orRefuse(
      await transitionDeal(tx, {
        dealId,
        event: "inspection_window_closed",
        actor: SYSTEM,
        at,
        data: {
          finalValue: s.finalValue.formula,
          commission: s.commission.formula,
          balanceToPayee: s.balanceToPayee.formula,
          payerBalance: s.payerBalance.formula,
          words: figureWords(s),
        },
      }),
    );
    orRefuse(
      await postBuilt(
        tx,
        settlementEntry(ledgerContext(deal), position, {
          balanceToPayeeMinor: s.balanceToPayee.amountMinor,
          commissionMinor: s.commission.amountMinor,
          payerBalanceMinor: s.payerBalance.amountMinor,
        }),
        { key: `deal:${dealId}:final_settlement`, occurredAt: at },
      ),
    );
    await enqueueStripePayouts(tx, dealId);
    for (const organizationId of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, organizationId, {
        kind: "deal_settled",
        title: NOTIFICATION_TITLES.deal_settled.party(await dealTitleFacts(tx, deal)),
        body: settlementWords(s),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, deal: moved.deal };
  });
}

/** The timer: every deal whose inspection window closed without a dispute settles. */
export async function settleDueDeals(now = new Date(), limit = 50): Promise<string[]> {
  const candidates = await db().deal.findMany({
    where: { status: "final_assessment" },
    orderBy: { finalFiguresAt: "asc" },
    take: limit * 4,
  });
  const settled: string[] = [];
  for (const deal of candidates) {
    if (settled.length >= limit) break;
    const closes = inspectionClosesAt(dealClock(deal));
    if (closes === null || closes > now.getTime()) continue;
    const result = await settleDeal(deal.id, null, now);
    if (result.ok) settled.push(deal.id);
  }
  return settled;
}
