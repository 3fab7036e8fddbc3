import { ClientOnly } from "remix-utils/client-only";
import { useTranslation } from "~/i18n/use-translation.ts";
import "leaflet/dist/leaflet.css";
import "./map.css";
import type { PlanFlow } from "~/domain/matching/plan-flows.ts";
import FlowsMapView, { type FlowsMapViewProps } from "./flows-map.client.tsx";
import { useMapTiles } from "./index.tsx";

export interface FlowsMapProps extends Pick<FlowsMapViewProps, "selected" | "onSelect" | "describe"> {
  flows: readonly PlanFlow[];
  height?: number;
}

/** The allocation plan's flows between economies; Leaflet needs `window`, so it renders in the browser only. */
export function FlowsMap({ flows, height = 420, ...interaction }: FlowsMapProps) {
  const tiles = useMapTiles();
  const { t } = useTranslation();
  return (
    <ClientOnly
      fallback={
        <div
          className="pl-map pl-map-placeholder"
          style={{ height }}
          role="img"
          aria-label={t("insights.map.label")}
        >
          <span>{t("insights.map.loading")}</span>
        </div>
      }
    >
      {() => <FlowsMapView flows={flows} height={height} tiles={tiles} {...interaction} />}
    </ClientOnly>
  );
}
