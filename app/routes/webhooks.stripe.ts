import type { ActionFunctionArgs } from "@remix-run/node";
import { failureProblem, json } from "~/api/http.server.ts";
import { fail } from "~/domain/failure.ts";
import { handleStripeEvent } from "~/models/deals/stripe-webhooks.server.ts";
import { verifyStripeWebhook } from "~/services/stripe.server.ts";

/**
 * POST /webhooks/stripe (issue 11 item 5, ADR 020). The signature is checked over the raw body
 * exactly as it arrived (Express parses no body for Remix; request.text() is the bytes Stripe
 * signed): a bad or missing signature answers 400 and changes nothing. A verified event is stored
 * under its id and applied once; a redelivery answers 200 and changes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return failureProblem(fail("METHOD_NOT_ALLOWED", "Use POST."));
  const raw = await request.text();
  const event = verifyStripeWebhook(raw, request.headers.get("stripe-signature"));
  if (!event)
    return failureProblem(fail("INVALID_SIGNATURE", "The Stripe signature does not match the body."));
  const outcome = await handleStripeEvent(event);
  return json({ received: true, outcome });
}

export function loader() {
  return failureProblem(fail("METHOD_NOT_ALLOWED", "Stripe posts its events here."));
}
