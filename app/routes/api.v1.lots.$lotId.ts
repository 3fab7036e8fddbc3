import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { auctionJson } from "~/api/bid-api.server.ts";
import {
  apiHandler,
  failureProblem,
  json,
  problem,
  readJsonBody,
  validationProblem,
} from "~/api/http.server.ts";
import { mergePatch, PatchLotBody } from "~/api/lot-api.server.ts";
import { emailVerificationRefusal, requireApiActor } from "~/auth/actor.server.ts";
import { validateLotInput } from "~/domain/lot-input.ts";
import { lotInputFromRow } from "~/domain/lot-json.ts";
import { canEdit } from "~/domain/lot-lifecycle.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { auctionViewFor } from "~/models/bidding/lot-sale.server.ts";
import { getLotForViewer, publishLot, toLotJson, updateLot, withdrawLot } from "~/models/lot.server.ts";
import { currentReferencePrices } from "~/models/reference-price.server.ts";

const notFound = () => problem(404, "There is no such lot.", { code: "NOT_FOUND" });

/** The lot's sale state for the caller: `leading` is true when the caller's organisation leads. */
async function auctionFor(lotId: string, viewerOrganizationId: string) {
  const view = await auctionViewFor(lotId, viewerOrganizationId);
  return view ? auctionJson(view) : null;
}

/** GET /api/v1/lots/{id}: drafts and withdrawn lots exist only for their own organisation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    // Closing is lazy: a lot past its close time is closed (and awarded) before it is shown.
    await closeLotIfDue(params.lotId ?? "");
    const lot = await getLotForViewer(params.lotId ?? "", caller.organization.id);
    if (!lot) return notFound();
    const { prices } = await currentReferencePrices();
    return json({
      ...toLotJson(lot, { viewerOrganizationId: caller.organization.id, prices }),
      auction: await auctionFor(lot.id, caller.organization.id),
    });
  });
}

/**
 * PATCH /api/v1/lots/{id}: change fields of the caller's own lot while it is editable (a draft, or
 * open without bids); `status` publishes or withdraws it. Fields left out keep their values.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "PATCH")
      return problem(405, "Use PATCH to change a lot.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, PATCH" },
      });
    const caller = await requireApiActor(request, { capability: "seller" });
    const who = { organizationId: caller.organization.id, userId: caller.userId };
    const lot = await getLotForViewer(params.lotId ?? "", caller.organization.id);
    if (!lot) return notFound();
    if (lot.organizationId !== caller.organization.id)
      return problem(403, "Only the organisation that listed this lot can change it.", { code: "FORBIDDEN" });
    const body = await readJsonBody(request, PatchLotBody);
    const changesFields = Object.keys(body).some((key) => key !== "status");

    if (body.status === "withdrawn") {
      if (changesFields)
        return validationProblem({ status: "Withdraw a lot on its own, without changing other fields." });
      const result = await withdrawLot(who, lot.id);
      if (!result.ok) return failureProblem(result);
    } else if (changesFields || body.status === "open") {
      const check = canEdit(lot);
      if (!check.ok) return problem(409, check.message, { code: "LOT_NOT_EDITABLE" });
      if (body.status === "open" && lot.status !== "draft")
        return problem(409, "Only a draft can be published.", { code: "LOT_NOT_EDITABLE" });
      const unverified = body.status === "open" ? emailVerificationRefusal(caller) : null;
      if (unverified) return failureProblem(unverified);
      if (changesFields) {
        const now = new Date();
        const mode = lot.status === "open" || body.status === "open" ? "publish" : "draft";
        const checked = validateLotInput(mergePatch(lotInputFromRow(lot), body), {
          today: now.toISOString().slice(0, 10),
          now,
          mode,
        });
        if (!checked.ok) return validationProblem(checked.errors);
        const updated = await updateLot(who, lot.id, checked.value, { expectedVersion: lot.version });
        if (!updated.ok) return failureProblem(updated);
      }
      if (body.status === "open") {
        const published = await publishLot(who, lot.id);
        if (!published.ok) return failureProblem(published);
      }
    }
    const fresh = await getLotForViewer(lot.id, caller.organization.id);
    if (!fresh) return notFound();
    const { prices } = await currentReferencePrices();
    return json({
      ...toLotJson(fresh, { viewerOrganizationId: caller.organization.id, prices }),
      auction: await auctionFor(fresh.id, caller.organization.id),
    });
  });
}
