import type { ActionFunctionArgs } from "@remix-run/node";
import { AWARD_API_FIELDS } from "~/api/award-api.server.ts";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { toBidJson } from "~/models/bidding/bid-list.server.ts";
import { withdrawBid } from "~/models/bidding/bid-withdrawal.server.ts";

/**
 * DELETE /api/v1/bids/{id}: the bidder withdraws its own live sealed bid or pending purchase
 * request. Someone else's bid is refused (403) and stays as it was; auction bids are binding.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "DELETE")
      return problem(405, "Use DELETE to withdraw a bid.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "DELETE" },
      });
    const caller = await requireApiActor(request);
    const result = await withdrawBid(
      { organizationId: caller.organization.id, userId: caller.userId },
      params.bidId ?? "",
    );
    if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
    return json({ bid: toBidJson(result.bid, true) });
  });
}

export async function loader() {
  return problem(405, "Use DELETE to withdraw a bid; GET /api/v1/lots/{id}/bids lists them.", {
    code: "METHOD_NOT_ALLOWED",
    headers: { Allow: "DELETE" },
  });
}
