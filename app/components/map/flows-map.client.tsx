import { CircleMarker, MapContainer, Polyline, Tooltip } from "react-leaflet";
import type { PlanFlow } from "~/domain/matching/plan-flows.ts";
import { formatTonnes } from "~/domain/quantity.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import type { MapTiles } from "./map-data.ts";
import { DEFAULT_VIEW, MAP_MAX_BOUNDS, toMapLng } from "./pacific.ts";

export interface FlowsMapViewProps {
  flows: readonly PlanFlow[];
  height: number;
  tiles: MapTiles | null;
}

const CROSS_BORDER = "#b4462b";
const DOMESTIC = "#2f6f4f";

/** A path already unwrapped (continuous longitudes), moved as a whole onto the Pacific-centred map. */
function toMapPath(flow: PlanFlow): [number, number][] {
  const shift = toMapLng(flow.path[0].lng) - flow.path[0].lng;
  return flow.path.map((p) => [p.lat, p.lng + shift]);
}

function label(flow: PlanFlow): string {
  const tonnes = formatTonnes(flow.tonnes, { maxDecimals: 1 });
  const lots = `${flow.lots} ${flow.lots === 1 ? "lot" : "lots"}`;
  return flow.from === flow.to
    ? `Within ${flow.from}: ${tonnes} (${lots})`
    : `${flow.from} → ${flow.to}: ${tonnes} (${lots})`;
}

/** Flows between economies: arcs along great circles, domestic flows as circles, both sized by tonnes. */
export default function FlowsMapView({ flows, height, tiles }: FlowsMapViewProps) {
  return (
    <div data-testid="flows-map">
      <MapContainer
        center={[DEFAULT_VIEW.lat, DEFAULT_VIEW.lng]}
        zoom={DEFAULT_VIEW.zoom}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        scrollWheelZoom={false}
        style={{ height }}
        className="pl-map pl-flows-map"
      >
        <BaseLayer tiles={tiles} />
        {flows.map((flow) => {
          const path = toMapPath(flow);
          if (flow.from === flow.to) {
            return (
              <CircleMarker
                key={`${flow.from}>${flow.to}`}
                center={path[0]}
                radius={flow.weight}
                pathOptions={{ color: "#ffffff", weight: 1.5, fillColor: DOMESTIC, fillOpacity: 0.75 }}
              >
                <Tooltip>{label(flow)}</Tooltip>
              </CircleMarker>
            );
          }
          const end = path[path.length - 1];
          return [
            <Polyline
              key={`${flow.from}>${flow.to}`}
              positions={path}
              pathOptions={{ color: CROSS_BORDER, weight: flow.weight, opacity: 0.7, lineCap: "round" }}
            >
              <Tooltip sticky>{label(flow)}</Tooltip>
            </Polyline>,
            // The destination end, so the direction of a flow reads without arrowheads.
            <CircleMarker
              key={`${flow.from}>${flow.to}:end`}
              center={end}
              radius={Math.max(3, flow.weight / 2 + 1)}
              pathOptions={{ color: "#ffffff", weight: 1, fillColor: CROSS_BORDER, fillOpacity: 1 }}
            />,
          ];
        })}
      </MapContainer>
    </div>
  );
}
