import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { exportBatteryPass, passportLotFromRecord } from "~/domain/passport/export.ts";
import { lotCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { chainHead } from "~/models/custody/custody-chain.server.ts";
import { getLotForViewer } from "~/models/lot.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";

/**
 * GET /api/v1/lots/{id}/passport: the lot as a battery passport in the Catena-X model's field names
 * (ADR 023). Anyone who may see the lot may read it. Status is `waste`: a Packloop lot is sold to a
 * recycler unless a deal says it goes to a second life, which the deals work will pass in. The
 * custody chain head and, once the lot was recovered, its certificate of recovery are cited.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const lot = await getLotForViewer(params.lotId ?? "", caller.organization.id);
    if (!lot) return problem(404, "There is no such lot.", { code: "NOT_FOUND" });
    const base = publicBaseUrl(request);
    const [head, certificate] = await Promise.all([chainHead(lot.id), lotCertificate(lot.id)]);
    const result = exportBatteryPass({
      lot: passportLotFromRecord(lot),
      purpose: "recycling",
      economicOperatorId: lot.organization.id,
      chainHead: head,
      ...(certificate
        ? {
            recovery: certificate.recovery,
            certificateUrl: `${base}/verify/${certificate.number}`,
            carbonRecordUrl: `${base}/api/v1/certificates/${certificate.number}`,
          }
        : {}),
      issuedAt: new Date(),
      lotUrl: `${base}/lots/${lot.id}`,
    });
    if (!result.ok) return failureProblem(result);
    return json(result.passport);
  });
}
