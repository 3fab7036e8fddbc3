import { ClientOnly } from "remix-utils/client-only";
import { useTranslation } from "~/i18n/use-translation.ts";
import "leaflet/dist/leaflet.css";
import "./map.css";
import type { LatLng } from "~/domain/logistics/geo.ts";
import { useMapTiles } from "./index.tsx";
import RoutesMapView from "./routes-map.client.tsx";
import { MODE_COLOURS, type RouteLine, TRAVELLED_COLOUR } from "./routes-map-data.ts";

export type { RouteLine };

export interface RoutesMapProps {
  anchor: LatLng & { label: string };
  routes: readonly RouteLine[];
  height?: number;
  /** Whether the anchor gets a marker of its own. */
  showAnchor?: boolean;
  /** Adds "Travelled so far" to the legend (maps of shipments). */
  showTravelled?: boolean;
}

/** Routes as polylines per leg, coloured by mode; Leaflet needs `window`, so it renders in the browser only. */
export function RoutesMap({ anchor, routes, height = 360, showAnchor, showTravelled }: RoutesMapProps) {
  const { t } = useTranslation();
  const tiles = useMapTiles();
  const fallback = (
    <div
      className="pl-map pl-map-placeholder"
      style={{ height }}
      role="img"
      aria-label={t("shipments.map.label")}
    >
      <span>{t("shipments.map.loading")}</span>
    </div>
  );
  return (
    <div className="stack-tight">
      <ClientOnly fallback={fallback}>
        {() => (
          <RoutesMapView
            anchor={anchor}
            routes={routes}
            height={height}
            tiles={tiles}
            showAnchor={showAnchor}
          />
        )}
      </ClientOnly>
      <ul className="route-legend" aria-label={t("shipments.map.modes")}>
        {(Object.keys(MODE_COLOURS) as (keyof typeof MODE_COLOURS)[]).map((mode) => (
          <li key={mode}>
            <span className="route-swatch" style={{ background: MODE_COLOURS[mode] }} />{" "}
            {t(`shipments.mode.${mode}`)}
          </li>
        ))}
        {showTravelled ? (
          <li>
            <span className="route-swatch" style={{ background: TRAVELLED_COLOUR }} />{" "}
            {t("shipments.map.travelled")}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
