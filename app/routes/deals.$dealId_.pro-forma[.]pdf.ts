import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { bankDetailsFromLines } from "~/domain/papers/bank-details.ts";
import { buildProFormaInvoice } from "~/domain/papers/pro-forma-invoice.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { dealInvoiceInput } from "~/models/deals/deal-invoice.server.ts";
import { platformBankDetails } from "./deal-pages.server.ts";
import { paperPdfResponse } from "./papers.server.ts";

/**
 * GET /deals/:id/pro-forma.pdf: the deal's pro-forma invoice for its payer, with the platform's
 * bank details (PLATFORM_BANK_DETAILS). 404 for anyone else; 409 when the bank details are not
 * configured (the deal page says so too).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const input = await dealInvoiceInput(
    params.dealId ?? "",
    actor.organization.id,
    bankDetailsFromLines(platformBankDetails() ?? []),
    new Date(),
    // The paper's language (paperPdfResponse chooses it the same way): economies named in it.
    requestLanguage(request, actor.user.language),
  );
  if (!input) throw new Response("No such invoice.", { status: 404 });
  const built = buildProFormaInvoice(input);
  if (!built.ok) throw new Response(built.message, { status: 409 });
  return paperPdfResponse(built.paper, { request, savedLanguage: actor.user.language });
}
