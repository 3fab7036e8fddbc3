/**
 * The map's data as it travels: one JSON object of parallel arrays with short keys, codes as
 * indexes into the code lists and coordinates rounded to 3 decimals (about 100 m), so 10,000 lots
 * fit in a few hundred kilobytes (tests/bench/map-payload.bench.ts measures it). Shared by the
 * resource routes that encode it and the client map that decodes it.
 */
import {
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
  RECYCLING_PROCESSES,
  type RecyclingProcess,
} from "~/domain/codes.ts";
import { type FacilityReliabilityPoint, RELIABILITY_BADGES } from "~/domain/reputation/reliability.ts";

/** A raster tile server replacing the bundled world map, when MAP_TILE_URL is set. */
export interface MapTiles {
  url: string;
  attribution: string;
}

export interface LotMapData {
  kind: "lots";
  /** True when more lots matched than the map shows (the page asks to zoom in or filter). */
  truncated: boolean;
  id: string[];
  /** Lot number (PL-000123). */
  no: number[];
  lat: number[];
  lng: number[];
  /** Index into CHEMISTRIES. */
  ch: number[];
  /** Index into LOT_FORMS. */
  f: number[];
  kg: number[];
}

export interface FacilityMapData {
  kind: "facilities";
  truncated: boolean;
  id: string[];
  name: string[];
  lat: number[];
  lng: number[];
  /** Processes as a bit mask over RECYCLING_PROCESSES. */
  p: number[];
  /** Reliability badge (ADR 036) as an index into RELIABILITY_BADGES; absent from older payloads. */
  rb?: number[];
  /** On-time intake: the Wilson lower bound in whole percent, and the count n it rests on. */
  rl?: number[];
  rn?: number[];
}

export type { FacilityReliabilityPoint };

export interface LotPointInput {
  id: string;
  number: number;
  lat: number;
  lng: number;
  chemistry: Chemistry;
  form: LotForm;
  massKg: number;
}

export interface FacilityPointInput {
  id: string;
  name: string;
  lat: number;
  lng: number;
  processes: readonly RecyclingProcess[];
  reliability?: FacilityReliabilityPoint;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function encodeLotMapData(points: readonly LotPointInput[], truncated: boolean): LotMapData {
  const data: LotMapData = {
    kind: "lots",
    truncated,
    id: [],
    no: [],
    lat: [],
    lng: [],
    ch: [],
    f: [],
    kg: [],
  };
  for (const p of points) {
    data.id.push(p.id);
    data.no.push(p.number);
    data.lat.push(round3(p.lat));
    data.lng.push(round3(p.lng));
    data.ch.push(CHEMISTRIES.indexOf(p.chemistry));
    data.f.push(LOT_FORMS.indexOf(p.form));
    data.kg.push(p.massKg);
  }
  return data;
}

export function encodeFacilityMapData(
  points: readonly FacilityPointInput[],
  truncated: boolean,
): FacilityMapData {
  const data: FacilityMapData = { kind: "facilities", truncated, id: [], name: [], lat: [], lng: [], p: [] };
  const withReliability = points.some((f) => f.reliability);
  if (withReliability) Object.assign(data, { rb: [], rl: [], rn: [] });
  for (const f of points) {
    data.id.push(f.id);
    data.name.push(f.name);
    data.lat.push(round3(f.lat));
    data.lng.push(round3(f.lng));
    data.p.push(f.processes.reduce((mask, p) => mask | (1 << RECYCLING_PROCESSES.indexOf(p)), 0));
    if (withReliability) {
      data.rb?.push(RELIABILITY_BADGES.indexOf(f.reliability?.badge ?? "new"));
      data.rl?.push(Math.floor((f.reliability?.lower ?? 0) * 100));
      data.rn?.push(f.reliability?.n ?? 0);
    }
  }
  return data;
}

export function decodeLotPoint(data: LotMapData, i: number): LotPointInput {
  return {
    id: data.id[i],
    number: data.no[i],
    lat: data.lat[i],
    lng: data.lng[i],
    chemistry: CHEMISTRIES[data.ch[i]] ?? "MIXED",
    form: LOT_FORMS[data.f[i]] ?? "pack",
    massKg: data.kg[i],
  };
}

export function processesOfMask(mask: number): RecyclingProcess[] {
  return RECYCLING_PROCESSES.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export function decodeFacilityPoint(data: FacilityMapData, i: number): FacilityPointInput {
  return {
    id: data.id[i],
    name: data.name[i],
    lat: data.lat[i],
    lng: data.lng[i],
    processes: processesOfMask(data.p[i]),
    ...(data.rb && data.rl && data.rn
      ? {
          reliability: {
            badge: RELIABILITY_BADGES[data.rb[i]] ?? "new",
            lower: data.rl[i] / 100,
            n: data.rn[i],
          },
        }
      : {}),
  };
}

/** "PL-000123": how people refer to a lot. */
export function lotReference(number: number): string {
  return `PL-${String(number).padStart(6, "0")}`;
}
