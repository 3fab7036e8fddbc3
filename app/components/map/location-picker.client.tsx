import type L from "leaflet";
import { useEffect, useMemo, useRef, useState } from "react";
import { MapContainer, Marker, useMap, useMapEvents } from "react-leaflet";
import type { EconomyCode } from "~/domain/economies.ts";
import { ECONOMY_LABEL_POINTS } from "~/domain/places/map-labels.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import { pinIcon } from "./leaflet-shared.client.ts";
import type { MapTiles } from "./map-data.ts";
import { DEFAULT_VIEW, fromMapLng, nearestCopy, toMapLng } from "./pacific.ts";

export interface LatLng {
  lat: number;
  lng: number;
}

export interface LocationPickerMapProps {
  value: LatLng | null;
  onChange(point: LatLng): void;
  height: number;
  tiles: MapTiles | null;
  /** With no point yet, the map opens on this economy (the form's, else the organisation's). */
  openOn?: EconomyCode | null;
}

/**
 * The picker pans round the globe (ADR 039): north and south it stops at the Mercator edge, east
 * and west it has no end (the world is drawn a turn either side, and clicks are normalised).
 */
const PICKER_BOUNDS: [[number, number], [number, number]] = [
  [-85, -100_000],
  [85, 100_000],
];

/** Where the picker opens for an economy: its label point, zoomed in two steps past the label's zoom. */
function openingView(openOn: EconomyCode | null | undefined): { lat: number; lng: number; zoom: number } {
  if (!openOn) return DEFAULT_VIEW;
  const [lat, lng, minZoom] = ECONOMY_LABEL_POINTS[openOn];
  return { lat, lng: toMapLng(lng), zoom: Math.min(10, minZoom + 2) };
}

// Six decimals is ~0.1 m: more than any lot location needs, and it keeps form values tidy.
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function toPoint(latlng: L.LatLng): LatLng {
  return { lat: round6(Math.max(-90, Math.min(90, latlng.lat))), lng: round6(fromMapLng(latlng.lng)) };
}

function ClickToPlace({ onChange }: { onChange(point: LatLng): void }) {
  useMapEvents({ click: (event) => onChange(toPoint(event.latlng)) });
  return null;
}

/** Re-centres when the value is set from outside the map (typed coordinates, a chosen port). */
function FollowValue({ value }: { value: LatLng | null }) {
  const map = useMap();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!value) return;
    const key = `${value.lat},${value.lng}`;
    if (key === last.current) return;
    last.current = key;
    // The copy of the point nearest the view: panning a turn round the globe does not jump back.
    const target: [number, number] = [value.lat, nearestCopy(toMapLng(value.lng), map.getCenter().lng)];
    if (!map.getBounds().pad(-0.1).contains(target)) map.setView(target, Math.max(map.getZoom(), 8));
  }, [map, value]);
  return null;
}

/** The pin, drawn on the copy of the world nearest the view's centre. */
function Pin({ value, onChange }: { value: LatLng; onChange(point: LatLng): void }) {
  const { t } = useTranslation();
  const map = useMap();
  const icon = useMemo(() => pinIcon(), []);
  const [centre, setCentre] = useState(() => map.getCenter().lng);
  useMapEvents({ moveend: () => setCentre(map.getCenter().lng) });
  return (
    <Marker
      position={[value.lat, nearestCopy(toMapLng(value.lng), centre)]}
      icon={icon}
      draggable
      keyboard
      title={t("listing.pin.title")}
      eventHandlers={{ dragend: (event) => onChange(toPoint((event.target as L.Marker).getLatLng())) }}
    />
  );
}

export default function LocationPickerMap({
  value,
  onChange,
  height,
  tiles,
  openOn,
}: LocationPickerMapProps) {
  const opening = openingView(openOn);
  const center: [number, number] = value ? [value.lat, toMapLng(value.lng)] : [opening.lat, opening.lng];
  return (
    <div data-testid="location-picker" data-opened-on={value ? "point" : (openOn ?? "region")}>
      <MapContainer
        center={center}
        zoom={value ? 8 : opening.zoom}
        minZoom={1}
        maxBounds={PICKER_BOUNDS}
        maxBoundsViscosity={1}
        worldCopyJump={false}
        style={{ height }}
        className="pl-map pl-location-picker"
      >
        <BaseLayer tiles={tiles} copies />
        <ClickToPlace onChange={onChange} />
        <FollowValue value={value} />
        {value ? <Pin value={value} onChange={onChange} /> : null}
      </MapContainer>
    </div>
  );
}
