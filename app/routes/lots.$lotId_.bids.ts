import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { bidLimiter } from "~/api/rate-limits.server.ts";
import { emailVerificationRefusal, getActor } from "~/auth/actor.server.ts";
import { readBidForm } from "~/domain/bidding/bid-form.ts";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { placeBid } from "~/models/bidding/bid.server.ts";
import { lotSaleTerms } from "~/models/bidding/lot-sale.server.ts";

export interface BidFeedback {
  formError: string;
  code: string;
  /** Field name → message, naming the field (amount, maxAmount, facilityId, destination…). */
  errors: Record<string, string>;
  /** Field name → the problem's code, when the form reader named one (the page words it, issue 14). */
  problems?: Record<string, string>;
  blockers: { code: string; message: string }[];
  /** The least this bidder may bid now (BELOW_MINIMUM), and a rate limit's figures (RATE_LIMITED). */
  minimum?: { amountMinor: number; currency: string };
  limit?: number;
  retryAfterSeconds?: number;
}

/** The page's form field a model error belongs to. */
const FIELD_OF: Record<string, string> = {
  amount: "amount",
  maxAmount: "maxAmount",
  facilityId: "facilityId",
  destination: "destinationEconomy",
  "destination.economy": "destinationEconomy",
  currency: "amount",
  idempotencyKey: "idempotencyKey",
};

/**
 * POST from the lot page's bid panel: an auction bid, a sealed bid (or its revision) or a request
 * at the asking price. Success redirects back to the lot with ?bid=placed (the page's flash); a
 * refusal answers with its status and the message on the field it concerns. The form carries an
 * idempotency key made when the page was rendered, so a double submission counts once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const lotId = params.lotId ?? "";
  const back = `/lots/${lotId}`;
  const viewer = await getActor(request);
  if (!viewer) return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  const refuse = (status: number, feedback: Partial<BidFeedback> & { formError: string }) =>
    // A Response, not data(): from a resource route Remix sends data()'s wrapper, with 200, to a
    // plain form post; single fetch reads the status and body of either.
    Response.json({ code: "VALIDATION", errors: {}, blockers: [], ...feedback } satisfies BidFeedback, {
      status,
    });
  if (!viewer.organizationId) {
    return refuse(403, { code: "CAPABILITY_REQUIRED", formError: "Join an organisation to bid." });
  }
  const unverified = emailVerificationRefusal(viewer);
  if (unverified) return refuse(403, { code: unverified.code, formError: unverified.message });
  // The API's per-organisation bid limit counts the page's bids too (issue 17, defect 9).
  const allowance = await bidLimiter.take(viewer.organizationId);
  if (!allowance.ok) {
    return Response.json(
      {
        code: "RATE_LIMITED",
        errors: {},
        blockers: [],
        formError: `At most ${allowance.limit} bids a minute per organisation; try again in ${allowance.retryAfterSeconds} s.`,
        limit: allowance.limit,
        retryAfterSeconds: allowance.retryAfterSeconds,
      } satisfies BidFeedback,
      { status: 429, headers: { "Retry-After": String(allowance.retryAfterSeconds) } },
    );
  }
  const lot = await lotSaleTerms(lotId);
  if (!lot) return refuse(404, { code: "NOT_FOUND", formError: "There is no such lot." });

  const form = await request.formData();
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
  const read = readBidForm(
    fields,
    {
      currency: lot.currency,
      saleMode: lot.saleMode,
      askingPriceMinor: lot.askingPriceMinor === null ? null : Number(lot.askingPriceMinor),
    },
    { recycler: viewer.capabilities.includes("recycler") && !viewer.capabilities.includes("buyer") },
  );
  if (!read.ok) {
    return refuse(400, {
      formError: "The bid was not placed: check the fields below.",
      errors: read.errors,
      problems: read.problems,
    });
  }
  const result = await placeBid({
    lotId,
    organizationId: viewer.organizationId,
    capabilities: viewer.capabilities,
    userId: viewer.userId,
    currency: lot.currency,
    ...read.values,
  });
  if (result.ok) return redirect(`${back}?bid=${result.replayed ? "repeated" : "placed"}#bidding`);

  const errors = result.field || result.errors ? failureFieldErrors(result) : {};
  return refuse(failureStatus(result.code), {
    code: result.code,
    formError: result.message,
    errors: Object.fromEntries(
      Object.entries(errors).map(([field, text]) => [FIELD_OF[field] ?? field, text]),
    ),
    blockers: result.details?.blockers?.map((b) => ({ code: b.code, message: b.message })) ?? [],
    ...(result.details?.minimum ? { minimum: result.details.minimum } : {}),
  });
}

export function loader({ params }: { params: { lotId?: string } }) {
  return redirect(`/lots/${params.lotId ?? ""}#bidding`);
}
