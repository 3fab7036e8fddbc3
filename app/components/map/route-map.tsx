import { ClientOnly } from "remix-utils/client-only";
import "leaflet/dist/leaflet.css";
import "./map.css";
import type { LatLng } from "~/domain/logistics/geo.ts";
import { useMapTiles } from "./index.tsx";
import RouteMapView from "./route-map.client.tsx";
import { QUOTE_MODE_COLOURS, type QuoteRoute } from "./route-map-data.ts";

export type { QuoteRoute };

/**
 * Routes from one lot to facilities, one polyline per leg coloured by mode, with a legend that
 * renders on the server. Leaflet needs `window`, so the map itself only renders in the browser.
 */
export function RouteMap({
  origin,
  routes,
  height = 380,
}: {
  origin: LatLng;
  routes: readonly QuoteRoute[];
  height?: number;
}) {
  const tiles = useMapTiles();
  return (
    <div>
      <ClientOnly
        fallback={
          <div
            className="pl-map pl-map-placeholder"
            style={{ height }}
            role="img"
            aria-label="Map of the routes"
          >
            <span>Loading map…</span>
          </div>
        }
      >
        {() => <RouteMapView origin={origin} routes={routes} height={height} tiles={tiles} />}
      </ClientOnly>
      <ul className="pl-route-legend" aria-label="Route legend">
        {(["road", "rail", "sea"] as const).map((mode) => (
          <li key={mode}>
            <span
              aria-hidden="true"
              style={{
                display: "inline-block",
                width: 24,
                height: 4,
                marginRight: 6,
                verticalAlign: "middle",
                background: QUOTE_MODE_COLOURS[mode],
              }}
            />
            {mode === "road" ? "Road" : mode === "rail" ? "Rail" : "Sea"}
          </li>
        ))}
      </ul>
    </div>
  );
}
