import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { getShipmentFor, shipmentPulse } from "~/models/shipments/shipment-read.server.ts";
import { subscribeToShipment } from "~/services/lot-events.server.ts";

/**
 * GET /shipments/{id}/events: Server-Sent Events for the organisations on the shipment. Each message
 * is `event: shipment` with {version, milestoneCount}, sent on connect and after every recorded
 * milestone (published on the lot events channel, ADR 022); the page reloads its data when the
 * version moved past its own. A comment every 15 s keeps proxies from closing an idle stream.
 */
export const HEARTBEAT_MS = 15_000;

type Pulse = { version: number; milestoneCount: number };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const shipmentId = params.shipmentId ?? "";
  if (!(await getShipmentFor(actor.organization.id, shipmentId))) {
    throw new Response("No such shipment.", { status: 404 });
  }
  const encoder = new TextEncoder();
  let push: (update: Pulse) => void = () => {};
  let end: () => void = () => {};
  const unsubscribe = await subscribeToShipment(
    shipmentId,
    shipmentPulse,
    (update) => push(update),
    () => end(),
  );
  const first = await shipmentPulse(shipmentId).catch((error) => {
    unsubscribe();
    throw error;
  });
  if (!first) {
    unsubscribe();
    throw new Response("No such shipment.", { status: 404 });
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let lastVersion = -1;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      push = (update) => {
        if (update.version < lastVersion) return;
        lastVersion = update.version;
        send(`event: shipment\nid: ${update.version}\ndata: ${JSON.stringify(update)}\n\n`);
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
