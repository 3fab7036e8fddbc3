/**
 * Clustering for the market map: supercluster indexes of lots and facilities, and the cluster
 * icons. A lot cluster carries the count of each chemistry family, drawn as a ring of colours.
 */
import L from "leaflet";
import Supercluster from "supercluster";
import { formatNumber } from "~/domain/quantity.ts";
import { decodeLotPoint, type FacilityMapData, type LotMapData } from "./map-data.ts";
import { CHEMISTRY_FAMILIES, CHEMISTRY_FAMILY_OF, CHEMISTRY_FAMILY_STYLE } from "./symbols.ts";

/** A point: its row in the data, and (lots) the index of its chemistry family. */
export type Props = { i: number; fam: number };
/** A cluster of lots: how many of each chemistry family it holds. */
export type ClusterMix = { c: number[] };
export type Index = Supercluster<Props, ClusterMix>;

// Lots cluster up to zoom 14; the count of each chemistry family rides along so a cluster can
// show its mix as a pie.
export function lotIndex(data: LotMapData): Index {
  const families = CHEMISTRY_FAMILIES as readonly string[];
  const index: Index = new Supercluster<Props, ClusterMix>({
    radius: 50,
    maxZoom: 14,
    map: (props) => {
      const c = new Array<number>(families.length).fill(0);
      c[props.fam] = 1;
      return { c };
    },
    reduce: (acc, props) => {
      for (let k = 0; k < acc.c.length; k++) acc.c[k] += props.c[k];
    },
  });
  const features = data.id.map((_, i) => ({
    type: "Feature" as const,
    properties: { i, fam: families.indexOf(CHEMISTRY_FAMILY_OF[decodeLotPoint(data, i).chemistry]) },
    geometry: { type: "Point" as const, coordinates: [data.lng[i], data.lat[i]] },
  }));
  return index.load(features);
}

export function facilityIndex(data: FacilityMapData): Index {
  const index: Index = new Supercluster<Props, ClusterMix>({ radius: 30, maxZoom: 10 });
  return index.load(
    data.id.map((_, i) => ({
      type: "Feature" as const,
      properties: { i, fam: 0 },
      geometry: { type: "Point" as const, coordinates: [data.lng[i], data.lat[i]] },
    })),
  );
}

function pieBackground(counts: number[]): string {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  const stops = counts.flatMap((count, k) => {
    if (count === 0) return [];
    const from = (at / total) * 360;
    at += count;
    const colour = CHEMISTRY_FAMILY_STYLE[CHEMISTRY_FAMILIES[k]].colour;
    return [`${colour} ${from.toFixed(1)}deg ${((at / total) * 360).toFixed(1)}deg`];
  });
  return `conic-gradient(${stops.join(", ")})`;
}

export function clusterIcon(count: number, kind: "lots" | "facilities", counts?: number[]): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
  const label = count >= 10_000 ? `${Math.round(count / 1000)}k` : formatNumber(count);
  const ring = counts ? `background:${pieBackground(counts)}` : "";
  return L.divIcon({
    html: `<div class="pl-cluster-ring" style="${ring}"><span>${label}</span></div>`,
    className: `pl-cluster pl-cluster-${kind}`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}
