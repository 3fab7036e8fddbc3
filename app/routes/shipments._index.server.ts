import { SHIPMENT_STATUSES, type ShipmentStatus } from "~/domain/shipments/progress.ts";

export interface ShipmentPageFilters {
  status: ShipmentStatus | null;
  late: boolean;
}

/** The /shipments filters from the URL, shared by the page and its map's data; unknown values are ignored. */
export function shipmentFiltersFrom(params: URLSearchParams): ShipmentPageFilters {
  const status = params.get("status");
  return {
    status:
      status && (SHIPMENT_STATUSES as readonly string[]).includes(status) ? (status as ShipmentStatus) : null,
    late: params.get("late") === "1",
  };
}
