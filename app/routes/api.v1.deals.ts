import type { LoaderFunctionArgs } from "@remix-run/node";
import { dealViewerOf, readDealFilter } from "~/api/deal-api.server.ts";
import { apiHandler, json } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { listDeals } from "~/models/deals/deal-read.server.ts";

/** GET /api/v1/deals?role=&status=: the deals the caller's organisation is party to. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const filter = readDealFilter(new URL(request.url).searchParams);
    return json({ deals: await listDeals(dealViewerOf(caller), filter) });
  });
}
