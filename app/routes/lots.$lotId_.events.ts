import type { LoaderFunctionArgs } from "@remix-run/node";
import { type LiveAuction, liveAuction } from "~/models/bidding/bid-ladder.server.ts";
import { subscribeToLot } from "~/services/lot-events.server.ts";

/**
 * GET /lots/{id}/events: the lot's live sale state as Server-Sent Events. Each message is
 * `event: auction` with {auction, leaderTag, ladder (last 20), sequence}, sent on connect and after
 * every change (see app/services/lot-events.server.ts); a comment every 15 s keeps proxies from
 * closing an idle stream.
 *
 * The stream is the same for every viewer, so it carries nothing private. Whether the viewer leads
 * is answered without a request per viewer per bid: the stream names the leader by a per-lot HMAC
 * tag (bidderTag) and the page knows its own organisation's tag from its loader, so the browser
 * compares the two. The leader's own minimum (its maximum plus one) comes from the page's loader,
 * which runs again after each of its own bids.
 *
 * "no-transform" keeps the compression middleware from buffering the stream (express-app.server.ts).
 */
export const HEARTBEAT_MS = 15_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lotId = params.lotId ?? "";
  const encoder = new TextEncoder();
  let push: (update: LiveAuction) => void = () => {};
  let end: () => void = () => {};
  // Subscribe before the first read, so a bid committed in between is not missed.
  const unsubscribe = await subscribeToLot(
    lotId,
    liveAuction,
    (update) => push(update),
    () => end(),
  );
  const first = await liveAuction(lotId).catch((error) => {
    unsubscribe();
    throw error;
  });
  if (!first) {
    unsubscribe();
    throw new Response("There is no such lot, or it is not published.", { status: 404 });
  }

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let lastSequence = -1;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      push = (update) => {
        // A re-read that started before a newer one finished must not take the page backwards.
        if (update.sequence < lastSequence) return;
        lastSequence = update.sequence;
        send(`event: auction\nid: ${update.sequence}\ndata: ${JSON.stringify(update)}\n\n`);
      };
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      end = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", end);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", end);
      if (request.signal.aborted) return end();
      // Reconnect after 3 s if the connection drops (EventSource does this by itself).
      send("retry: 3000\n\n");
      push(first);
    },
    cancel() {
      end();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
