import type { LatLng } from "~/domain/logistics/geo.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";

/** One quoted route for the map: its legs as the matching engine planned them, and where it ends. */
export interface QuoteRoute {
  key: string;
  /** The facility's name, for tooltips. */
  label: string;
  end: LatLng;
  legs: readonly { mode: SurfaceMode; from: LatLng; to: LatLng; distanceKm: number }[];
  /** The best route: drawn thicker and on top. */
  highlight?: boolean;
}

/** One colour per mode, distinct on the pale base map and for the common colour blindnesses. */
export const QUOTE_MODE_COLOURS: Readonly<Record<SurfaceMode, string>> = {
  road: "#d97706",
  rail: "#7c3aed",
  sea: "#0369a1",
};
