import type { ActionFunctionArgs } from "@remix-run/node";
import { AWARD_API_FIELDS, AwardSealedBody, RelistBody } from "~/api/award-api.server.ts";
import {
  apiHandler,
  failureProblem,
  json,
  problem,
  readJsonBody,
  validationProblem,
} from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { toAwardJson } from "~/models/bidding/award-list.server.ts";
import { acceptBelowReserve, awardSealedBid } from "~/models/bidding/awards.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { relistLot } from "~/models/bidding/relisting.server.ts";
import { getLotForViewer } from "~/models/lot.server.ts";

const ACTIONS = ["award", "relist", "accept-below-reserve"] as const;

/**
 * The seller's decisions on a closed lot:
 * - POST /api/v1/lots/{id}/award {bidId, reason}: award a sealed tender to one bid, with the reason;
 * - POST /api/v1/lots/{id}/accept-below-reserve: take an auction's highest bid below the reserve;
 * - POST /api/v1/lots/{id}/relist {closesAt, startingPrice?, reservePrice?}: open a new round.
 * Whether the caller may, and whether the lot is in a state for it, is the award model's decision.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const what = params.lotAction ?? "";
    if (!(ACTIONS as readonly string[]).includes(what))
      return problem(404, "No such lot action.", { code: "NOT_FOUND" });
    if (request.method !== "POST")
      return problem(405, `Use POST to ${what.replaceAll("-", " ")}.`, {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const caller = await requireApiActor(request);
    const who = { organizationId: caller.organization.id, userId: caller.userId };
    const lotId = params.lotId ?? "";
    await closeLotIfDue(lotId);

    if (what === "award") {
      const body = await readJsonBody(request, AwardSealedBody);
      const result = await awardSealedBid(who, lotId, body.bidId, body.reason);
      if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
      return json({ award: toAwardJson(result.award) });
    }
    if (what === "accept-below-reserve") {
      const result = await acceptBelowReserve(who, lotId);
      if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
      return json({ award: toAwardJson(result.award) });
    }
    const body = await readJsonBody(request, RelistBody);
    const lot = await getLotForViewer(lotId, caller.organization.id);
    if (!lot) return problem(404, "There is no such lot.", { code: "NOT_FOUND" });
    const wrongCurrency = (["startingPrice", "reservePrice"] as const).filter((key) => {
      const price = body[key];
      return price && price.currency !== lot.currency;
    });
    if (wrongCurrency.length > 0)
      return validationProblem(
        wrongCurrency.map((key) => ({
          field: `${key}.currency`,
          message: `This lot is sold in ${lot.currency}.`,
        })),
      );
    const result = await relistLot(who, lotId, new Date(body.closesAt), {
      startingPriceMinor: body.startingPrice?.amountMinor,
      reservePriceMinor:
        body.reservePrice === undefined ? undefined : (body.reservePrice?.amountMinor ?? null),
    });
    if (!result.ok) return failureProblem(result, { fields: AWARD_API_FIELDS });
    return json({
      lotId: result.lot.id,
      status: result.lot.status,
      round: result.lot.round,
      closesAt: result.lot.closesAt?.toISOString() ?? null,
    });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
