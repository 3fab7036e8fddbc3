import L from "leaflet";
import { Fragment, useMemo } from "react";
import { MapContainer, Marker, Polyline, Tooltip } from "react-leaflet";
import { greatCirclePoints, type LatLng } from "~/domain/logistics/geo.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import { facilityIcon, pinIcon } from "./leaflet-shared.client.ts";
import type { MapTiles } from "./map-data.ts";
import { MAP_MAX_BOUNDS, nearestCopy, toMapLng } from "./pacific.ts";
import { QUOTE_MODE_COLOURS, type QuoteRoute } from "./route-map-data.ts";

export interface RouteMapViewProps {
  origin: LatLng;
  routes: readonly QuoteRoute[];
  height: number;
  tiles: MapTiles | null;
}

/**
 * A route's points on the Pacific-centred map: sea legs follow great circles, and every point is
 * taken as the copy of its longitude nearest the previous one, so a Chile → Korea crossing runs
 * over the Pacific instead of jumping back across the whole map at 180°.
 */
function placeRoute(origin: LatLng, route: QuoteRoute) {
  let previous = toMapLng(origin.lng);
  const place = (p: LatLng): [number, number] => {
    previous = nearestCopy(toMapLng(p.lng), previous);
    return [p.lat, previous];
  };
  const legs = route.legs.map((leg) => {
    const points = leg.mode === "sea" ? greatCirclePoints(leg.from, leg.to) : [leg.from, leg.to];
    return { mode: leg.mode, distanceKm: leg.distanceKm, positions: points.map(place) };
  });
  const last = legs.at(-1)?.positions.at(-1);
  return { legs, end: last ?? place(route.end) };
}

export default function RouteMapView({ origin, routes, height, tiles }: RouteMapViewProps) {
  const placed = useMemo(
    () => routes.map((route) => ({ route, ...placeRoute(origin, route) })),
    [origin, routes],
  );
  const bounds = useMemo(() => {
    const all: [number, number][] = [[origin.lat, toMapLng(origin.lng)]];
    for (const p of placed) for (const leg of p.legs) all.push(...leg.positions);
    for (const p of placed) all.push(p.end);
    return L.latLngBounds(all);
  }, [origin, placed]);
  const pin = useMemo(() => pinIcon(), []);
  const plant = useMemo(() => facilityIcon(null), []);
  // The best route last, so it is drawn on top of the others.
  const ordered = [...placed].reverse();
  return (
    <div data-testid="route-map">
      <MapContainer
        bounds={bounds.pad(0.2)}
        boundsOptions={{ maxZoom: 8 }}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        scrollWheelZoom={false}
        style={{ height }}
        className="pl-map pl-route-map"
      >
        <BaseLayer tiles={tiles} />
        <Marker position={[origin.lat, toMapLng(origin.lng)]} icon={pin}>
          <Tooltip>The lot</Tooltip>
        </Marker>
        {ordered.map(({ route, legs, end }) => (
          <Fragment key={route.key}>
            {legs.map((leg, i) => (
              <Polyline
                // biome-ignore lint/suspicious/noArrayIndexKey: legs keep their order for a route
                key={i}
                positions={leg.positions}
                pathOptions={{
                  color: QUOTE_MODE_COLOURS[leg.mode],
                  weight: route.highlight ? 5 : 3,
                  opacity: route.highlight ? 0.95 : 0.55,
                  dashArray: leg.mode === "sea" ? "8 6" : undefined,
                }}
                // Set when the path is created (setStyle never changes classes): for tests and CSS.
                className={`pl-route-leg pl-route-${leg.mode}`}
              >
                <Tooltip sticky>
                  {route.label}: {leg.mode}, {Math.round(leg.distanceKm).toLocaleString("en")} km
                </Tooltip>
              </Polyline>
            ))}
            <Marker position={end} icon={plant}>
              <Tooltip>{route.label}</Tooltip>
            </Marker>
          </Fragment>
        ))}
      </MapContainer>
    </div>
  );
}
