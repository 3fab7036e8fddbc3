import type { LoaderFunctionArgs } from "@remix-run/node";
import { liveAuction } from "~/models/bidding/bid-ladder.server.ts";
import { subscribeToLot } from "~/services/lot-events.server.ts";
import { liveEventStream } from "~/utils/event-stream.server.ts";

/**
 * GET /lots/{id}/events: the lot's live sale state as Server-Sent Events (event-stream.server.ts).
 * Each message is `event: auction` with {auction, leaderTag, ladder (last 20), sequence}, sent on
 * connect and after every change (see app/services/lot-events.server.ts).
 *
 * The stream is the same for every viewer, so it carries nothing private. Whether the viewer leads
 * is answered without a request per viewer per bid: the stream names the leader by a per-lot HMAC
 * tag (bidderTag) and the page knows its own organisation's tag from its loader, so the browser
 * compares the two. The leader's own minimum (its maximum plus one) comes from the page's loader,
 * which runs again after each of its own bids.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lotId = params.lotId ?? "";
  return liveEventStream(request, {
    subscribe: (push, end) => subscribeToLot(lotId, liveAuction, push, end),
    read: () => liveAuction(lotId),
    event: "auction",
    order: (update) => update.sequence,
    notFound: "There is no such lot, or it is not published.",
  });
}
