/**
 * Packloop's maps. Leaflet touches `window` when imported, so each map lives in a `*.client.tsx`
 * module (empty on the server) and is rendered inside remix-utils' ClientOnly, with a placeholder
 * of the same height so the page does not jump when the map arrives.
 *
 * - LocationPicker: click the map (or drag the pin) to set a point; for lot and facility forms.
 * - PointMap: a small map of a few points; for detail pages.
 * - MarketMap: every lot and/or facility matching a search, clustered; for /lots and /facilities.
 *
 * The base layer is the bundled Natural Earth world map unless MAP_TILE_URL is set (the root
 * loader passes it as `mapTiles`). See docs/decisions/004-offline-map.md.
 */
import { useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ClientOnly } from "remix-utils/client-only";
import "leaflet/dist/leaflet.css";
import "./map.css";
import type { BBox } from "~/domain/lot-filters.ts";
import LocationPickerMap, { type LatLng } from "./location-picker.client.tsx";
import type { FacilityMapData, LotMapData, MapTiles } from "./map-data.ts";
import MarketMapView from "./market-map.client.tsx";
import PointMapView, { type MapPoint } from "./point-map.client.tsx";

export { MapLegend } from "./legend.tsx";
export { chemistryColour } from "./symbols.ts";
export type { FacilityMapData, LatLng, LotMapData, MapPoint, MapTiles };

/** The tile server from the root loader's `mapTiles`, or null for the offline world map. */
export function useMapTiles(): MapTiles | null {
  const root = useRouteLoaderData("root") as { mapTiles?: MapTiles | null } | undefined;
  return root?.mapTiles ?? null;
}

function MapPlaceholder({ height, label }: { height: number; label: string }) {
  return (
    <div className="pl-map pl-map-placeholder" style={{ height }} role="img" aria-label={label}>
      <span>Loading map…</span>
    </div>
  );
}

function ClientMap({
  height,
  label,
  children,
}: {
  height: number;
  label: string;
  children: () => ReactNode;
}) {
  return <ClientOnly fallback={<MapPlaceholder height={height} label={label} />}>{children}</ClientOnly>;
}

export interface LocationPickerProps {
  value: LatLng | null;
  onChange(point: LatLng): void;
  height?: number;
}

export function LocationPicker({ value, onChange, height = 320 }: LocationPickerProps) {
  const tiles = useMapTiles();
  return (
    <ClientMap height={height} label="Map for choosing a location">
      {() => <LocationPickerMap value={value} onChange={onChange} height={height} tiles={tiles} />}
    </ClientMap>
  );
}

export interface PointMapProps {
  points: MapPoint[];
  height?: number;
}

export function PointMap({ points, height = 240 }: PointMapProps) {
  const tiles = useMapTiles();
  return (
    <ClientMap height={height} label="Map of the location">
      {() => <PointMapView points={points} height={height} tiles={tiles} />}
    </ClientMap>
  );
}

export interface MarketMapProps {
  lots?: LotMapData | null;
  facilities?: FacilityMapData | null;
  height?: number;
  initialBbox?: BBox | null;
  onViewChange?(bbox: BBox): void;
}

export function MarketMap({ height = 520, ...props }: MarketMapProps) {
  const tiles = useMapTiles();
  return (
    <ClientMap height={height} label="Map of search results">
      {() => <MarketMapView {...props} height={height} tiles={tiles} />}
    </ClientMap>
  );
}
