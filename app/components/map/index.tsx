/**
 * Packloop's maps. Leaflet touches `window` when imported, so each map lives in a `*.client.tsx`
 * module (empty on the server) and is rendered inside remix-utils' ClientOnly, with a placeholder
 * of the same height so the page does not jump when the map arrives.
 *
 * - LocationPicker: find a place, click the map or drag the pin to set a point; for lot and
 *   facility forms (ADR 039: the gazetteer, the sea-pin question).
 * - PointMap: a small map of a few points; for detail pages.
 * - MarketMap: every lot and/or facility matching a search, clustered; for /lots and /facilities.
 *
 * The base layer is the bundled Natural Earth world map unless MAP_TILE_URL is set (the root
 * loader passes it as `mapTiles`). See docs/decisions/004-offline-map.md.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";
import "leaflet/dist/leaflet.css";
import "./map.css";
import { isEconomyCode } from "~/domain/economies.ts";
import type { BBox } from "~/domain/lot-filters.ts";
import LocationPickerMap, { type LatLng } from "./location-picker.client.tsx";
import type { FacilityMapData, LotMapData, MapTiles } from "./map-data.ts";
import MarketMapView from "./market-map.client.tsx";
import { PinCheck } from "./pin-check.tsx";
import { PlaceSearch, type PlaceSuggestion } from "./place-search.tsx";
import PointMapView, { type MapPoint } from "./point-map.client.tsx";

export { MapLegend } from "./legend.tsx";
export { chemistryColour } from "./symbols.ts";
export type { FacilityMapData, LatLng, LotMapData, MapPoint, MapTiles, PlaceSuggestion };

/** The signed-in viewer's organisation's economy (the root loader's), or null. */
function useOrganizationEconomy(): string | null {
  const root = useRouteLoaderData("root") as { organizationEconomy?: string | null } | undefined;
  return root?.organizationEconomy ?? null;
}

/** The tile server from the root loader's `mapTiles`, or null for the offline world map. */
export function useMapTiles(): MapTiles | null {
  const root = useRouteLoaderData("root") as { mapTiles?: MapTiles | null } | undefined;
  return root?.mapTiles ?? null;
}

function MapPlaceholder({ height, label }: { height: number; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="pl-map pl-map-placeholder" style={{ height }} role="img" aria-label={label}>
      <span>{t("listing.map.loading")}</span>
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
  /** The economy the place should be in (the form's choice, else derived from the pin): ranks the search, checks the pin. */
  economy?: string | null;
  /** A place was picked from the search (after onChange moved the pin there). */
  onPlace?(place: PlaceSuggestion): void;
  /** Question a doubtful pin before the enclosing form is saved (lot and facility forms). */
  checkPin?: boolean;
}

/**
 * Find a place (type-ahead over the gazetteer), or click the map, or drag the pin. The map opens
 * on the form's economy, else the organisation's; a pin far from any town or from the place
 * searched for is questioned before the enclosing form is saved (ADR 039).
 */
export function LocationPicker({
  value,
  onChange,
  height = 320,
  economy = null,
  onPlace,
  checkPin = false,
}: LocationPickerProps) {
  const { t } = useTranslation();
  const tiles = useMapTiles();
  const organizationEconomy = useOrganizationEconomy();
  const [chosen, setChosen] = useState<PlaceSuggestion | null>(null);
  const openOn = economy || organizationEconomy;
  return (
    <PinCheck value={value} economy={economy || null} chosen={chosen} ask={checkPin}>
      <PlaceSearch
        prefer={openOn}
        onPick={(place) => {
          setChosen(place);
          onChange({ lat: place.lat, lng: place.lng });
          onPlace?.(place);
        }}
      />
      <ClientMap height={height} label={t("listing.map.picker")}>
        {() => (
          <LocationPickerMap
            value={value}
            onChange={onChange}
            height={height}
            tiles={tiles}
            openOn={isEconomyCode(openOn) ? openOn : null}
          />
        )}
      </ClientMap>
    </PinCheck>
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
