import L from "leaflet";
import { useMemo } from "react";
import { CircleMarker, MapContainer, Marker, Popup, ZoomControl } from "react-leaflet";
import type { RecyclingProcess } from "~/domain/codes.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import { facilityIcon, pinIcon } from "./leaflet-shared.client.ts";
import type { MapTiles } from "./map-data.ts";
import { MAP_MAX_BOUNDS, nearestCopy, toMapLng } from "./pacific.ts";
import { mainProcess } from "./symbols.ts";

export interface MapPoint {
  lat: number;
  lng: number;
  label: string;
  kind: "lot" | "facility";
  href?: string;
  /** Lots: marker colour (e.g. chemistryColour(lot.chemistry)); the brand colour otherwise. */
  colour?: string;
  /** Facilities: processes, which choose the symbol. */
  processes?: readonly RecyclingProcess[];
}

export interface PointMapViewProps {
  points: MapPoint[];
  height: number;
  tiles: MapTiles | null;
}

export default function PointMapView({ points, height, tiles }: PointMapViewProps) {
  // Points near each other across 180° (Fiji, Kamchatka, Alaska) are drawn as one group.
  const placed = useMemo(() => {
    const anchor = points.length > 0 ? toMapLng(points[0].lng) : 180;
    return points.map((p) => ({ ...p, mapLng: nearestCopy(toMapLng(p.lng), anchor) }));
  }, [points]);
  const bounds = useMemo(
    () =>
      placed.length > 0 ? L.latLngBounds(placed.map((p) => [p.lat, p.mapLng] as [number, number])) : null,
    [placed],
  );
  const pin = useMemo(() => pinIcon(), []);
  const { t } = useTranslation();
  return (
    <div data-testid="point-map">
      <MapContainer
        {...(bounds && placed.length > 1
          ? { bounds: bounds.pad(0.3), boundsOptions: { maxZoom: 8 } }
          : { center: bounds ? bounds.getCenter() : L.latLng(12, 180), zoom: bounds ? 6 : 2 })}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        scrollWheelZoom={false}
        zoomControl={false}
        style={{ height }}
        className="pl-map pl-point-map"
      >
        <ZoomControl zoomInTitle={t("map.zoomIn")} zoomOutTitle={t("map.zoomOut")} />
        <BaseLayer tiles={tiles} />
        {placed.map((p) => (
          <PointMarker key={`${p.kind}:${p.href ?? p.label}:${p.lat}:${p.lng}`} point={p} pin={pin} />
        ))}
      </MapContainer>
    </div>
  );
}

function PointMarker({ point: p, pin }: { point: MapPoint & { mapLng: number }; pin: L.DivIcon }) {
  const popup = <Popup>{p.href ? <a href={p.href}>{p.label}</a> : <strong>{p.label}</strong>}</Popup>;
  if (p.kind === "facility") {
    return (
      <Marker
        position={[p.lat, p.mapLng]}
        icon={facilityIcon(mainProcess(p.processes ?? []), 22)}
        title={p.label}
      >
        {popup}
      </Marker>
    );
  }
  return p.colour ? (
    <CircleMarker
      center={[p.lat, p.mapLng]}
      radius={9}
      pathOptions={{ color: "#ffffff", weight: 2, fillColor: p.colour, fillOpacity: 0.95 }}
    >
      {popup}
    </CircleMarker>
  ) : (
    <Marker position={[p.lat, p.mapLng]} icon={pin} title={p.label}>
      {popup}
    </Marker>
  );
}
