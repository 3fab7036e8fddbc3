import L from "leaflet";
import { useMemo } from "react";
import { CircleMarker, MapContainer, Marker, Polyline, Popup, Tooltip } from "react-leaflet";
import { greatCirclePath, type LatLng, unwrapLongitudes } from "~/domain/logistics/geo.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import type { MapTiles } from "./map-data.ts";
import { MAP_MAX_BOUNDS, nearestCopy, toMapLng } from "./pacific.ts";
import { rankedRouteStyle } from "./ranked-routes.ts";
import { MODE_COLOURS, type RouteLine, TRAVELLED_COLOUR } from "./routes-map-data.ts";

export interface RoutesMapViewProps {
  /** The end every route shares (the lot, or the facility): the map is centred on its copy. */
  anchor: LatLng & { label: string };
  routes: readonly RouteLine[];
  height: number;
  tiles: MapTiles | null;
  /** Whether the anchor gets a marker of its own (not on a map of many shipments). */
  showAnchor?: boolean;
}

interface DrawnLeg {
  key: string;
  mode: RouteLine["legs"][number]["mode"];
  points: [number, number][];
  label: string;
  strong: boolean;
  /** The route's rank, when it belongs to a ranking (drawn on the ranked scale). */
  rank?: number;
}

/** A leg's line: a ranked route on the shared rank scale, else thick when highlighted. */
function legStyle(leg: DrawnLeg): { weight: number; opacity: number } {
  if (leg.rank !== undefined) return rankedRouteStyle(leg.rank);
  return leg.strong ? { weight: 5, opacity: 0.95 } : { weight: 3, opacity: 0.55 };
}

/** The numbered end of a ranked route: the facility's row number in the list beside the map. */
function rankIcon(rank: number): L.DivIcon {
  return L.divIcon({
    className: "pl-route-rank",
    html: `<span data-rank="${rank}">${rank}</span>`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

/**
 * A route's legs on the Pacific-centred map. Sea legs follow the great circle between their ports
 * and waypoints (points every 250 km) so a trans-Pacific leg arcs across the antimeridian instead
 * of across the world; every leg continues from where the previous one ended, and the whole route
 * starts at the copy of its first point nearest the anchor. The path travelled is placed the same
 * way, from the copy of its first point nearest the route's start.
 */
function drawRoute(
  route: RouteLine,
  anchorLng: number,
  legLabel: (route: RouteLine, leg: RouteLine["legs"][number]) => string,
): { legs: DrawnLeg[]; ends: [number, number][]; travelled: [number, number][] | null } {
  const legs: DrawnLeg[] = [];
  let previousLng: number | null = null;
  for (const [index, leg] of route.legs.entries()) {
    const vertices = leg.path && leg.path.length >= 2 ? leg.path : [leg.from, leg.to];
    const raw = leg.mode === "sea" ? greatCirclePath(vertices) : vertices;
    const points = placed(raw, previousLng ?? anchorLng);
    previousLng = points[points.length - 1][1];
    legs.push({
      key: `${route.key}:${index}`,
      mode: leg.mode,
      points,
      label: legLabel(route, leg),
      strong: route.highlight === true,
      ...(route.rank !== undefined ? { rank: route.rank } : {}),
    });
  }
  const ends =
    legs.length > 0 ? [legs[0].points[0], legs[legs.length - 1].points.at(-1) ?? legs[0].points[0]] : [];
  const travelled =
    route.travelled && route.travelled.length >= 2
      ? placed(route.travelled, legs[0]?.points[0]?.[1] ?? anchorLng)
      : null;
  return { legs, ends, travelled };
}

/** Points as map positions, unwrapped across the antimeridian and starting near `nearLng`. */
function placed(points: readonly LatLng[], nearLng: number): [number, number][] {
  const path = unwrapLongitudes(points);
  const shift = nearestCopy(toMapLng(path[0].lng), nearLng) - path[0].lng;
  return path.map((p) => [p.lat, p.lng + shift] as [number, number]);
}

export default function RoutesMapView({
  anchor,
  routes,
  height,
  tiles,
  showAnchor = true,
}: RoutesMapViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const anchorLng = toMapLng(anchor.lng);
  const formatNumber = f.number;
  // A leg's tooltip in the page's language: the route, its mode and its distance when known.
  const drawn = useMemo(() => {
    const legLabel = (route: RouteLine, leg: RouteLine["legs"][number]) => {
      const mode = t(`shipments.mode.${leg.mode}`, { defaultValue: leg.mode });
      return leg.distanceKm === undefined
        ? t("shipments.map.leg", { route: route.label, mode })
        : t("shipments.map.legDistance", {
            route: route.label,
            mode,
            distance: formatNumber(leg.distanceKm),
          });
    };
    return routes.map((r) => ({ route: r, ...drawRoute(r, anchorLng, legLabel) }));
  }, [routes, anchorLng, t, formatNumber]);
  const bounds = useMemo(() => {
    const all: [number, number][] = [[anchor.lat, anchorLng]];
    for (const d of drawn) for (const leg of d.legs) all.push(...leg.points);
    return L.latLngBounds(all);
  }, [drawn, anchor.lat, anchorLng]);
  // Faint routes first so the highlighted (best) one is drawn on top; ranked ones worst first.
  const legs = drawn
    .flatMap((d) => d.legs)
    .sort((a, b) => Number(a.strong) - Number(b.strong) || (b.rank ?? 0) - (a.rank ?? 0));
  return (
    <div data-testid="routes-map">
      <MapContainer
        {...(drawn.length > 0
          ? { bounds: bounds.pad(0.15), boundsOptions: { maxZoom: 7 } }
          : { center: L.latLng(anchor.lat, anchorLng), zoom: 5 })}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        scrollWheelZoom={false}
        // Thousands of shipments draw faster on one canvas than as as many SVG paths.
        preferCanvas={legs.length > 500}
        style={{ height }}
        className="pl-map pl-routes-map"
      >
        <BaseLayer tiles={tiles} />
        {legs.map((leg) => (
          <Polyline
            key={leg.key}
            positions={leg.points}
            pathOptions={{
              color: MODE_COLOURS[leg.mode],
              ...legStyle(leg),
              dashArray: leg.mode === "rail" ? "8 6" : undefined,
            }}
            // Set when the path is created: pathOptions only restyle it and cannot add a class.
            className={`pl-route-leg pl-route-${leg.mode}`}
          >
            <Tooltip sticky>{leg.label}</Tooltip>
          </Polyline>
        ))}
        {drawn.map((d) =>
          d.travelled ? (
            <Polyline
              key={`${d.route.key}:travelled`}
              positions={d.travelled}
              pathOptions={{ color: TRAVELLED_COLOUR, weight: d.route.highlight ? 4 : 3, opacity: 0.9 }}
              className="pl-route-travelled"
            >
              <Tooltip sticky>{t("shipments.map.travelledOf", { route: d.route.label })}</Tooltip>
            </Polyline>
          ) : null,
        )}
        {drawn.map((d) =>
          d.ends.slice(1).map((end) =>
            d.route.rank !== undefined ? (
              <Marker
                key={`${d.route.key}:end`}
                position={end}
                icon={rankIcon(d.route.rank)}
                title={d.route.endLabel}
                keyboard={false}
                // Leaflet stacks markers by their screen y plus this offset: steps of 1,000 keep a
                // better rank on top of a worse one close by, wherever each sits.
                zIndexOffset={(100 - d.route.rank) * 1000}
              >
                <Tooltip>{d.route.endLabel}</Tooltip>
              </Marker>
            ) : (
              <CircleMarker
                key={`${d.route.key}:end`}
                center={end}
                radius={5}
                pathOptions={{ color: "#ffffff", weight: 2, fillColor: "#334155", fillOpacity: 0.9 }}
              >
                <Tooltip>{d.route.endLabel}</Tooltip>
              </CircleMarker>
            ),
          ),
        )}
        {drawn.map((d) =>
          d.route.position ? (
            <CircleMarker
              key={`${d.route.key}:position`}
              center={[d.route.position.lat, nearestCopy(toMapLng(d.route.position.lng), anchorLng)]}
              radius={7}
              pathOptions={{
                color: "#ffffff",
                weight: 2,
                fillColor: d.route.position.alert ? "#dc2626" : "#2563eb",
                fillOpacity: 1,
              }}
              className="pl-route-position"
            >
              <Tooltip>{d.route.position.label}</Tooltip>
              {d.route.href ? (
                <Popup>
                  <a href={d.route.href}>{d.route.position.label}</a>
                </Popup>
              ) : null}
            </CircleMarker>
          ) : null,
        )}
        {showAnchor ? (
          <CircleMarker
            center={[anchor.lat, anchorLng]}
            radius={8}
            pathOptions={{ color: "#ffffff", weight: 2, fillColor: "#0f766e", fillOpacity: 1 }}
          >
            <Tooltip>{anchor.label}</Tooltip>
          </CircleMarker>
        ) : null}
      </MapContainer>
    </div>
  );
}
