import { metrics } from "./metrics.server.ts";
/**
 * One Server-Sent Events response for every live page (a lot's sale, a shipment's milestones):
 * subscribe first, then read, so a change committed in between is not missed; send the first read,
 * then every update whose order number has not gone backwards (a re-read that started before a newer
 * one finished must not take the page back); a comment every 15 s keeps proxies from closing an idle
 * stream; the subscription ends when the client goes away.
 *
 * "no-transform" keeps the compression middleware from buffering the stream (express-app.server.ts).
 */
export const HEARTBEAT_MS = 15_000;

export interface LiveStreamSource<T> {
  /** Starts listening; `push` gets each fresh read, `end` closes the stream. Returns unsubscribe. */
  subscribe: (push: (update: T) => void, end: () => void) => Promise<() => void>;
  /** The current state, or null when there is nothing to follow (404). */
  read: () => Promise<T | null>;
  /** The SSE event name, e.g. "auction". */
  event: string;
  /** A number that grows with every change (a sequence, a version): also the message id. */
  order: (update: T) => number;
  /** The 404 text when `read` finds nothing. */
  notFound: string;
}

export async function liveEventStream<T>(request: Request, source: LiveStreamSource<T>): Promise<Response> {
  const encoder = new TextEncoder();
  let push: (update: T) => void = () => {};
  let end: () => void = () => {};
  const unsubscribe = await source.subscribe(
    (update) => push(update),
    () => end(),
  );
  const first = await source.read().catch((error) => {
    unsubscribe();
    throw error;
  });
  if (!first) {
    unsubscribe();
    throw new Response(source.notFound, { status: 404 });
  }

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let last = -1;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      push = (update) => {
        const order = source.order(update);
        if (order < last) return;
        last = order;
        send(`event: ${source.event}\nid: ${order}\ndata: ${JSON.stringify(update)}\n\n`);
      };
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      end = () => {
        if (!open) return;
        open = false;
        metrics().liveStreams.dec();
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
      metrics().liveStreams.inc();
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
