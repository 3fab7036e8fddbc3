import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildRecoveryCertificate } from "~/domain/papers/recovery-certificate.ts";
import { certificatePaperInput, getCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";
import { paperPdfResponse, stripPdf } from "./papers.server.ts";

/**
 * GET /certificates/PL-COR-000123.pdf: the certificate of recovery as PDF, public like the verify
 * page its QR code points to (issue 12 item 5).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const number = stripPdf(params.file);
  const view = number ? await getCertificate(number) : null;
  if (!view) throw new Response("No such certificate.", { status: 404 });
  const built = buildRecoveryCertificate(certificatePaperInput(view, publicBaseUrl(request)));
  if (!built.ok) throw new Response(built.message, { status: 500 });
  return paperPdfResponse(built.paper, { cache: "public, max-age=300", request });
}
