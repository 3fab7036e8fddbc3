import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { verificationJson } from "~/api/verification-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { organizationVerification } from "~/models/organization-verification.server.ts";

/**
 * GET /api/v1/verification: the calling organisation's verification (KYB, ADR 038, ADR 050) — its
 * status, the admin's last note, what to do next and the documents it uploaded. Any member or the
 * organisation's token reads it; nobody reads another organisation's.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const verification = await organizationVerification(caller.organization.id);
    if (!verification) return problem(404, "No such organisation.", { code: "NOT_FOUND" });
    return json(verificationJson(verification));
  });
}

export async function action(_: ActionFunctionArgs) {
  return problem(405, "Use GET; upload documents at /api/v1/verification/documents.", {
    code: "METHOD_NOT_ALLOWED",
    headers: { Allow: "GET" },
  });
}
