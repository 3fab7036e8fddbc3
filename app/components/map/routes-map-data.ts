import type { LatLng } from "~/domain/logistics/geo.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";

/** One route for the routes map: its legs in order, as the matching engine plans them. */
export interface RouteLine {
  key: string;
  /** Names the route in each leg's tooltip (e.g. the facility). */
  label: string;
  /** Names the far end's marker. */
  endLabel: string;
  legs: readonly {
    mode: SurfaceMode;
    from: LatLng;
    to: LatLng;
    distanceKm?: number;
    /** The points the leg passes (a sea lane's waypoints), when known; else from → to. */
    path?: readonly LatLng[];
  }[];
  /** The best route, drawn thicker and on top. */
  highlight?: boolean;
  /**
   * Its rank in a ranking (1 = best): drawn on the ranked scale (ranked-routes.ts) and numbered at
   * its far end with the row number of the list beside the map.
   */
  rank?: number;
  /** Where it was last seen (a shipment's last milestone), drawn as a marker; `alert` draws it red. */
  position?: LatLng & { label: string; alert?: boolean };
  /** Where it has been so far (a shipment's recorded positions in order), drawn over the plan. */
  travelled?: readonly LatLng[];
  /** The page of the route's subject, linked from its position marker. */
  href?: string;
}

/** One colour per mode, readable on the offline base map and for common colour blindness. */
export const MODE_COLOURS: Readonly<Record<SurfaceMode, string>> = {
  road: "#d97706",
  rail: "#7c3aed",
  sea: "#0369a1",
};

/** The path travelled so far: dark and solid over the planned legs, readable on every mode colour. */
export const TRAVELLED_COLOUR = "#111827";
