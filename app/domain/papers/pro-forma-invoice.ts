/**
 * The pro-forma invoice of a deal: what the buyer pays, to which account, with which payment
 * reference. Amounts are integer minor units of the deal's currency, printed with the currency code
 * through app/domain/money.ts (formatCodeAmount: "AUD 1,234.50", plain text every PDF font can show).
 * Pro-forma: it announces the amount; the tax invoice, where one is due, comes from the ledger (ADR 017).
 */

import { type Failure, type FieldError, invalid } from "../failure.ts";
import { formatCodeAmount, isSupportedCurrency, MAX_AMOUNT_MINOR } from "../money.ts";
import { formatNumber } from "../quantity.ts";
import { isoUtc, isoUtcDay, type Paper } from "./paper.ts";

export interface BankDetails {
  readonly beneficiary: string;
  readonly bankName: string;
  /** IBAN or the local account number. */
  readonly account: string;
  readonly swiftBic: string;
}

export interface InvoiceParty {
  readonly name: string;
  readonly address: string;
}

export interface ProFormaInvoiceInput {
  readonly invoiceNumber: string;
  readonly issuedAt: Date | string;
  readonly dueAt: Date | string;
  readonly dealNumber: string;
  readonly seller: InvoiceParty;
  readonly buyer: InvoiceParty;
  readonly lotTitle: string;
  readonly massKg: number;
  readonly incoterm: string;
  readonly currency: string;
  /** Lines in minor units: the lot price, freight, fees; negative for a credit. */
  readonly lines: readonly { readonly description: string; readonly amountMinor: number }[];
  /** What the buyer writes on the transfer so the payment is matched to the deal. */
  readonly paymentReference: string;
  /** The platform's account the buyer pays into (escrow, ADR 017). */
  readonly bank: BankDetails;
}

export type ProFormaInvoiceResult =
  | { readonly ok: true; readonly paper: Paper; readonly totalMinor: number }
  | Failure<"VALIDATION">;

export function buildProFormaInvoice(input: ProFormaInvoiceInput): ProFormaInvoiceResult {
  const errors: FieldError[] = [];
  const currency = input.currency.toUpperCase();
  if (!isSupportedCurrency(currency))
    errors.push({ field: "currency", message: `${input.currency} is not a supported currency.` });
  if (input.lines.length === 0)
    errors.push({ field: "lines", message: "The invoice needs at least one line." });
  for (const [index, line] of input.lines.entries()) {
    if (!Number.isSafeInteger(line.amountMinor)) {
      errors.push({ field: `lines.${index}`, message: "Amounts are whole numbers of minor units." });
    }
  }
  if (!input.paymentReference.trim())
    errors.push({ field: "paymentReference", message: "Give the payment reference." });
  if (!input.bank.account.trim() || !input.bank.beneficiary.trim()) {
    errors.push({ field: "bank", message: "The platform's bank details are not configured." });
  }
  if (!isoUtc(input.issuedAt))
    errors.push({ field: "issuedAt", message: "The issue date is not a valid date." });
  if (!isoUtc(input.dueAt)) errors.push({ field: "dueAt", message: "The due date is not a valid date." });
  const totalMinor = input.lines.reduce((sum, line) => sum + line.amountMinor, 0);
  if (errors.length === 0 && (!Number.isSafeInteger(totalMinor) || Math.abs(totalMinor) > MAX_AMOUNT_MINOR)) {
    errors.push({ field: "lines", message: "The total is too large." });
  }
  if (errors.length > 0) return invalid(errors);

  const money = (amountMinor: number) => formatCodeAmount(amountMinor, currency);
  const paper: Paper = {
    kind: "pro_forma_invoice",
    title: "Pro-forma invoice",
    reference: input.invoiceNumber.trim(),
    issuedAt: isoUtc(input.issuedAt) as string,
    sections: [
      {
        heading: "Deal",
        lines: [
          { label: "Deal", value: input.dealNumber },
          { label: "Seller", value: `${input.seller.name}, ${input.seller.address}` },
          { label: "Buyer", value: `${input.buyer.name}, ${input.buyer.address}` },
          { label: "Lot", value: input.lotTitle },
          { label: "Mass", value: `${formatNumber(input.massKg, { maxDecimals: 1 })} kg` },
          { label: "Incoterm", value: input.incoterm },
        ],
      },
      {
        heading: "Amounts",
        table: {
          columns: ["Description", "Amount"],
          rows: [
            ...input.lines.map((line) => [line.description, money(line.amountMinor)]),
            ["Total due", money(totalMinor)],
          ],
        },
      },
      {
        heading: "Payment",
        lines: [
          { label: "Amount due", value: money(totalMinor) },
          { label: "Due by", value: isoUtcDay(input.dueAt) as string },
          { label: "Payment reference", value: input.paymentReference.trim() },
          { label: "Beneficiary", value: input.bank.beneficiary },
          { label: "Bank", value: input.bank.bankName },
          { label: "Account", value: input.bank.account },
          { label: "SWIFT/BIC", value: input.bank.swiftBic },
        ],
        paragraphs: [
          "Quote the payment reference on the transfer. This pro-forma invoice is not a tax invoice.",
        ],
      },
    ],
  };
  return { ok: true, paper, totalMinor };
}
