// Disputes about a deal (issue 11 item 6, ADR 026; rules in app/domain/deals/disputes.ts, facts in
// docs/domain/disputes.md). Opening one moves the deal to `disputed` in the same transaction, which
// freezes its money: the settle sweep only settles deals in final_assessment. The parties exchange
// proposals; the other party's acceptance, or a platform admin's decision after escalation, is
// executed at once: the deal settles on the adjusted final value through the ledger (the same
// final-settlement posting as an undisputed deal) and, on the Stripe rail, the outbox moves the
// money (enqueueStripePayouts). Non-parties get NOT_FOUND, as for the deal itself.
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { type DealActorRole, isTerminal } from "~/domain/deals/deal-state.ts";
import {
  checkProposal,
  DISPUTE_REASON_LABELS,
  DISPUTE_REASONS,
  type DisputeProposal,
  type DisputeReason,
  disputeOutcome,
  escalationDueAt,
  LIVE_DISPUTE_STATUSES,
  mayOpenDispute,
  PROPOSAL_KIND_LABELS,
} from "~/domain/deals/disputes.ts";
import { finalSettlement as settlementEntry } from "~/domain/deals/ledger-builders.ts";
import { finalSettlement as settlementFigures, valueAtWeight } from "~/domain/deals/settlement.ts";
import { type Failure, fail, invalid } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Deal, Dispute, DisputeProposal as ProposalRow } from "~/generated.server/prisma/client.ts";
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
import { recordedFigures } from "./deal-settlement.server.ts";
import { type DealActor, dealClock, lockDeal, transitionDeal } from "./deal-transitions.server.ts";
import { readDealSettings } from "./platform-settings.server.ts";
import { enqueueStripePayouts } from "./stripe-payments.server.ts";

export interface DisputePerson {
  organizationId: string | null;
  userId: string | null;
  isPlatformAdmin: boolean;
}

const NO_DEAL = () => fail("NOT_FOUND", "There is no such deal.");
const NO_DISPUTE = () => fail("NOT_FOUND", "There is no such dispute.");

/** Which side of the deal a person's organisation is on ("payer"/"payee"), or null. */
function sideOf(deal: Deal, organizationId: string | null): "payer" | "payee" | null {
  if (!organizationId) return null;
  if (organizationId === deal.payerOrganizationId) return "payer";
  if (organizationId === deal.payeeOrganizationId) return "payee";
  return null;
}

async function seesDeal(tx: DbTransaction, deal: Deal, person: DisputePerson): Promise<boolean> {
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

function otherSide(deal: Deal, organizationId: string) {
  return organizationId === deal.payerOrganizationId ? deal.payeeOrganizationId : deal.payerOrganizationId;
}

type Result<T> = { ok: true } & T;

async function inTransaction<T>(work: (tx: DbTransaction) => Promise<Result<T> | Failure>) {
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

export interface OpenDisputeInput {
  reason: string;
  description: string;
}

/** A party opens a dispute: the deal becomes `disputed` (its money frozen) in the same transaction. */
export async function openDispute(
  dealId: string,
  person: DisputePerson,
  input: OpenDisputeInput,
  at = new Date(),
): Promise<Result<{ dispute: Dispute }> | Failure> {
  if (!isUuid(dealId)) return NO_DEAL();
  const errors: Record<string, string> = {};
  if (!DISPUTE_REASONS.includes(input.reason as DisputeReason)) errors.reason = "Choose a reason.";
  const description = input.description?.trim() ?? "";
  if (description.length === 0) errors.description = "Say what is wrong.";
  else if (description.length > 4000) errors.description = "Keep it under 4,000 characters.";
  return inTransaction(async (tx) => {
    const deal = await lockDeal(tx, dealId);
    if (!deal || !(await seesDeal(tx, deal, person))) return NO_DEAL();
    const side = sideOf(deal, person.organizationId);
    if (!side) return fail("FORBIDDEN", "Only the payer or the payee can dispute a deal.");
    if (Object.keys(errors).length > 0) return invalid(errors);
    const reason = input.reason as DisputeReason;
    const may = mayOpenDispute(dealClock(deal), reason, at.getTime());
    if (!may.ok) return may;
    const settings = await readDealSettings(tx);
    const dispute = await tx.dispute.create({
      data: {
        dealId,
        openedByOrganizationId: person.organizationId as string,
        openedByUserId: person.userId,
        reason,
        description,
        escalateAt: new Date(escalationDueAt(at.getTime(), settings.disputeEscalationDays)),
        createdAt: at,
      },
    });
    orRefuse(
      await transitionDeal(tx, {
        dealId,
        event: "dispute_opened",
        actor: { role: side, userId: person.userId, organizationId: person.organizationId },
        at,
        data: { disputeId: dispute.id, reason },
      }),
    );
    await notifyOrganization(tx, otherSide(deal, person.organizationId as string), {
      kind: "dispute_opened",
      title: `Deal ${dealLabel(deal.number)} is disputed: ${DISPUTE_REASON_LABELS[reason]}`,
      body: `${description}\nThe deal's money is frozen until the dispute ends.`,
      link: `/deals/${dealId}`,
      lotId: deal.lotId,
    });
    return { ok: true, dispute };
  });
}

/** Reads the dispute and its deal (locked) for a step; NOT_FOUND for anyone who does not see the deal. */
async function disputeFor(tx: DbTransaction, dealId: string, disputeId: string, person: DisputePerson) {
  if (!isUuid(dealId) || !isUuid(disputeId)) return NO_DISPUTE();
  const deal = await lockDeal(tx, dealId);
  if (!deal || !(await seesDeal(tx, deal, person))) return NO_DISPUTE();
  const dispute = await tx.dispute.findFirst({ where: { id: disputeId, dealId } });
  if (!dispute) return NO_DISPUTE();
  return { ok: true as const, deal, dispute };
}

const isLive = (dispute: Dispute) => LIVE_DISPUTE_STATUSES.includes(dispute.status);
const NOT_LIVE = () => fail("DISPUTE_CLOSED", "The dispute has ended.");

export interface ProposalInput {
  kind: string;
  amountMinor?: bigint | null;
  note?: string;
}

/** A party proposes an outcome; earlier open proposals are superseded. */
export async function proposeOutcome(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  input: ProposalInput,
  at = new Date(),
): Promise<Result<{ proposal: ProposalRow }> | Failure> {
  return inTransaction(async (tx) => {
    const found = await disputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal, dispute } = found;
    if (!sideOf(deal, person.organizationId))
      return fail("FORBIDDEN", "Only the payer or the payee can propose an outcome.");
    if (!isLive(dispute)) return NOT_LIVE();
    const checked = checkProposal(input);
    if (!checked.ok) return checked;
    const note = (input.note ?? "").trim().slice(0, 2000);
    await tx.disputeProposal.updateMany({
      where: { disputeId, status: "proposed" },
      data: { status: "superseded", answeredAt: at },
    });
    const proposal = await tx.disputeProposal.create({
      data: {
        disputeId,
        byOrganizationId: person.organizationId as string,
        byUserId: person.userId,
        kind: checked.value.kind,
        amountMinor: "amountMinor" in checked.value ? checked.value.amountMinor : null,
        note,
        createdAt: at,
      },
    });
    await notifyOrganization(tx, otherSide(deal, person.organizationId as string), {
      kind: "dispute_proposal",
      title: `Deal ${dealLabel(deal.number)}: a proposal to settle the dispute`,
      body: `${PROPOSAL_KIND_LABELS[checked.value.kind]}${note ? `\n${note}` : ""}`,
      link: `/deals/${dealId}`,
      lotId: deal.lotId,
    });
    return { ok: true, proposal };
  });
}

function proposalOf(row: { kind: ProposalRow["kind"]; amountMinor: bigint | null }): DisputeProposal {
  if (row.kind === "price_adjustment" || row.kind === "partial_refund")
    return { kind: row.kind, amountMinor: row.amountMinor ?? 0n };
  return { kind: row.kind };
}

/**
 * Carries out an agreed or decided outcome on the locked, disputed deal: the final value it sets
 * (from the recorded final figures, else the deal's total), the final-settlement posting, the
 * dispute_resolved move and the Stripe outbox commands.
 */
async function executeOutcome(
  tx: DbTransaction,
  deal: Deal,
  proposal: DisputeProposal,
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
      : valueAtWeight(deal.priceMinorPerTonne, deal.receivedKg, deal.currency, "Received").amountMinor;
  if (basis) {
    const recorded = settlementFigures(terms, basis, 0n, 0n);
    if (recorded.ok) baseValue = recorded.value.finalValue.amountMinor;
  }
  const position = await positionOf(tx, deal);
  const outcome = disputeOutcome(
    terms,
    proposal,
    baseValue,
    position.fundsReceived,
    position.releasedToPayee,
  );
  if (!outcome.ok) return outcome;
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
      },
    }),
  );
  await enqueueStripePayouts(tx, deal.id);
  return { ok: true as const, deal: moved.deal, figures: o };
}

function outcomeJson(p: DisputeProposal, by: "parties" | "admin", resolution: string, note = "") {
  return {
    kind: p.kind,
    ...("amountMinor" in p ? { amountMinor: p.amountMinor.toString() } : {}),
    by,
    resolution,
    ...(note ? { note } : {}),
  };
}

/**
 * The other party accepts a proposal. A money outcome is executed at once and ends the dispute
 * (agreed); an umpire assay is recorded and the dispute stays open for the umpire's result.
 */
export async function acceptProposal(
  dealId: string,
  disputeId: string,
  proposalId: string,
  person: DisputePerson,
  at = new Date(),
): Promise<Result<{ dispute: Dispute; deal: Deal }> | Failure> {
  return inTransaction(async (tx) => {
    const found = await disputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal, dispute } = found;
    const side = sideOf(deal, person.organizationId);
    if (!side) return fail("FORBIDDEN", "Only the payer or the payee can accept a proposal.");
    if (!isUuid(proposalId)) return fail("NOT_FOUND", "There is no such proposal.");
    const row = await tx.disputeProposal.findFirst({ where: { id: proposalId, disputeId } });
    if (!row) return fail("NOT_FOUND", "There is no such proposal.");
    if (row.byOrganizationId === person.organizationId)
      return fail("FORBIDDEN", "The other party accepts a proposal, not the one who made it.");
    if (!isLive(dispute)) return NOT_LIVE();
    if (row.status !== "proposed") return fail("PROPOSAL_NOT_OPEN", `The proposal was ${row.status}.`);
    await tx.disputeProposal.update({ where: { id: row.id }, data: { status: "accepted", answeredAt: at } });
    const proposal = proposalOf(row);
    const title = `Deal ${dealLabel(deal.number)}: ${PROPOSAL_KIND_LABELS[proposal.kind]} accepted`;
    if (proposal.kind === "umpire_assay") {
      await notifyOrganization(tx, row.byOrganizationId, {
        kind: "dispute_agreed",
        title,
        body: "Both parties agreed to an umpire assay; its result settles the dispute.",
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
      return { ok: true, dispute, deal };
    }
    const done = await executeOutcome(
      tx,
      deal,
      proposal,
      { role: "system", userId: person.userId, organizationId: person.organizationId },
      at,
      { disputeId, proposalId },
    );
    if (!done.ok) return done;
    const updated = await tx.dispute.update({
      where: { id: disputeId },
      data: {
        status: "agreed",
        closedAt: at,
        outcome: outcomeJson(proposal, "parties", done.figures.resolution),
      },
    });
    for (const org of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, org, {
        kind: "dispute_agreed",
        title,
        body: [
          done.figures.finalValue.formula,
          done.figures.balanceToPayee.formula,
          done.figures.payerBalance.formula,
        ].join("\n"),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, dispute: updated, deal: done.deal };
  });
}

/** The party that opened the dispute withdraws it: the deal carries on where it stopped. */
export async function withdrawDispute(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  at = new Date(),
): Promise<Result<{ dispute: Dispute }> | Failure> {
  return inTransaction(async (tx) => {
    const found = await disputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal, dispute } = found;
    const side = sideOf(deal, person.organizationId);
    if (!side || dispute.openedByOrganizationId !== person.organizationId)
      return fail("FORBIDDEN", "Only the party that opened the dispute can withdraw it.");
    if (!isLive(dispute)) return NOT_LIVE();
    await tx.disputeProposal.updateMany({
      where: { disputeId, status: "proposed" },
      data: { status: "superseded", answeredAt: at },
    });
    const updated = await tx.dispute.update({
      where: { id: disputeId },
      data: { status: "withdrawn", closedAt: at },
    });
    orRefuse(
      await transitionDeal(tx, {
        dealId,
        event: "dispute_withdrawn",
        actor: { role: side, userId: person.userId, organizationId: person.organizationId },
        at,
        data: { disputeId },
      }),
    );
    await notifyOrganization(tx, otherSide(deal, person.organizationId as string), {
      kind: "dispute_withdrawn",
      title: `Deal ${dealLabel(deal.number)}: the dispute was withdrawn`,
      link: `/deals/${dealId}`,
      lotId: deal.lotId,
    });
    return { ok: true, dispute: updated };
  });
}

/** A platform admin decides a live dispute's outcome; it is executed as an agreed one would be. */
export async function decideDispute(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  input: ProposalInput,
  at = new Date(),
): Promise<Result<{ dispute: Dispute; deal: Deal }> | Failure> {
  if (!person.isPlatformAdmin) {
    // Parties learn that deciding is not theirs; anyone else that there is no such dispute.
    const found = isUuid(dealId) ? await db().deal.findUnique({ where: { id: dealId } }) : null;
    if (found && sideOf(found, person.organizationId))
      return fail("FORBIDDEN", "Only platform admins decide a dispute.");
    return NO_DISPUTE();
  }
  return inTransaction(async (tx) => {
    const found = await disputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal, dispute } = found;
    if (!isLive(dispute) || isTerminal(deal.status as never)) return NOT_LIVE();
    const checked = checkProposal(input);
    if (!checked.ok) return checked;
    if (checked.value.kind === "umpire_assay")
      return fail("VALIDATION", "Decide the outcome: a price adjustment, a partial refund or a return.", {
        field: "kind",
      });
    const note = (input.note ?? "").trim().slice(0, 2000);
    const role: DealActorRole = "admin";
    const done = await executeOutcome(tx, deal, checked.value, { role, userId: person.userId }, at, {
      disputeId,
      decidedBy: "admin",
      ...(note ? { note } : {}),
    });
    if (!done.ok) return done;
    await tx.disputeProposal.updateMany({
      where: { disputeId, status: "proposed" },
      data: { status: "superseded", answeredAt: at },
    });
    const updated = await tx.dispute.update({
      where: { id: disputeId },
      data: {
        status: "decided",
        closedAt: at,
        decidedByUserId: person.userId,
        outcome: outcomeJson(checked.value, "admin", done.figures.resolution, note),
      },
    });
    for (const org of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, org, {
        kind: "dispute_decided",
        title: `Deal ${dealLabel(deal.number)}: the platform decided the dispute`,
        body: [
          done.figures.finalValue.formula,
          done.figures.balanceToPayee.formula,
          done.figures.payerBalance.formula,
          note,
        ]
          .filter(Boolean)
          .join("\n"),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, dispute: updated, deal: done.deal };
  });
}
