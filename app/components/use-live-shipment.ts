import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Reloads the page's data when /shipments/{id}/events reports a version past `version` (a milestone
 * recorded by anyone, anywhere: the lot events channel, ADR 022). EventSource reconnects by itself.
 */
export function useLiveShipment(shipmentId: string, version: number) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/shipments/${shipmentId}/events`);
    const onShipment = (event: MessageEvent<string>) => {
      try {
        const update = JSON.parse(event.data) as { version: number };
        if (update.version > version) revalidate();
      } catch {
        // a malformed message is ignored; the next one carries the state again
      }
    };
    source.addEventListener("shipment", onShipment as EventListener);
    return () => {
      source.removeEventListener("shipment", onShipment as EventListener);
      source.close();
    };
  }, [shipmentId, version, revalidate]);
}

/**
 * Reloads the /shipments page's data (the list, and through its version the map's) when
 * /shipments/events reports a version past `version`: a milestone recorded on any shipment of the
 * organisation, by anyone, anywhere (the lot events channel, ADR 032).
 */
export function useLiveShipments(version: number) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/shipments/events");
    const onShipments = (event: MessageEvent<string>) => {
      try {
        const update = JSON.parse(event.data) as { version: number };
        if (update.version > version) revalidate();
      } catch {
        // a malformed message is ignored; the next one carries the state again
      }
    };
    source.addEventListener("shipments", onShipments as EventListener);
    return () => {
      source.removeEventListener("shipments", onShipments as EventListener);
      source.close();
    };
  }, [version, revalidate]);
}
