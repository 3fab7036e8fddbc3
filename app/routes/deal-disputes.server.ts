// Page helpers for disputes on /deals/:id and /admin/deals (ADR 026): reading the dispute forms
// (amounts in major units of the deal's currency) and calling the dispute models.
import { type Failure, invalid } from "~/domain/failure.ts";
import { parseMoneyInput } from "~/domain/money.ts";
import {
  acceptProposal,
  type DisputePerson,
  decideDispute,
  openDispute,
  proposeOutcome,
  withdrawDispute,
} from "~/models/deals/disputes.server.ts";

export const DISPUTE_INTENTS = [
  "dispute_open",
  "dispute_propose",
  "dispute_accept",
  "dispute_withdraw",
  "dispute_decide",
] as const;
export type DisputeIntent = (typeof DISPUTE_INTENTS)[number];

export function isDisputeIntent(value: string): value is DisputeIntent {
  return (DISPUTE_INTENTS as readonly string[]).includes(value);
}

/** kind + amount (major units, needed for price adjustments and partial refunds) + note. */
function readProposal(
  form: FormData,
  currency: string,
): { ok: true; kind: string; amountMinor: bigint | null; note: string } | Failure {
  const kind = String(form.get("kind") ?? "");
  const amountText = String(form.get("amount") ?? "").trim();
  let amountMinor: bigint | null = null;
  if (kind === "price_adjustment" || kind === "partial_refund") {
    const amount = parseMoneyInput(amountText, currency);
    if (!amount.ok || amount.amountMinor < 0)
      return invalid({ amount: `Enter the amount in ${currency}, e.g. 1,000.00.` });
    amountMinor = BigInt(amount.amountMinor);
  }
  return { ok: true, kind, amountMinor, note: String(form.get("note") ?? "") };
}

/** Carries out one dispute form of the deal page (or the admin's decision). */
export async function disputeFormAction(
  intent: DisputeIntent,
  form: FormData,
  dealId: string,
  currency: string,
  person: DisputePerson,
): Promise<{ ok: true } | Failure> {
  const disputeId = String(form.get("disputeId") ?? "");
  if (intent === "dispute_open")
    return openDispute(dealId, person, {
      reason: String(form.get("reason") ?? ""),
      description: String(form.get("description") ?? ""),
    });
  if (intent === "dispute_accept")
    return acceptProposal(dealId, disputeId, String(form.get("proposalId") ?? ""), person);
  if (intent === "dispute_withdraw") return withdrawDispute(dealId, disputeId, person);
  const proposal = readProposal(form, currency);
  if (!proposal.ok) return proposal;
  if (intent === "dispute_decide") return decideDispute(dealId, disputeId, person, proposal);
  return proposeOutcome(dealId, disputeId, person, proposal);
}
