import { useEffect } from "react";
import { useRevalidateWhenIdle } from "~/components/use-revalidate-when-idle.ts";

/**
 * Reloads the page's data when the Server-Sent Events at `url` report, as `event`, a version past
 * `version`. EventSource reconnects by itself.
 */
function useLiveVersion(url: string, event: string, version: number) {
  const reload = useRevalidateWhenIdle();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    const onVersion = (message: MessageEvent<string>) => {
      try {
        const update = JSON.parse(message.data) as { version: number };
        if (update.version > version) reload();
      } catch {
        // a malformed message is ignored; the next one carries the state again
      }
    };
    source.addEventListener(event, onVersion as EventListener);
    return () => {
      source.removeEventListener(event, onVersion as EventListener);
      source.close();
    };
  }, [url, event, version, reload]);
}

/**
 * Reloads a shipment page's data when a milestone is recorded on it, by anyone, anywhere (the lot
 * events channel, ADR 022).
 */
export function useLiveShipment(shipmentId: string, version: number) {
  useLiveVersion(`/shipments/${shipmentId}/events`, "shipment", version);
}

/**
 * Reloads the /shipments page's data (the list, and through its version the map's) when a
 * milestone is recorded on any shipment of the organisation, by anyone, anywhere (the lot events
 * channel, ADR 032).
 */
export function useLiveShipments(version: number) {
  useLiveVersion("/shipments/events", "shipments", version);
}
