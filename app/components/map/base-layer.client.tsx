import type { FeatureCollection } from "geojson";
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { GeoJSON, TileLayer, useMap } from "react-leaflet";
import { ECONOMIES } from "~/domain/economies.ts";
import { economyNameIn } from "~/domain/economy-names.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import type { MapTiles } from "./map-data.ts";
import { toMapLng } from "./pacific.ts";

export const WORLD_URL = "/map/world.json";
/** Economy names and big cities, written by app/services/map-labels.server.ts (ADR 039). */
export const LABELS_URL = "/map/labels.json";
const WORLD_ATTRIBUTION = "Base map: Natural Earth · Place names: GeoNames (CC BY 4.0)";

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

type LabelRow = [name: string, lat: number, lng: number, minZoom: number];
interface MapLabels {
  economies: LabelRow[];
  cities: LabelRow[];
}

// labels.json names economies by their English short names (one static file for every language);
// each is written in the page's language when drawn, by APEC's naming (app/domain/economy-names.ts).
const CODE_BY_ENGLISH_NAME = new Map<string, string>(ECONOMIES.map((e) => [e.shortName, e.code]));
function economyLabelIn(language: LanguageCode, englishName: string): string {
  const code = CODE_BY_ENGLISH_NAME.get(englishName);
  return code ? economyNameIn(language, code) : englishName;
}
let labels: Promise<MapLabels> | null = null;
function loadLabels(): Promise<MapLabels> {
  labels ??= fetch(LABELS_URL).then((response) => {
    if (!response.ok) throw new Error(`Map labels: HTTP ${response.status}`);
    return response.json() as Promise<MapLabels>;
  });
  labels.catch(() => {
    labels = null;
  });
  return labels;
}

/** The world shifted by `offset` degrees of longitude: a copy to pan onto past the seam. */
function shiftedWorld(fc: FeatureCollection, offset: number): FeatureCollection {
  if (offset === 0) return fc;
  const shift = (c: unknown): unknown =>
    typeof (c as number[])[0] === "number"
      ? [(c as number[])[0] + offset, ...(c as number[]).slice(1)]
      : (c as unknown[]).map(shift);
  return {
    ...fc,
    features: fc.features.map((f) => ({
      ...f,
      geometry:
        "coordinates" in f.geometry
          ? ({ ...f.geometry, coordinates: shift(f.geometry.coordinates) } as typeof f.geometry)
          : f.geometry,
    })),
  };
}

const LAND_STYLE: L.PathOptions = { stroke: false, fillColor: "#ece8dc", fillOpacity: 1 };
const BORDER_STYLE: L.PathOptions = { color: "#b3ab98", weight: 0.7, opacity: 1, fill: false };

/**
 * The base layer: tiles when MAP_TILE_URL is set, otherwise the bundled Natural Earth world map
 * (public/map/world.json), drawn on its own canvas and not clickable, so clicks reach the map.
 * `economyLabels` (short names, as labels.json writes them) are drawn at every zoom, not only from
 * their own: a map about economies (the plan's flows) names the ones it draws.
 */
export function BaseLayer({
  tiles,
  copies = false,
  economyLabels,
}: {
  tiles: MapTiles | null;
  copies?: boolean;
  economyLabels?: readonly string[];
}) {
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
  return <OfflineWorld offsets={copies ? WITH_COPIES : ONE_WORLD} always={economyLabels} />;
}

const ONE_WORLD = [0];
const WITH_COPIES = [-360, 0, 360];

/**
 * The offline world, with its economy names and big cities written on it. `offsets` draws copies a
 * turn east and west, for a map that pans freely round the globe (the location picker).
 */
function OfflineWorld({ offsets, always }: { offsets: number[]; always?: readonly string[] }) {
  const map = useMap();
  const language = usePageLanguage();
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
  // One string, so a new array with the same names does not redraw the labels.
  const alwaysKey = (always ?? []).join("\n");
  useEffect(() => {
    let layer: PlaceLabelLayer | null = null;
    let live = true;
    loadLabels().then(
      (found) => {
        if (!live) return;
        layer = new PlaceLabelLayer(found, offsets, new Set(alwaysKey ? alwaysKey.split("\n") : []), (name) =>
          economyLabelIn(language, name),
        );
        layer.addTo(map);
      },
      () => live && map.getContainer().setAttribute("data-map-labels-error", "true"),
    );
    return () => {
      live = false;
      layer?.remove();
    };
  }, [map, offsets, alwaysKey, language]);
  const worlds = useMemo(
    () => (data ? offsets.map((offset) => ({ offset, world: shiftedWorld(data, offset) })) : []),
    [data, offsets],
  );
  return (
    <>
      {worlds.map(({ offset, world }) => (
        <GeoJSON
          key={offset}
          data={world}
          interactive={false}
          attribution={offset === 0 ? WORLD_ATTRIBUTION : undefined}
          style={(feature) => (feature?.properties?.layer === "borders" ? BORDER_STYLE : LAND_STYLE)}
          // @ts-expect-error renderer is a Leaflet Path option that react-leaflet passes through.
          renderer={renderer}
          eventHandlers={
            offset === 0
              ? { add: () => map.getContainer().setAttribute("data-base-map", "ready") }
              : undefined
          }
        />
      ))}
    </>
  );
}

const LABEL_PANE = "pl-labels";

/**
 * Economy names and city names as plain text in their own pane, above the land and below the
 * markers, never clickable. Only the labels in view at the current zoom are in the DOM; they are
 * redrawn after each move and hidden while a zoom animates.
 */
class PlaceLabelLayer extends L.Layer {
  private root: HTMLElement | null = null;

  constructor(
    private readonly found: MapLabels,
    private readonly offsets: number[],
    /** Economy names drawn at every zoom (English short names, as labels.json has them). */
    private readonly always: ReadonlySet<string> = new Set(),
    /** An economy's label in the page's language, from its English short name. */
    private readonly economyLabel: (englishName: string) => string = (name) => name,
  ) {
    super();
  }

  onAdd(map: L.Map): this {
    const pane = map.getPane(LABEL_PANE) ?? map.createPane(LABEL_PANE);
    pane.style.zIndex = "450";
    pane.style.pointerEvents = "none";
    this.root = L.DomUtil.create("div", "pl-map-labels", pane);
    this.root.setAttribute("data-testid", "map-labels");
    map.on("moveend zoomend viewreset", this.draw, this);
    map.on("zoomstart", this.hide, this);
    this.draw();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off("moveend zoomend viewreset", this.draw, this);
    map.off("zoomstart", this.hide, this);
    this.root?.remove();
    this.root = null;
    return this;
  }

  private hide() {
    if (this.root) this.root.style.visibility = "hidden";
  }

  private draw() {
    const map = this._map;
    const root = this.root;
    if (!map || !root) return;
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.1);
    root.replaceChildren();
    const place = (row: LabelRow, className: string, always = false) => {
      const [english, lat, lng, minZoom] = row;
      const name = className.includes("economy") ? this.economyLabel(english) : english;
      if (zoom < minZoom && !always) return;
      for (const offset of this.offsets) {
        const at = L.latLng(lat, toMapLng(lng) + offset);
        if (!view.contains(at)) continue;
        const label = L.DomUtil.create("span", className, root);
        label.textContent = name;
        L.DomUtil.setPosition(label, map.latLngToLayerPoint(at));
      }
    };
    for (const row of this.found.cities) place(row, "pl-map-label pl-map-label-city");
    for (const row of this.found.economies) place(row, "pl-map-label pl-map-label-economy");
    // Names drawn below their own zoom (`always`), most prominent first, each only where it
    // overlaps no name already drawn: at world zoom Singapore gives way to Malaysia.
    const forced = this.found.economies
      .filter((row) => zoom < row[3] && this.always.has(row[0]))
      .sort((a, b) => a[3] - b[3]);
    if (forced.length > 0) {
      const taken = [...root.children].map((el) => el.getBoundingClientRect());
      const overlaps = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const row of forced) {
        const before = root.children.length;
        place(row, "pl-map-label pl-map-label-economy", true);
        for (const label of [...root.children].slice(before)) {
          const box = label.getBoundingClientRect();
          if (taken.some((other) => overlaps(box, other))) label.remove();
          else taken.push(box);
        }
      }
    }
    root.style.visibility = "";
  }
}
