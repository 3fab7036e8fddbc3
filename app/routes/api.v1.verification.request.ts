import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { verificationJson } from "~/api/verification-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { organizationVerification, requestVerification } from "~/models/organization-verification.server.ts";

/**
 * POST /api/v1/verification/request: an owner (or the organisation's token) asks to be verified, as
 * the page's "Ask to be verified" does: it needs the company registration among the documents
 * (400 naming `kind`) and an organisation that is unverified or rejected (409 otherwise). Platform
 * admins decide on the page (/admin/organizations), never through the API.
 */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to ask to be verified.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const caller = await requireApiActor(request, { role: "owner" });
    const result = await requestVerification(caller.organization.id);
    if (!result.ok) return failureProblem(result);
    const verification = await organizationVerification(caller.organization.id);
    if (!verification) return problem(404, "No such organisation.", { code: "NOT_FOUND" });
    return json(verificationJson(verification), { status: 202 });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
