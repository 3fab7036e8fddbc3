import type { TFunction } from "i18next";
import L from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { MapContainer, useMap, ZoomControl } from "react-leaflet";
import type Supercluster from "supercluster";
import { type BBox, bboxFromView } from "~/domain/lot-filters.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { formatNumberIn } from "~/i18n/format.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BaseLayer } from "./base-layer.client.tsx";
import {
  type ClusterMix,
  clusterIcon,
  facilityIndex,
  type Index,
  lotIndex,
  type Props,
} from "./clusters.client.ts";
import { facilityIcon, popupContent } from "./leaflet-shared.client.ts";
import type { MapTiles } from "./map-data.ts";
import {
  decodeFacilityPoint,
  decodeLotPoint,
  type FacilityMapData,
  type FacilityReliabilityPoint,
  type LotMapData,
  lotReference,
} from "./map-data.ts";
import { DEFAULT_VIEW, MAP_MAX_BOUNDS, nearestCopy, toMapLng, viewLngRanges } from "./pacific.ts";
import { chemistryColour, mainProcess } from "./symbols.ts";

/** The popup's reliability line: the badge, or how little history there is. */
function reliabilityLine(t: TFunction, r: FacilityReliabilityPoint): string {
  return r.badge === "new"
    ? t("map.reliabilityNew", { n: r.n })
    : t("map.reliabilityLine", {
        badge: t(`map.reliability.${r.badge}`),
        percent: Math.round(r.lower * 100),
        n: r.n,
      });
}

export interface MarketMapViewProps {
  lots?: LotMapData | null;
  facilities?: FacilityMapData | null;
  height: number;
  tiles: MapTiles | null;
  /** Where to look first (the page's bbox parameter); the Pacific otherwise. */
  initialBbox?: BBox | null;
  /** Called, debounced, after the user pans or zooms; never for the map's own first view. */
  onViewChange?(bbox: BBox): void;
}

const VIEW_DEBOUNCE_MS = 400;

function Markers({
  lots,
  facilities,
  onViewChange,
  filtering,
}: Omit<MarketMapViewProps, "height" | "tiles" | "initialBbox"> & { filtering: boolean }) {
  const map = useMap();
  const { t } = useTranslation();
  const language = usePageLanguage();
  const renderer = useMemo(() => L.canvas({ padding: 0.3 }), []);
  const group = useMemo(() => L.layerGroup(), []);
  const lotsIndex = useMemo(() => (lots && lots.id.length > 0 ? lotIndex(lots) : null), [lots]);
  const facilitiesIndex = useMemo(
    () => (facilities && facilities.id.length > 0 ? facilityIndex(facilities) : null),
    [facilities],
  );
  const onViewChangeRef = useRef(onViewChange);
  onViewChangeRef.current = onViewChange;

  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    const draw = () => {
      group.clearLayers();
      const bounds = map.getBounds().pad(0.2);
      const zoom = Math.round(map.getZoom());
      const centre = map.getCenter().lng;
      const ranges = viewLngRanges(bounds.getWest(), bounds.getEast());
      const query = (index: Index) =>
        ranges.flatMap(([w, e]) =>
          index.getClusters([w, Math.max(-85, bounds.getSouth()), e, Math.min(85, bounds.getNorth())], zoom),
        );
      let rendered = 0;
      let clusters = 0;
      if (lotsIndex && lots) {
        for (const item of query(lotsIndex)) {
          const [lng, lat] = item.geometry.coordinates;
          const at: [number, number] = [lat, nearestCopy(toMapLng(lng), centre)];
          if ("cluster" in item.properties && item.properties.cluster) {
            const props = item.properties as Supercluster.ClusterProperties & ClusterMix;
            const marker = L.marker(at, {
              icon: clusterIcon(props.point_count, "lots", props.c),
              keyboard: false,
            });
            marker.on("click", () =>
              map.setView(at, Math.min(lotsIndex.getClusterExpansionZoom(props.cluster_id), 18)),
            );
            group.addLayer(marker);
            clusters++;
          } else {
            const lot = decodeLotPoint(lots, (item.properties as Props).i);
            const circle = L.circleMarker(at, {
              renderer,
              radius: 6,
              color: "#ffffff",
              weight: 1.2,
              fillColor: chemistryColour(lot.chemistry),
              fillOpacity: 0.95,
            });
            circle.bindPopup(() =>
              popupContent([
                { text: lotReference(lot.number), href: `/lots/${lot.id}` },
                { text: `${chemistryShortLabel(t, lot.chemistry)} · ${t(`lots.form.${lot.form}`)}` },
                { text: `${formatNumberIn(language, lot.massKg)} kg` },
              ]),
            );
            group.addLayer(circle);
          }
          rendered++;
        }
      }
      if (facilitiesIndex && facilities) {
        for (const item of query(facilitiesIndex)) {
          const [lng, lat] = item.geometry.coordinates;
          const at: [number, number] = [lat, nearestCopy(toMapLng(lng), centre)];
          if ("cluster" in item.properties && item.properties.cluster) {
            const props = item.properties as Supercluster.ClusterProperties;
            const marker = L.marker(at, {
              icon: clusterIcon(props.point_count, "facilities"),
              keyboard: false,
            });
            marker.on("click", () =>
              map.setView(at, Math.min(facilitiesIndex.getClusterExpansionZoom(props.cluster_id), 18)),
            );
            group.addLayer(marker);
            clusters++;
          } else {
            const facility = decodeFacilityPoint(facilities, (item.properties as Props).i);
            const process = mainProcess(facility.processes);
            const marker = L.marker(at, {
              icon: facilityIcon(process, 20, facility.reliability?.badge ?? null),
              title: facility.name,
              riseOnHover: true,
            });
            marker.bindPopup(() =>
              popupContent([
                { text: facility.name, href: `/facilities/${facility.id}` },
                { text: facility.processes.map((p) => t(`facilities.processShort.${p}`)).join(", ") },
                ...(facility.reliability ? [{ text: reliabilityLine(t, facility.reliability) }] : []),
              ]),
            );
            group.addLayer(marker);
          }
          rendered++;
        }
      }
      const container = map.getContainer();
      container.dataset.renderedItems = String(rendered);
      container.dataset.renderedClusters = String(clusters);
      container.dataset.lotCount = String(lots?.id.length ?? 0);
      container.dataset.facilityCount = String(facilities?.id.length ?? 0);
    };
    draw();
    map.on("moveend", draw);
    return () => {
      map.off("moveend", draw);
    };
  }, [map, group, renderer, lots, facilities, lotsIndex, facilitiesIndex, t, language]);

  // Only the user's own panning and zooming filters the list: the first view, fitting to a bbox
  // from the URL and a page resize leave the URL alone.
  const touched = useRef(false);
  const pendingReport = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // When the bbox leaves the URL by other means ("Search everywhere"), a report still waiting
  // from the last pan or zoom must not put it back.
  useEffect(() => {
    if (filtering) return;
    clearTimeout(pendingReport.current);
    touched.current = false;
  }, [filtering]);

  useEffect(() => {
    const container = map.getContainer();
    const touch = () => {
      touched.current = true;
    };
    const moved = () => {
      if (!touched.current) return;
      clearTimeout(pendingReport.current);
      pendingReport.current = setTimeout(() => {
        const b = map.getBounds();
        onViewChangeRef.current?.(bboxFromView(b.getWest(), b.getSouth(), b.getEast(), b.getNorth()));
      }, VIEW_DEBOUNCE_MS);
    };
    const events = ["pointerdown", "wheel", "keydown", "touchstart"] as const;
    for (const e of events) container.addEventListener(e, touch, { passive: true });
    map.on("moveend", moved);
    return () => {
      clearTimeout(pendingReport.current);
      for (const e of events) container.removeEventListener(e, touch);
      map.off("moveend", moved);
    };
  }, [map]);

  return null;
}

/** The initial view for a bbox from the URL, in the map's Pacific-centred longitudes. */
function boundsOf(bbox: BBox): L.LatLngBounds {
  const west = toMapLng(bbox.minLng);
  let east = toMapLng(bbox.maxLng);
  if (east <= west) east += 360;
  return L.latLngBounds([bbox.minLat, west], [bbox.maxLat, east]);
}

export default function MarketMapView({
  lots,
  facilities,
  height,
  tiles,
  initialBbox,
  onViewChange,
}: MarketMapViewProps) {
  const initial = useMemo(() => (initialBbox ? boundsOf(initialBbox) : null), [initialBbox]);
  const { t } = useTranslation();
  return (
    <div data-testid="market-map">
      <MapContainer
        {...(initial
          ? { bounds: initial }
          : { center: [DEFAULT_VIEW.lat, DEFAULT_VIEW.lng] as [number, number], zoom: DEFAULT_VIEW.zoom })}
        minZoom={1}
        maxBounds={MAP_MAX_BOUNDS}
        maxBoundsViscosity={0.8}
        preferCanvas
        zoomControl={false}
        style={{ height }}
        className="pl-map pl-market-map"
      >
        <ZoomControl zoomInTitle={t("map.zoomIn")} zoomOutTitle={t("map.zoomOut")} />
        <BaseLayer tiles={tiles} />
        <Markers
          lots={lots}
          facilities={facilities}
          onViewChange={onViewChange}
          filtering={Boolean(initialBbox)}
        />
      </MapContainer>
    </div>
  );
}
