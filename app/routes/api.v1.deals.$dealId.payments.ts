import type { ActionFunctionArgs } from "@remix-run/node";
import { dealViewerOf, manualWireKey, RecordPaymentBody } from "~/api/deal-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { getActor, requireApiActor } from "~/auth/actor.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";
import { recordPayment } from "~/models/deals/payments.server.ts";

/**
 * POST /api/v1/deals/{id}/payments {amount, reference, receivedAt}: a platform admin records an
 * incoming bank transfer. A party is refused (403: a payer never records its own payment); anyone
 * else does not see the deal (404).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to record a payment.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const dealId = params.dealId ?? "";
    const actor = await getActor(request, { tokens: true });
    if (!actor?.isPlatformAdmin) {
      const caller = await requireApiActor(request);
      const visible = await getDeal(dealId, dealViewerOf(caller));
      if (!visible) return problem(404, "No such deal.", { code: "NOT_FOUND" });
      return problem(403, "Only platform administrators record payments.", { code: "FORBIDDEN" });
    }
    const body = await readJsonBody(request, RecordPaymentBody);
    const result = await recordPayment({
      dealId,
      amountMinor: BigInt(body.amount.amountMinor),
      currency: body.amount.currency,
      rail: "manual",
      reference: body.reference,
      receivedAt: new Date(body.receivedAt),
      key: manualWireKey(dealId, "in", body.reference),
      actor: { role: "admin", userId: actor.userId },
    });
    if (!result.ok) return failureProblem(result);
    const deal = await getDeal(dealId, dealViewerOf(actor));
    return json(deal, { status: result.replayed ? 200 : 201 });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
