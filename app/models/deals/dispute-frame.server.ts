// The shared frame of the dispute steps (ADR 026, ADR 030): who is which side, the transaction
// every step runs in (a refusal rolls it all back), the locked deal and dispute of a step, and the
// execution of an agreed or decided outcome through the ledger, the state machine and the Stripe
// outbox. Steps: disputes.server.ts (open, propose, accept, withdraw, decide) and
// dispute-umpire.server.ts (the umpire's result).
import { isTerminal } from "~/domain/deals/deal-state.ts";
import { type DisputeProposal, disputeOutcome, LIVE_DISPUTE_STATUSES } from "~/domain/deals/disputes.ts";
import { finalSettlement as settlementEntry } from "~/domain/deals/ledger-builders.ts";
import {
  figureWords,
  finalSettlement as settlementFigures,
  valueAtWeight,
} from "~/domain/deals/settlement.ts";
import { type AssayExchange, type UmpireResults, umpireAssayOutcome } from "~/domain/deals/umpire-assay.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Deal, Dispute, DisputeProposal as ProposalRow } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import {
  DEAL_TRANSACTION_OPTIONS,
  DealRefused,
  dealTerms,
  ledgerContext,
  orRefuse,
  positionOf,
  postBuilt,
} from "./deal-money.server.ts";
import { recordedFigures } from "./deal-settlement.server.ts";
import { type DealActor, lockDeal, transitionDeal } from "./deal-transitions.server.ts";
import { enqueueStripePayouts } from "./stripe-payments.server.ts";

/** An umpire assay's outcome: the agreed assay of the exchange (and the umpire's results) is the final value. */
export interface UmpireOutcome {
  kind: "umpire_assay";
  exchange: AssayExchange;
  umpire: UmpireResults | null;
}

export interface DisputePerson {
  organizationId: string | null;
  userId: string | null;
  isPlatformAdmin: boolean;
}

export const NO_DEAL = () => fail("NOT_FOUND", "There is no such deal.");
export const NO_DISPUTE = () => fail("NOT_FOUND", "There is no such dispute.");

/** Which side of the deal a person's organisation is on ("payer"/"payee"), or null. */
export function sideOf(deal: Deal, organizationId: string | null): "payer" | "payee" | null {
  if (!organizationId) return null;
  if (organizationId === deal.payerOrganizationId) return "payer";
  if (organizationId === deal.payeeOrganizationId) return "payee";
  return null;
}

export async function seesDeal(tx: DbTransaction, deal: Deal, person: DisputePerson): Promise<boolean> {
  if (person.isPlatformAdmin) return true;
  const org = person.organizationId;
  if (!org) return false;
  if (
    [
      deal.payerOrganizationId,
      deal.payeeOrganizationId,
      deal.sellerOrganizationId,
      deal.buyerOrganizationId,
    ].includes(org)
  )
    return true;
  if (!deal.facilityId) return false;
  const facility = await tx.facility.findUnique({
    where: { id: deal.facilityId },
    select: { organizationId: true },
  });
  return facility?.organizationId === org;
}

export function otherSide(deal: Deal, organizationId: string) {
  return organizationId === deal.payerOrganizationId ? deal.payeeOrganizationId : deal.payerOrganizationId;
}

export type Result<T> = { ok: true } & T;

export async function inTransaction<T>(work: (tx: DbTransaction) => Promise<Result<T> | Failure>) {
  try {
    // Any refusal rolls the whole step back: a refused step writes nothing.
    return await db().$transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new DealRefused(result);
      return result;
    }, DEAL_TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof DealRefused) return error.failure;
    // The partial unique index: another live dispute was opened meanwhile.
    if ((error as { code?: string }).code === "P2002")
      return fail("ILLEGAL_TRANSITION", "The deal is already in dispute.");
    throw error;
  }
}

/** Reads the dispute and its deal (locked) for a step; NOT_FOUND for anyone who does not see the deal. */
export async function disputeFor(
  tx: DbTransaction,
  dealId: string,
  disputeId: string,
  person: DisputePerson,
) {
  if (!isUuid(dealId) || !isUuid(disputeId)) return NO_DISPUTE();
  const deal = await lockDeal(tx, dealId);
  if (!deal || !(await seesDeal(tx, deal, person))) return NO_DISPUTE();
  const dispute = await tx.dispute.findFirst({ where: { id: disputeId, dealId } });
  if (!dispute) return NO_DISPUTE();
  return { ok: true as const, deal, dispute };
}

export const isLive = (dispute: Dispute) => LIVE_DISPUTE_STATUSES.includes(dispute.status);
export const NOT_LIVE = () => fail("DISPUTE_CLOSED", "The dispute has ended.");

/**
 * The admin-only steps (a decision, the umpire's result): a party learns the step is not theirs
 * (FORBIDDEN, with `reason`), anyone else that there is no such dispute. Null for a platform admin.
 */
export async function refuseUnlessAdmin(
  dealId: string,
  person: DisputePerson,
  reason: string,
): Promise<Failure | null> {
  if (person.isPlatformAdmin) return null;
  const found = isUuid(dealId) ? await db().deal.findUnique({ where: { id: dealId } }) : null;
  if (found && sideOf(found, person.organizationId)) return fail("FORBIDDEN", reason);
  return NO_DISPUTE();
}

/** The locked deal and its dispute, refused unless the dispute is live and the deal not ended. */
export async function liveDisputeFor(
  tx: DbTransaction,
  dealId: string,
  disputeId: string,
  person: DisputePerson,
) {
  const found = await disputeFor(tx, dealId, disputeId, person);
  if (!found.ok) return found;
  if (!isLive(found.dispute) || isTerminal(found.deal.status as never)) return NOT_LIVE();
  return found;
}

export function proposalOf(row: { kind: ProposalRow["kind"]; amountMinor: bigint | null }): DisputeProposal {
  if (row.kind === "price_adjustment" || row.kind === "partial_refund")
    return { kind: row.kind, amountMinor: row.amountMinor ?? 0n };
  return { kind: row.kind };
}

/**
 * Carries out an agreed or decided outcome on the locked, disputed deal: the final value it sets
 * (from the recorded final figures, else the deal's total), the final-settlement posting, the
 * dispute_resolved move and the Stripe outbox commands.
 */
export async function executeOutcome(
  tx: DbTransaction,
  deal: Deal,
  proposal: DisputeProposal | UmpireOutcome,
  actor: DealActor,
  at: Date,
  data: Record<string, string>,
) {
  const terms = dealTerms(deal);
  const basis = await recordedFigures(tx, deal.id);
  // The value in dispute: the final figures if recorded, else the value at the received weight,
  // else the deal's total.
  let baseValue =
    deal.receivedKg == null
      ? deal.totalMinor
      : valueAtWeight(deal.priceMinorPerTonne, deal.receivedKg, deal.currency, "valueAtReceived").amountMinor;
  if (basis) {
    const recorded = settlementFigures(terms, basis, 0n, 0n);
    if (recorded.ok) baseValue = recorded.value.finalValue.amountMinor;
  }
  const position = await positionOf(tx, deal);
  const outcome =
    "exchange" in proposal
      ? umpireAssayOutcome(
          terms,
          proposal.exchange,
          proposal.umpire,
          position.fundsReceived,
          position.releasedToPayee,
        )
      : disputeOutcome(terms, proposal, baseValue, position.fundsReceived, position.releasedToPayee);
  if (!outcome.ok)
    return outcome.code === "UMPIRE_NEEDED"
      ? fail("UMPIRE_NEEDED", outcome.message, { details: { needs: outcome.needs } })
      : outcome;
  const o = outcome.value;
  const built = settlementEntry(ledgerContext(deal), position, {
    balanceToPayeeMinor: o.balanceToPayee.amountMinor,
    commissionMinor: o.commission.amountMinor,
    payerBalanceMinor: o.payerBalance.amountMinor,
  });
  if (!(built.ok === false && built.code === "NOTHING_TO_POST")) {
    orRefuse(
      await postBuilt(tx, built, {
        key: `deal:${deal.id}:final_settlement`,
        occurredAt: at,
        memo: `Dispute outcome: ${o.finalValue.formula}`,
      }),
    );
  }
  const moved = orRefuse(
    await transitionDeal(tx, {
      dealId: deal.id,
      event: { type: "dispute_resolved", outcome: o.resolution },
      actor,
      at,
      data: {
        ...data,
        finalValue: o.finalValue.formula,
        commission: o.commission.formula,
        balanceToPayee: o.balanceToPayee.formula,
        payerBalance: o.payerBalance.formula,
        words: figureWords(o),
      },
    }),
  );
  await enqueueStripePayouts(tx, deal.id);
  return { ok: true as const, deal: moved.deal, figures: o };
}

export function outcomeJson(
  p: DisputeProposal | UmpireOutcome,
  by: "parties" | "admin" | "umpire",
  resolution: string,
  note = "",
  finalValueMinor?: bigint,
) {
  return {
    kind: p.kind,
    ...("amountMinor" in p ? { amountMinor: p.amountMinor.toString() } : {}),
    ...(finalValueMinor !== undefined ? { finalValueMinor: finalValueMinor.toString() } : {}),
    by,
    resolution,
    ...(note ? { note } : {}),
  };
}
