import { dealLabel, paymentReference } from "~/domain/deals/deal-reference.ts";
import { paperEconomyName } from "~/domain/economy-names.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { BankDetails, ProFormaInvoiceInput } from "~/domain/papers/pro-forma-invoice.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { db } from "~/utils/db.server.ts";

/**
 * The pro-forma invoice of a deal for its payer (issue 12 item 3): what the payer owes (the deal's
 * total, minor units), to the platform's account, with the deal's payment reference. The paper's
 * "seller" is the payee and its "buyer" the payer (for a gate-fee deal the seller pays the recycler,
 * ADR 017). Null for anyone but the payer's organisation, and for no such deal.
 */
export async function dealInvoiceInput(
  dealId: string,
  organizationId: string,
  bank: BankDetails,
  now: Date = new Date(),
  /** The paper's language: its economy names are APEC's in that language (English: as stored). */
  language: LanguageCode = "en",
): Promise<ProFormaInvoiceInput | null> {
  if (!isUuid(dealId)) return null;
  const party = { select: { name: true, economy: { select: { code: true, name: true } } } } as const;
  const deal = await db().deal.findUnique({
    where: { id: dealId },
    include: { lot: { select: { title: true } }, payer: party, payee: party },
  });
  if (!deal || deal.payerOrganizationId !== organizationId) return null;
  return {
    invoiceNumber: `${dealLabel(deal.number)}-PF`,
    issuedAt: now,
    dueAt: deal.paymentDueAt,
    dealNumber: dealLabel(deal.number),
    seller: { name: deal.payee.name, address: paperEconomyName(language, deal.payee.economy) },
    buyer: { name: deal.payer.name, address: paperEconomyName(language, deal.payer.economy) },
    lotTitle: deal.lot.title,
    massKg: deal.massKg,
    incoterm: deal.incoterm,
    currency: deal.currency,
    lines: [{ description: `${deal.lot.title}, ${deal.massKg} kg`, amountMinor: Number(deal.totalMinor) }],
    paymentReference: paymentReference(deal.number),
    bank,
  };
}
