import type { ActionFunctionArgs } from "@remix-run/node";
import { AWARD_API_FIELDS, DeclineAwardBody } from "~/api/award-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { toAwardJson } from "~/models/bidding/award-list.server.ts";
import { confirmAward, declineAward } from "~/models/bidding/awards.server.ts";

const DECISIONS = ["confirm", "decline"] as const;

/**
 * POST /api/v1/awards/{id}/confirm | /decline {reason}: the seller confirms a provisional award
 * before its deadline, or declines it with a reason, which passes it to the next bidder.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const decision = params.decision ?? "";
    if (!(DECISIONS as readonly string[]).includes(decision))
      return problem(404, "No such award action.", { code: "NOT_FOUND" });
    if (request.method !== "POST")
      return problem(405, `Use POST to ${decision} an award.`, {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const caller = await requireApiActor(request);
    const who = { organizationId: caller.organization.id, userId: caller.userId };
    const awardId = params.awardId ?? "";
    if (decision === "confirm") {
      const result = await confirmAward(who, awardId);
      if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
      return json({ award: toAwardJson(result.award) });
    }
    const body = await readJsonBody(request, DeclineAwardBody);
    const result = await declineAward(who, awardId, body.reason);
    if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
    return json({ declined: result.declined, next: result.next ? toAwardJson(result.next) : null });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
