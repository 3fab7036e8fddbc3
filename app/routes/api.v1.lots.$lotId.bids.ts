import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  auctionJson,
  BID_API_FIELDS,
  canBid,
  capabilityProblem,
  PlaceBidBody,
  placeBidInputFrom,
} from "~/api/bid-api.server.ts";
import {
  apiHandler,
  failureProblem,
  json,
  problem,
  readJsonBody,
  validationProblem,
} from "~/api/http.server.ts";
import { bidLimiter, rateLimitedProblem } from "~/api/rate-limits.server.ts";
import { emailVerificationRefusal, getApiActor, requireApiActor } from "~/auth/actor.server.ts";
import { placeBid } from "~/models/bidding/bid.server.ts";
import { lotBidsForViewer, toBidJson } from "~/models/bidding/bid-list.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";

/**
 * GET /api/v1/lots/{id}/bids: the bids the caller may see (seller: all of the round with net
 * values; a bidder: its own and the anonymised ladder; sealed tenders stay sealed until the close).
 * Visitors without credentials see an auction's ladder only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await getApiActor(request);
    // Closing is lazy: a tender past its close time is opened before its bids are shown.
    await closeLotIfDue(params.lotId ?? "");
    const result = await lotBidsForViewer(params.lotId ?? "", caller?.organization.id ?? null, {
      isPlatformAdmin: caller?.isPlatformAdmin,
    });
    if (!result.ok) return failureProblem(result);
    return json(result.view);
  });
}

/**
 * POST /api/v1/lots/{id}/bids: bid on an auction, submit or revise a sealed bid, or ask for a
 * fixed-price lot. 201 with the bid and the lot's new auction state; a repeated idempotency key
 * answers 200 with the first bid and `Idempotent-Replayed: true`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to bid.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const caller = await requireApiActor(request);
    if (!canBid(caller.organization.capabilities)) return capabilityProblem();
    const unverified = emailVerificationRefusal(caller);
    if (unverified) return failureProblem(unverified);
    const allowance = await bidLimiter.take(caller.organization.id);
    if (!allowance.ok)
      return rateLimitedProblem(allowance, "Too many bids from your organisation.", "organisation");
    const body = await readJsonBody(request, PlaceBidBody);
    const checked = placeBidInputFrom(body, request.headers.get("Idempotency-Key"));
    if (!checked.ok) return validationProblem(checked.errors);
    const result = await placeBid({
      ...checked.input,
      lotId: params.lotId ?? "",
      organizationId: caller.organization.id,
      capabilities: caller.organization.capabilities,
      userId: caller.userId,
    });
    if (!result.ok) return failureProblem(result, { fields: BID_API_FIELDS });
    const payload = { bid: toBidJson(result.bid, true), auction: auctionJson(result.auction) };
    if (result.replayed) return json(payload, { status: 200, headers: { "Idempotent-Replayed": "true" } });
    return json(payload, { status: 201, headers: { Location: `/api/v1/lots/${result.bid.lotId}/bids` } });
  });
}
