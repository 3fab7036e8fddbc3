import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getActor } from "~/auth/actor.server.ts";
import { localDateTimeToInstant } from "~/domain/bidding/closing.ts";
import { type Failure, fail, failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { parseMoneyInput } from "~/domain/money.ts";
import { isTimeZone, zonedDateTimeToInstant } from "~/domain/time-zone.ts";
import type { AwardCaller, AwardFailure } from "~/models/bidding/award-transaction.server.ts";
import {
  acceptBelowReserve,
  awardSealedBid,
  confirmAward,
  declineAward,
} from "~/models/bidding/awards.server.ts";
import { withdrawBid } from "~/models/bidding/bid-withdrawal.server.ts";
import { lotSaleTerms } from "~/models/bidding/lot-sale.server.ts";
import { acceptPurchaseRequest, declinePurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { relistLot } from "~/models/bidding/relisting.server.ts";

/**
 * The lot page's closing and awarding buttons (app/components/lot/award-panel.tsx) post here with
 * an intent. Success goes back to the award panel (the page re-reads the lot); a refusal answers
 * with its status, the model's message and, for bad input, the field it concerns. A resource route
 * rather than intents on the lot page's own action, which is for the seller's listing.
 */

type Feedback = { intent: string | null; formError: string; errors: Record<string, string> };

function refused(intent: string | null, failure: Failure) {
  // A Response, not data(): from a resource route Remix sends data()'s wrapper, with 200, to a
  // plain form post; single fetch reads the status and body of either.
  return Response.json(
    {
      intent,
      formError: failure.message,
      errors: failure.field || failure.errors ? failureFieldErrors(failure) : {},
    } satisfies Feedback,
    { status: failureStatus(failure.code) },
  );
}

async function readOptionalMoney(form: FormData, name: string, lotId: string) {
  const text = String(form.get(name) ?? "").trim();
  if (text === "") return { ok: true as const, value: undefined };
  const lot = await lotSaleTerms(lotId);
  const parsed = parseMoneyInput(text, lot?.currency ?? "USD");
  if (!parsed.ok || parsed.amountMinor <= 0)
    return {
      ok: false as const,
      message: `Enter a positive amount in ${lot?.currency ?? "the lot's currency"}.`,
    };
  return { ok: true as const, value: parsed.amountMinor };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lotId = params.lotId ?? "";
  const back = `/lots/${lotId}#award`;
  const viewer = await getActor(request);
  if (!viewer) return redirect(`/login?redirectTo=${encodeURIComponent(`/lots/${lotId}`)}`);
  if (!viewer.organizationId) return refused(null, fail("FORBIDDEN", "Join an organisation to act on lots."));
  const caller: AwardCaller = { organizationId: viewer.organizationId, userId: viewer.userId };
  const form = await request.formData();
  const intentValue = form.get("intent");
  const intent = typeof intentValue === "string" ? intentValue : null;
  const text = (name: string) => String(form.get(name) ?? "");

  let result: { ok: true } | AwardFailure;
  switch (intent) {
    case "confirm":
      result = await confirmAward(caller, text("awardId"));
      break;
    case "decline":
      result = await declineAward(caller, text("awardId"), text("reason"));
      break;
    case "acceptBelowReserve":
      result = await acceptBelowReserve(caller, lotId);
      break;
    case "relist": {
      // In the zone the form named (ADR 040; DST-safe), else the browser's offset, else UTC.
      const zone = form.get("timeZone");
      const typed = form.get("closesAt");
      const closesAt =
        isTimeZone(zone) && typeof typed === "string"
          ? zonedDateTimeToInstant(typed, zone)
          : localDateTimeToInstant(typed, form.get("tzOffset"));
      if (!closesAt)
        return refused(intent, fail("VALIDATION", "Give the new close time.", { field: "closesAt" }));
      const starting = await readOptionalMoney(form, "startingPrice", lotId);
      if (!starting.ok)
        return refused(intent, fail("VALIDATION", starting.message, { field: "startingPrice" }));
      const reserve = await readOptionalMoney(form, "reserve", lotId);
      if (!reserve.ok) return refused(intent, fail("VALIDATION", reserve.message, { field: "reserve" }));
      result = await relistLot(caller, lotId, closesAt, {
        startingPriceMinor: starting.value,
        reservePriceMinor: form.get("removeReserve") === "on" ? null : reserve.value,
      });
      break;
    }
    case "awardSealed":
      result = await awardSealedBid(caller, lotId, text("bidId"), text("reason"));
      break;
    case "acceptRequest":
      result = await acceptPurchaseRequest(caller, text("bidId"));
      break;
    case "declineRequest":
      result = await declinePurchaseRequest(caller, text("bidId"), text("note"));
      break;
    case "withdraw":
      result = await withdrawBid(caller, text("bidId"));
      break;
    default:
      return refused(intent, fail("VALIDATION", "Unknown action."));
  }
  if (result.ok) return redirect(back);
  return refused(intent, result);
}

export function loader({ params }: { params: { lotId?: string } }) {
  return redirect(`/lots/${params.lotId ?? ""}#award`);
}
