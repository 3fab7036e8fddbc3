import type { LoaderFunctionArgs } from "@remix-run/node";
import { dealViewerOf } from "~/api/deal-api.server.ts";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { getActor, requireApiActor } from "~/auth/actor.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";
import { evidenceOfDeal } from "~/models/deals/dispute-evidence.server.ts";
import { disputesOfDeal } from "~/models/deals/disputes-read.server.ts";

const PARTY_ROLES = ["payer", "payee"];

/**
 * GET /api/v1/deals/{id}: for the deal's parties and platform admins; 404 for anyone else. The
 * parties and admins also get its disputes (status, reason, proposals, outcome, evidence files);
 * the receiving facility, which sees the deal to run the shipment, does not.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await getActor(request, { tokens: true });
    const viewer = actor?.isPlatformAdmin
      ? dealViewerOf(actor)
      : dealViewerOf(await requireApiActor(request));
    const deal = await getDeal(params.dealId ?? "", viewer);
    if (!deal) return problem(404, "No such deal.", { code: "NOT_FOUND" });
    if (!viewer.isPlatformAdmin && !deal.yourRoles.some((r) => PARTY_ROLES.includes(r))) return json(deal);
    const [disputes, evidence] = await Promise.all([
      disputesOfDeal(deal.id),
      evidenceOfDeal(deal.id, viewer),
    ]);
    return json({
      ...deal,
      disputes: disputes.map((d) => ({ ...d, evidence: evidence.filter((f) => f.disputeId === d.id) })),
    });
  });
}
