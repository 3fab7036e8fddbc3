// Page helpers for disputes on /deals/:id and /admin/deals (ADR 026, ADR 030): reading the dispute
// forms (amounts in major units of the deal's currency, assay results in percent), their evidence
// files, and calling the dispute models.
import { PAYABLE_METALS, type PayableMetal } from "~/domain/deals/settlement.ts";
import { type AssayExchange, percentToPpm, type UmpireResults } from "~/domain/deals/umpire-assay.ts";
import { type Failure, invalid } from "~/domain/failure.ts";
import { parseMoneyInput } from "~/domain/money.ts";
import { checkEvidenceUploads } from "~/models/deals/dispute-evidence.server.ts";
import { recordUmpireResult } from "~/models/deals/dispute-umpire.server.ts";
import {
  acceptProposal,
  type DisputePerson,
  decideDispute,
  openDispute,
  proposeOutcome,
  withdrawDispute,
} from "~/models/deals/disputes.server.ts";
import type { UploadedPart } from "~/utils/multipart.server.ts";

export const DISPUTE_INTENTS = [
  "dispute_open",
  "dispute_propose",
  "dispute_accept",
  "dispute_withdraw",
  "dispute_decide",
  "dispute_umpire",
] as const;
export type DisputeIntent = (typeof DISPUTE_INTENTS)[number];

export function isDisputeIntent(value: string): value is DisputeIntent {
  return (DISPUTE_INTENTS as readonly string[]).includes(value);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/**
 * The umpire-assay form: wet weight (kg), moisture and each payable metal's seller and buyer
 * results and splitting limit in percent, each metal's payable (percent) and price per tonne of
 * contained metal (major units). Metals left blank are not part of the exchange.
 */
export function readAssayForm(
  form: FormData,
  currency: string,
): { ok: true; value: AssayExchange } | Failure {
  const errors: Record<string, string> = {};
  const ppm = (name: string) => {
    const value = percentToPpm(text(form, name));
    if (value === null) errors[name] = "Enter a percentage, e.g. 22.35.";
    return value ?? 0;
  };
  const wetText = text(form, "assay_wetKg").replace(/[\s,]/g, "");
  const wetKg = /^\d+$/.test(wetText) ? Number(wetText) : Number.NaN;
  if (!Number.isSafeInteger(wetKg) || wetKg <= 0)
    errors.assay_wetKg = "Enter the wet weight in whole kilograms.";
  const moisture = {
    sellerPpm: ppm("moisture_seller"),
    buyerPpm: ppm("moisture_buyer"),
    splittingLimitPpm: ppm("moisture_limit"),
  };
  const metals: AssayExchange["metals"] = [];
  for (const metal of PAYABLE_METALS) {
    const fields = ["seller", "buyer", "limit", "payable", "price"].map((f) => `${metal}_${f}`);
    if (fields.every((f) => text(form, f) === "")) continue;
    const price = parseMoneyInput(text(form, `${metal}_price`), currency);
    if (!price.ok || price.amountMinor < 0)
      errors[`${metal}_price`] = `Enter the price per tonne of ${metal} in ${currency}.`;
    const payable = percentToPpm(text(form, `${metal}_payable`));
    if (payable === null || payable % 100 !== 0)
      errors[`${metal}_payable`] = "Enter the payable in percent, at most two decimals.";
    metals.push({
      metal,
      sellerPpm: ppm(`${metal}_seller`),
      buyerPpm: ppm(`${metal}_buyer`),
      splittingLimitPpm: ppm(`${metal}_limit`),
      payableBp: (payable ?? 0) / 100,
      priceMinorPerTonne: BigInt(price.ok ? price.amountMinor : 0),
    });
  }
  if (metals.length === 0) errors.Ni_seller = "Give the results of at least one payable metal.";
  if (Object.keys(errors).length > 0) return invalid(errors);
  return { ok: true, value: { wetKg, moisture, metals } };
}

/** The admin's umpire form: the umpire's results in percent; blank where the parties agreed. */
export function readUmpireForm(form: FormData): { ok: true; value: UmpireResults } | Failure {
  const errors: Record<string, string> = {};
  const read = (name: string) => {
    const raw = text(form, name);
    if (raw === "") return null;
    const value = percentToPpm(raw);
    if (value === null) errors[name] = "Enter a percentage, e.g. 6.40.";
    return value;
  };
  const metals: Partial<Record<PayableMetal, number>> = {};
  for (const metal of PAYABLE_METALS) {
    const value = read(`umpire_${metal}`);
    if (value !== null) metals[metal] = value;
  }
  const moisturePpm = read("umpire_moisture");
  if (Object.keys(errors).length > 0) return invalid(errors);
  return { ok: true, value: { moisturePpm, metals } };
}

/** kind + amount (major units, needed for price adjustments and partial refunds) + note. */
function readProposal(
  form: FormData,
  currency: string,
):
  | { ok: true; kind: string; amountMinor: bigint | null; note: string; assay: AssayExchange | null }
  | Failure {
  const kind = text(form, "kind");
  let amountMinor: bigint | null = null;
  if (kind === "price_adjustment" || kind === "partial_refund") {
    const amount = parseMoneyInput(text(form, "amount"), currency);
    if (!amount.ok || amount.amountMinor < 0)
      return invalid({ amount: `Enter the amount in ${currency}, e.g. 1,000.00.` });
    amountMinor = BigInt(amount.amountMinor);
  }
  let assay: AssayExchange | null = null;
  if (kind === "umpire_assay") {
    const read = readAssayForm(form, currency);
    if (!read.ok) return read;
    assay = read.value;
  }
  return { ok: true, kind, amountMinor, note: String(form.get("note") ?? ""), assay };
}

/** Carries out one dispute form of the deal page (or the admin's decision). */
export async function disputeFormAction(
  intent: DisputeIntent,
  form: FormData,
  files: readonly UploadedPart[],
  dealId: string,
  currency: string,
  person: DisputePerson,
): Promise<{ ok: true } | Failure> {
  const disputeId = text(form, "disputeId");
  const checked = checkEvidenceUploads(files);
  if (checked.error) return invalid({ evidence: checked.error });
  if (checked.evidence.length > 0 && intent !== "dispute_open" && intent !== "dispute_propose")
    return invalid({ evidence: "Attach files when you open a dispute or make a proposal." });
  const evidence = checked.evidence;
  if (intent === "dispute_open")
    return openDispute(dealId, person, {
      reason: text(form, "reason"),
      description: String(form.get("description") ?? ""),
      evidence,
    });
  if (intent === "dispute_accept") return acceptProposal(dealId, disputeId, text(form, "proposalId"), person);
  if (intent === "dispute_withdraw") return withdrawDispute(dealId, disputeId, person);
  if (intent === "dispute_umpire") {
    const umpire = readUmpireForm(form);
    if (!umpire.ok) return umpire;
    return recordUmpireResult(dealId, disputeId, person, umpire.value);
  }
  const proposal = readProposal(form, currency);
  if (!proposal.ok) return proposal;
  if (intent === "dispute_decide") return decideDispute(dealId, disputeId, person, proposal);
  return proposeOutcome(dealId, disputeId, person, { ...proposal, evidence });
}
