import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateJson } from "~/api/certificate-api.server.ts";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { getCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";

/** GET /api/v1/certificates/{number}: public, as /verify/{number} is (issue 12 item 8). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const view = await getCertificate(params.certificateNumber ?? "");
    if (!view) return problem(404, "There is no such certificate.", { code: "NOT_FOUND" });
    return json(certificateJson(view, publicBaseUrl(request)), { headers: { "Cache-Control": "no-store" } });
  });
}
