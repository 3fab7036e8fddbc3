import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { failureStatus } from "~/domain/failure.ts";
import { isShipmentPaper } from "~/domain/papers/shipment-papers.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { shipmentPaper } from "~/models/shipments/shipment-papers.server.ts";
import { paperPdfResponse, stripPdf } from "./papers.server.ts";

/**
 * GET /shipments/:id/papers/dangerous-goods.pdf and …/movement-document.pdf: a shipment's papers as
 * PDF for its parties (issue 12 item 3). Anyone else, and a paper the shipment does not have, 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const name = stripPdf(params.file);
  if (!name || !isShipmentPaper(name)) throw new Response("No such paper.", { status: 404 });
  // The paper's language (paperPdfResponse chooses it the same way): economies named in it.
  const language = requestLanguage(request, actor.user.language);
  const built = await shipmentPaper(
    actor.organization.id,
    params.shipmentId ?? "",
    name,
    new Date(),
    language,
  );
  if (!built) throw new Response("No such paper.", { status: 404 });
  if (!built.ok) throw new Response(built.message, { status: failureStatus(built.code) });
  return paperPdfResponse(built.paper, { request, savedLanguage: actor.user.language });
}
