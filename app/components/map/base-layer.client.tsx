import type { FeatureCollection } from "geojson";
import L from "leaflet";
import { useEffect, useState } from "react";
import { GeoJSON, TileLayer, useMap } from "react-leaflet";
import type { MapTiles } from "./map-data.ts";

export const WORLD_URL = "/map/world.json";
const WORLD_ATTRIBUTION = "Base map: Natural Earth";

// One download per page load, shared by every map on the page (the browser caches it for later).
let world: Promise<FeatureCollection> | null = null;
function loadWorld(): Promise<FeatureCollection> {
  world ??= fetch(WORLD_URL).then((response) => {
    if (!response.ok) throw new Error(`Base map: HTTP ${response.status}`);
    return response.json() as Promise<FeatureCollection>;
  });
  world.catch(() => {
    world = null;
  });
  return world;
}

const LAND_STYLE: L.PathOptions = { stroke: false, fillColor: "#ece8dc", fillOpacity: 1 };
const BORDER_STYLE: L.PathOptions = { color: "#b3ab98", weight: 0.7, opacity: 1, fill: false };

/**
 * The base layer: tiles when MAP_TILE_URL is set, otherwise the bundled Natural Earth world map
 * (public/map/world.json), drawn on its own canvas and not clickable, so clicks reach the map.
 */
export function BaseLayer({ tiles }: { tiles: MapTiles | null }) {
  if (tiles) {
    return (
      <TileLayer
        url={tiles.url}
        attribution={tiles.attribution}
        referrerPolicy="strict-origin-when-cross-origin"
        maxZoom={19}
      />
    );
  }
  return <OfflineWorld />;
}

function OfflineWorld() {
  const map = useMap();
  const [data, setData] = useState<FeatureCollection | null>(null);
  const [renderer] = useState(() => L.canvas({ padding: 0.5 }));
  useEffect(() => {
    let live = true;
    map.getContainer().classList.add("pl-map-offline");
    loadWorld().then(
      (fc) => live && setData(fc),
      () => live && map.getContainer().setAttribute("data-base-map-error", "true"),
    );
    return () => {
      live = false;
    };
  }, [map]);
  if (!data) return null;
  return (
    <GeoJSON
      data={data}
      interactive={false}
      attribution={WORLD_ATTRIBUTION}
      style={(feature) => (feature?.properties?.layer === "borders" ? BORDER_STYLE : LAND_STYLE)}
      // @ts-expect-error renderer is a Leaflet Path option that react-leaflet passes through.
      renderer={renderer}
      eventHandlers={{ add: () => map.getContainer().setAttribute("data-base-map", "ready") }}
    />
  );
}
