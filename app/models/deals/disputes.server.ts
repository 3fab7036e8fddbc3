// Disputes about a deal (issue 11 item 6, ADR 026 and 030; rules in app/domain/deals/disputes.ts and
// umpire-assay.ts, facts in docs/domain/disputes.md). Opening one moves the deal to `disputed` in
// the same transaction, which freezes its money: the settle sweep only settles deals in
// final_assessment. The parties exchange proposals, each with evidence files if they like; the
// other party's acceptance, or a platform admin's decision after escalation, is executed at once:
// the deal settles on the adjusted final value through the ledger (the same final-settlement posting
// as an undisputed deal) and, on the Stripe rail, the outbox moves the money
// (enqueueStripePayouts). An umpire assay within every splitting limit settles on acceptance; beyond
// one it waits for the umpire's result (dispute-umpire.server.ts). Non-parties get NOT_FOUND, as for
// the deal itself.

import type { DealActorRole } from "~/domain/deals/deal-state.ts";
import {
  checkProposal,
  DISPUTE_REASON_LABELS,
  DISPUTE_REASONS,
  type DisputeReason,
  escalationDueAt,
  mayOpenDispute,
  PROPOSAL_KIND_LABELS,
} from "~/domain/deals/disputes.ts";
import { settlementWords } from "~/domain/deals/settlement.ts";
import {
  type AssayExchange,
  agreedAssay,
  assayExchangeFromJson,
  assayExchangeJson,
  checkAssayExchange,
} from "~/domain/deals/umpire-assay.ts";
import { type Failure, fail, invalid } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type {
  Deal,
  Dispute,
  Prisma,
  DisputeProposal as ProposalRow,
} from "~/generated.server/prisma/client.ts";
import { withStoredFiles } from "~/services/file-storage.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { orRefuse } from "./deal-money.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import { dealClock, lockDeal, transitionDeal } from "./deal-transitions.server.ts";
import { attachEvidence, type CheckedEvidence } from "./dispute-evidence.server.ts";
import {
  type DisputePerson,
  disputeFor,
  executeOutcome,
  inTransaction,
  isLive,
  liveDisputeFor,
  NO_DEAL,
  NOT_LIVE,
  otherSide,
  outcomeJson,
  proposalOf,
  type Result,
  refuseUnlessAdmin,
  seesDeal,
  sideOf,
} from "./dispute-frame.server.ts";
import { readDealSettings } from "./platform-settings.server.ts";

export type { DisputePerson } from "./dispute-frame.server.ts";

export interface OpenDisputeInput {
  reason: string;
  description: string;
  /** Files checked by checkEvidenceUploads; stored with the dispute. */
  evidence?: readonly CheckedEvidence[];
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
  return withStoredFiles(input.evidence ?? [], (stored) =>
    inTransaction(async (tx) => {
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
      await attachEvidence(tx, {
        deal,
        disputeId: dispute.id,
        organizationId: person.organizationId as string,
        userId: person.userId,
        stored,
        at,
      });
      await notifyOrganization(tx, otherSide(deal, person.organizationId as string), {
        kind: "dispute_opened",
        title: NOTIFICATION_TITLES.dispute_opened.party({
          ...(await dealTitleFacts(tx, deal)),
          reason: DISPUTE_REASON_LABELS[reason],
        }),
        body: [description, noticeText("disputeFrozen")],
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
      return { ok: true, dispute };
    }),
  );
}

export interface ProposalInput {
  kind: string;
  amountMinor?: bigint | null;
  note?: string;
  /** umpire_assay: the exchanged results, splitting limits and payable terms. */
  assay?: AssayExchange | null;
  evidence?: readonly CheckedEvidence[];
}

/** An umpire assay is for black mass sold on payables, and needs the exchanged results. */
async function checkUmpireProposal(tx: DbTransaction, deal: Deal, assay: AssayExchange | null | undefined) {
  const lot = await tx.lot.findUnique({ where: { id: deal.lotId }, select: { form: true } });
  if (lot?.form !== "black_mass" || deal.priceKind !== "payable")
    return fail("VALIDATION", "An umpire assay is for black mass sold on payables.", { field: "kind" });
  if (!assay)
    return fail("VALIDATION", "Give both parties' assay results and the splitting limits.", {
      field: "assay",
    });
  return checkAssayExchange(assay);
}

/** A party proposes an outcome; earlier open proposals are superseded. */
export async function proposeOutcome(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  input: ProposalInput,
  at = new Date(),
): Promise<Result<{ proposal: ProposalRow }> | Failure> {
  return withStoredFiles(input.evidence ?? [], (stored) =>
    inTransaction(async (tx) => {
      const found = await disputeFor(tx, dealId, disputeId, person);
      if (!found.ok) return found;
      const { deal, dispute } = found;
      if (!sideOf(deal, person.organizationId))
        return fail("FORBIDDEN", "Only the payer or the payee can propose an outcome.");
      if (!isLive(dispute)) return NOT_LIVE();
      const checked = checkProposal(input);
      if (!checked.ok) return checked;
      if (checked.value.kind === "umpire_assay") {
        const umpire = await checkUmpireProposal(tx, deal, input.assay);
        if (!umpire.ok) return umpire;
      }
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
          ...(checked.value.kind === "umpire_assay" && input.assay
            ? { assay: assayExchangeJson(input.assay) as unknown as Prisma.InputJsonObject }
            : {}),
          createdAt: at,
        },
      });
      await attachEvidence(tx, {
        deal,
        disputeId,
        proposalId: proposal.id,
        organizationId: person.organizationId as string,
        userId: person.userId,
        stored,
        at,
      });
      await notifyOrganization(tx, otherSide(deal, person.organizationId as string), {
        kind: "dispute_proposal",
        title: NOTIFICATION_TITLES.dispute_proposal.party(await dealTitleFacts(tx, deal)),
        body: [noticeText(`proposalKind.${checked.value.kind}`), note],
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
      return { ok: true, proposal };
    }),
  );
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
    const title = NOTIFICATION_TITLES.dispute_agreed.accepted({
      ...(await dealTitleFacts(tx, deal)),
      reason: PROPOSAL_KIND_LABELS[proposal.kind],
    });
    const exchange = proposal.kind === "umpire_assay" ? assayExchangeFromJson(row.assay) : null;
    // Every result within its splitting limit: the means are final and settle the deal now.
    const settlesNow = exchange !== null && agreedAssay(exchange.exchange).ok;
    if (proposal.kind === "umpire_assay" && !settlesNow) {
      await notifyOrganization(tx, row.byOrganizationId, {
        kind: "dispute_agreed",
        title,
        body: noticeText("umpireAgreed"),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
      return { ok: true, dispute, deal };
    }
    const how = exchange
      ? { kind: "umpire_assay" as const, exchange: exchange.exchange, umpire: null }
      : proposal;
    const done = await executeOutcome(
      tx,
      deal,
      how,
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
        outcome: outcomeJson(
          how,
          "parties",
          done.figures.resolution,
          "",
          done.figures.finalValue.amountMinor,
        ),
      },
    });
    for (const org of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, org, {
        kind: "dispute_agreed",
        title,
        body: settlementWords(done.figures),
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
      title: NOTIFICATION_TITLES.dispute_withdrawn.party(await dealTitleFacts(tx, deal)),
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
  const refused = await refuseUnlessAdmin(dealId, person, "Only platform admins decide a dispute.");
  if (refused) return refused;
  return inTransaction(async (tx) => {
    const found = await liveDisputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal } = found;
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
        title: NOTIFICATION_TITLES.dispute_decided.party(await dealTitleFacts(tx, deal)),
        // The admin's note is what a person wrote: as it is.
        body: [...settlementWords(done.figures), note],
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, dispute: updated, deal: done.deal };
  });
}
