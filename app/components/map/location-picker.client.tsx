import type L from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { MapContainer, Marker, useMap, useMapEvents } from "react-leaflet";
import { BaseLayer } from "./base-layer.client.tsx";
import { pinIcon } from "./leaflet-shared.client.ts";
import type { MapTiles } from "./map-data.ts";
import { DEFAULT_VIEW, fromMapLng, MAP_MAX_BOUNDS, toMapLng } from "./pacific.ts";

export interface LatLng {
  lat: number;
  lng: number;
}

export interface LocationPickerMapProps {
  value: LatLng | null;
  onChange(point: LatLng): void;
  height: number;
  tiles: MapTiles | null;
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
    const target: [number, number] = [value.lat, toMapLng(value.lng)];
    if (!map.getBounds().pad(-0.1).contains(target)) map.setView(target, Math.max(map.getZoom(), 4));
  }, [map, value]);
  return null;
}

export default function LocationPickerMap({ value, onChange, height, tiles }: LocationPickerMapProps) {
  const icon = useMemo(() => pinIcon(), []);
  const center: [number, number] = value
    ? [value.lat, toMapLng(value.lng)]
    : [DEFAULT_VIEW.lat, DEFAULT_VIEW.lng];
  return (
    <div data-testid="location-picker">
      <MapContainer
        center={center}
        zoom={value ? 5 : DEFAULT_VIEW.zoom}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        maxBoundsViscosity={0.8}
        worldCopyJump={false}
        style={{ height }}
        className="pl-map pl-location-picker"
      >
        <BaseLayer tiles={tiles} />
        <ClickToPlace onChange={onChange} />
        <FollowValue value={value} />
        {value ? (
          <Marker
            position={[value.lat, toMapLng(value.lng)]}
            icon={icon}
            draggable
            keyboard
            title="Lot location (drag to move)"
            eventHandlers={{ dragend: (event) => onChange(toPoint((event.target as L.Marker).getLatLng())) }}
          />
        ) : null}
      </MapContainer>
    </div>
  );
}
