import type { LatLng } from "~/domain/logistics/geo.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";

/** One route for the routes map: its legs in order, as the matching engine plans them. */
export interface RouteLine {
  key: string;
  /** Names the route in each leg's tooltip (e.g. the facility). */
  label: string;
  /** Names the far end's marker. */
  endLabel: string;
  legs: readonly { mode: SurfaceMode; from: LatLng; to: LatLng; distanceKm: number }[];
  /** The best route, drawn thicker and on top. */
  highlight?: boolean;
  /** Where it was last seen (a shipment's last milestone), drawn as a marker; `alert` draws it red. */
  position?: LatLng & { label: string; alert?: boolean };
}

/** One colour per mode, readable on the offline base map and for common colour blindness. */
export const MODE_COLOURS: Readonly<Record<SurfaceMode, string>> = {
  road: "#d97706",
  rail: "#7c3aed",
  sea: "#0369a1",
};

export const MODE_LABELS: Readonly<Record<SurfaceMode, string>> = { road: "Road", rail: "Rail", sea: "Sea" };
