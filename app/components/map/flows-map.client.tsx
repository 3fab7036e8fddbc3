import type L from "leaflet";
import { useMemo } from "react";
import { CircleMarker, MapContainer, Polyline, Tooltip } from "react-leaflet";
import { ECONOMIES } from "~/domain/economies.ts";
import type { PlanFlow } from "~/domain/matching/plan-flows.ts";
import { flowKey } from "~/domain/matching/plan-view.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import { CROSS_BORDER_COLOUR, DOMESTIC_COLOUR, SELECTED_FLOW_COLOUR } from "./flow-style.ts";
import type { MapTiles } from "./map-data.ts";
import { DEFAULT_VIEW, MAP_MAX_BOUNDS, toMapLng } from "./pacific.ts";

export interface FlowsMapViewProps {
  flows: readonly PlanFlow[];
  height: number;
  tiles: MapTiles | null;
  /** The flow shown in the page's figures ("AU>KR"): drawn on top, the others faded. */
  selected?: string | null;
  /**
   * Hovering, tapping or focusing an arc (each arc is then a keyboard stop) selects it; the page
   * shows its figures. Without it, each arc has a tooltip instead.
   */
  onSelect?: (key: string | null) => void;
  /** The arc's accessible name (and tooltip): the page's words; English by default. */
  describe?: (flow: PlanFlow) => string;
}

const CROSS_BORDER = CROSS_BORDER_COLOUR;
const DOMESTIC = DOMESTIC_COLOUR;
const SELECTED = SELECTED_FLOW_COLOUR;

const flowKeyOf = (flow: Pick<PlanFlow, "from" | "to">) => flowKey(flow.from, flow.to);

/** A path already unwrapped (continuous longitudes), moved as a whole onto the Pacific-centred map. */
function toMapPath(flow: PlanFlow): [number, number][] {
  const shift = toMapLng(flow.path[0].lng) - flow.path[0].lng;
  return flow.path.map((p) => [p.lat, p.lng + shift]);
}

/** Economies at either end of a flow, by the short names the base map writes (ADR 039). */
function economyNames(flows: readonly PlanFlow[]): string[] {
  const codes = new Set(flows.flatMap((f) => [f.from, f.to]));
  return ECONOMIES.filter((e) => codes.has(e.code)).map((e) => e.shortName);
}

/**
 * Flows between economies: arcs along great circles, domestic flows as circles, both sized by
 * tonnes (flowWeight). The economies at the flows' ends are named on the offline map at any zoom.
 */
export default function FlowsMapView({
  flows,
  height,
  tiles,
  selected,
  onSelect,
  describe,
}: FlowsMapViewProps) {
  const names = useMemo(() => economyNames(flows), [flows]);
  const { t } = useTranslation();
  const format = useFormat();
  // The default words of an arc, in the page's language: "AU → KR: 120 t (3 lots)".
  const label = (flow: PlanFlow): string => {
    const values = {
      from: flow.from,
      to: flow.to,
      tonnes: format.tonnes(flow.tonnes, { maxDecimals: 1 }),
      lots: t("insights.map.lots", { count: flow.lots }),
    };
    return flow.from === flow.to ? t("insights.map.within", values) : t("insights.map.between", values);
  };
  const text = describe ?? label;
  // The selected flow is drawn dark and the others faded, but not brought to the front: moving a
  // path in the DOM under a resting mouse makes the browser report a new mouseover on whatever
  // is under it, which would take the selection back from a keyboard user.
  const interactions = (flow: PlanFlow) => {
    const key = flowKeyOf(flow);
    return {
      add: (event: L.LeafletEvent) => {
        const element = (event.target as L.Path).getElement();
        if (!element || !onSelect) return;
        // An arc is a keyboard stop: Tab reaches it and focus shows its figures, as hover does.
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "button");
        element.setAttribute("aria-label", text(flow));
        element.setAttribute("data-flow", key);
        element.addEventListener("focus", () => onSelect(key));
        element.addEventListener("keydown", (e) => {
          if ((e as KeyboardEvent).key === "Enter" || (e as KeyboardEvent).key === " ") onSelect(key);
        });
      },
      ...(onSelect ? { mouseover: () => onSelect(key), click: () => onSelect(key) } : {}),
    };
  };
  const faded = (key: string) => Boolean(selected) && selected !== key;
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
        <BaseLayer tiles={tiles} economyLabels={names} />
        {flows.map((flow) => {
          const key = flowKeyOf(flow);
          const path = toMapPath(flow);
          const isSelected = selected === key;
          const tooltip = onSelect ? null : (
            <Tooltip key="tooltip" sticky={flow.from !== flow.to}>
              {text(flow)}
            </Tooltip>
          );
          if (flow.from === flow.to) {
            return (
              <CircleMarker
                key={key}
                center={path[0]}
                radius={flow.weight}
                eventHandlers={interactions(flow)}
                pathOptions={{
                  color: isSelected ? SELECTED : "#ffffff",
                  weight: isSelected ? 3 : 1.5,
                  fillColor: DOMESTIC,
                  fillOpacity: faded(key) ? 0.35 : 0.75,
                }}
              >
                {tooltip}
              </CircleMarker>
            );
          }
          const end = path[path.length - 1];
          return [
            <Polyline
              key={key}
              positions={path}
              eventHandlers={interactions(flow)}
              pathOptions={{
                color: isSelected ? SELECTED : CROSS_BORDER,
                weight: flow.weight,
                opacity: faded(key) ? 0.3 : isSelected ? 0.95 : 0.7,
                lineCap: "round",
              }}
            >
              {tooltip}
            </Polyline>,
            // The destination end, so the direction of a flow reads without arrowheads.
            <CircleMarker
              key={`${key}:end`}
              center={end}
              radius={Math.max(3, flow.weight / 2 + 1)}
              interactive={false}
              pathOptions={{
                color: "#ffffff",
                weight: 1,
                fillColor: isSelected ? SELECTED : CROSS_BORDER,
                fillOpacity: faded(key) ? 0.4 : 1,
              }}
            />,
          ];
        })}
      </MapContainer>
    </div>
  );
}
