import type { ActionFunctionArgs } from "@remix-run/node";
import { AWARD_API_FIELDS, DeclineRequestBody, hasBody } from "~/api/award-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { toAwardJson } from "~/models/bidding/award-list.server.ts";
import { toBidJson } from "~/models/bidding/bid-list.server.ts";
import { acceptPurchaseRequest, declinePurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";

const DECISIONS = ["accept", "decline"] as const;

/**
 * POST /api/v1/bids/{id}/accept | /decline {note?}: the seller of a fixed-price lot answers a
 * purchase request. Accepting closes and awards the lot and declines the other requests.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const decision = params.decision ?? "";
    if (!(DECISIONS as readonly string[]).includes(decision))
      return problem(404, "No such bid action.", { code: "NOT_FOUND" });
    if (request.method !== "POST")
      return problem(405, `Use POST to ${decision} a purchase request.`, {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const caller = await requireApiActor(request);
    const who = { organizationId: caller.organization.id, userId: caller.userId };
    const bidId = params.bidId ?? "";
    if (decision === "accept") {
      const result = await acceptPurchaseRequest(who, bidId);
      if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
      return json({ award: toAwardJson(result.award) });
    }
    const body = (await hasBody(request)) ? await readJsonBody(request, DeclineRequestBody) : {};
    const result = await declinePurchaseRequest(who, bidId, body.note ?? "");
    if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
    return json({ bid: toBidJson(result.bid, false) });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
