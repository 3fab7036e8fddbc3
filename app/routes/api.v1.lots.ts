import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  apiHandler,
  failureProblem,
  json,
  problem,
  readJsonBody,
  readPagination,
  validationProblem,
} from "~/api/http.server.ts";
import { CreateLotBody } from "~/api/lot-api.server.ts";
import { emailVerificationRefusal, requireApiActor } from "~/auth/actor.server.ts";
import { parseLotFilters } from "~/domain/lot-filters.ts";
import { validateLotInput } from "~/domain/lot-input.ts";
import { createLot, toLotJson } from "~/models/lot.server.ts";
import { searchLots } from "~/models/lot-search.server.ts";
import { currentReferencePrices } from "~/models/reference-price.server.ts";

/** GET /api/v1/lots: the same filters as the /lots page, as query parameters. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const params = new URL(request.url).searchParams;
    const { limit, offset } = readPagination(params);
    const parsed = parseLotFilters(params);
    if (!parsed.ok) return validationProblem(parsed.errors);
    const [{ lots, total }, { prices }] = await Promise.all([
      searchLots(parsed.filters, { limit, offset }, caller.organization.id),
      currentReferencePrices(),
    ]);
    return json({
      lots: lots.map((lot) => toLotJson(lot, { viewerOrganizationId: caller.organization.id, prices })),
      total,
      limit,
      offset,
    });
  });
}

/** POST /api/v1/lots: a new lot of the caller's organisation (a draft unless status is "open"). */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to create a lot.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const caller = await requireApiActor(request, { capability: "seller" });
    const body = await readJsonBody(request, CreateLotBody);
    const publish = body.status === "open";
    const unverified = publish ? emailVerificationRefusal(caller) : null;
    if (unverified) return failureProblem(unverified);
    const now = new Date();
    const { status: _status, ...raw } = body;
    const checked = validateLotInput(raw, {
      today: now.toISOString().slice(0, 10),
      now,
      mode: publish ? "publish" : "draft",
    });
    if (!checked.ok) return validationProblem(checked.errors);
    const lot = await createLot(
      { organizationId: caller.organization.id, userId: caller.userId },
      checked.value,
      { publish, now },
    );
    const { prices } = await currentReferencePrices();
    return json(toLotJson(lot, { viewerOrganizationId: caller.organization.id, prices }), {
      status: 201,
      headers: { Location: `/api/v1/lots/${lot.id}` },
    });
  });
}
