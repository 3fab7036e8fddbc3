/**
 * The /shipments map's data as it travels (issue 12 item 1; ADR 032): every shipment the viewer's
 * organisation is on, with its planned legs by mode, the path travelled so far, its last position
 * and whether it is late, in one compact JSON object. Parallel arrays with short keys as for lots
 * (components/map/map-data.ts); coordinates as integers in hundredths of a degree (about 1.1 km,
 * finer than a pixel at the zoom that shows a whole route), each line's points after the first as
 * differences from the previous point, so the numbers are short and repeat, which gzip rewards.
 * 5,000 shipments fit well under 500 KB gzipped (tests/bench/shipment-map.bench.ts). Shared by the
 * resource route that encodes it and the map that decodes it.
 */

import type { LatLng } from "../logistics/geo.ts";
import type { SurfaceMode } from "../logistics/transport-rules.ts";
import type { MilestoneKind } from "./milestones.ts";
import { SHIPMENT_STATUSES, type ShipmentStatus } from "./progress.ts";

/** One shipment as the map needs it, before encoding and after decoding. */
export interface ShipmentMapItem {
  id: string;
  /** The lot's number: the shipment's reference SH-PL-000123. */
  number: number;
  status: ShipmentStatus;
  late: boolean;
  /** Hours past the planned arrival (0 when on time). */
  lateHours: number;
  /** Planned legs in order, each with the points it passes (at least its two ends). */
  legs: { mode: SurfaceMode; path: LatLng[] }[];
  /** Where it has been, from its recorded milestones in order (travelledPath). */
  travelled: LatLng[];
  /** Where it was last seen; null before any position is known. */
  position: LatLng | null;
}

export interface ShipmentMapData {
  kind: "shipments";
  /** True when more shipments matched than the map shows. */
  truncated: boolean;
  id: string[];
  no: number[];
  /** Index into SHIPMENT_STATUSES. */
  st: number[];
  /** Hours late; 0 on time. A shipment is late when this is above 0 or `lt` is 1. */
  lh: number[];
  lt: (0 | 1)[];
  /** Modes of the legs in order, one letter each (MODE_LETTERS): "rsr" is road, sea, road. */
  m: string[];
  /** Per shipment, per leg: its path as [lat, lng, Δlat, Δlng, …] in hundredths of a degree. */
  r: number[][][];
  /** Per shipment: the path travelled, encoded the same way (empty before it moved). */
  t: number[][];
  /** Per shipment: the last position [lat, lng] in hundredths of a degree, or an empty array. */
  p: number[][];
}

const MODE_LETTERS: Readonly<Record<SurfaceMode, string>> = { road: "r", rail: "t", sea: "s" };
const LETTER_MODES: Readonly<Record<string, SurfaceMode>> = { r: "road", t: "rail", s: "sea" };

const SCALE = 100;
const fixed = (degrees: number) => Math.round(degrees * SCALE);

/**
 * A line as integers: the first point absolute, each next one as its difference from the one
 * before; points that round onto the previous one are dropped (a line keeps at least one point).
 */
export function encodeLine(points: readonly LatLng[]): number[] {
  const out: number[] = [];
  let lat = 0;
  let lng = 0;
  for (const [index, point] of points.entries()) {
    const a = fixed(point.lat);
    const b = fixed(point.lng);
    if (index > 0 && a === lat && b === lng) continue;
    out.push(a - lat, b - lng);
    lat = a;
    lng = b;
  }
  return out;
}

export function decodeLine(encoded: readonly number[]): LatLng[] {
  const points: LatLng[] = [];
  let lat = 0;
  let lng = 0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    lat += encoded[i]!;
    lng += encoded[i + 1]!;
    points.push({ lat: lat / SCALE, lng: lng / SCALE });
  }
  return points;
}

export function encodeShipmentMapData(
  items: readonly ShipmentMapItem[],
  truncated: boolean,
): ShipmentMapData {
  const data: ShipmentMapData = {
    kind: "shipments",
    truncated,
    id: [],
    no: [],
    st: [],
    lh: [],
    lt: [],
    m: [],
    r: [],
    t: [],
    p: [],
  };
  for (const item of items) {
    data.id.push(item.id);
    data.no.push(item.number);
    data.st.push(SHIPMENT_STATUSES.indexOf(item.status));
    data.lh.push(Math.max(0, item.lateHours));
    data.lt.push(item.late ? 1 : 0);
    data.m.push(item.legs.map((leg) => MODE_LETTERS[leg.mode]).join(""));
    data.r.push(item.legs.map((leg) => encodeLine(leg.path)));
    data.t.push(item.travelled.length > 1 ? encodeLine(item.travelled) : []);
    data.p.push(item.position ? [fixed(item.position.lat), fixed(item.position.lng)] : []);
  }
  return data;
}

export function decodeShipmentMapData(data: ShipmentMapData): ShipmentMapItem[] {
  return data.id.map((id, i) => {
    const modes = data.m[i] ?? "";
    const position = data.p[i] ?? [];
    return {
      id,
      number: data.no[i] ?? 0,
      status: SHIPMENT_STATUSES[data.st[i] ?? 0] ?? "planned",
      late: data.lt[i] === 1,
      lateHours: data.lh[i] ?? 0,
      legs: (data.r[i] ?? []).map((line, leg) => ({
        mode: LETTER_MODES[modes[leg] ?? "r"] ?? "road",
        path: decodeLine(line),
      })),
      travelled: decodeLine(data.t[i] ?? []),
      position:
        position.length === 2
          ? { lat: (position[0] as number) / SCALE, lng: (position[1] as number) / SCALE }
          : null,
    };
  });
}

/** Milestones that happen where the goods start, or where they arrive, wherever that was recorded. */
const AT_ORIGIN: ReadonlySet<MilestoneKind> = new Set(["picked_up"]);
const AT_DESTINATION: ReadonlySet<MilestoneKind> = new Set([
  "delivered",
  "received",
  "sampled",
  "assayed",
  "processed",
  "certified",
]);

/**
 * The path travelled so far: the position of each recorded milestone, in their order. A milestone
 * recorded without a position counts where it must have happened when that is known — a pick-up
 * at the route's start, a delivery and everything after it at the route's end; others (booked,
 * departed, at port, customs) without a position add nothing. Repeats of the same point are kept
 * once. Fewer than two points is no path (the marker shows the one position).
 */
export function travelledPath(
  milestones: readonly { kind: MilestoneKind; location: LatLng | null }[],
  origin: LatLng | null,
  destination: LatLng | null,
): LatLng[] {
  const path: LatLng[] = [];
  for (const milestone of milestones) {
    const at =
      milestone.location ??
      (AT_ORIGIN.has(milestone.kind) ? origin : AT_DESTINATION.has(milestone.kind) ? destination : null);
    if (!at) continue;
    const last = path.at(-1);
    if (last && last.lat === at.lat && last.lng === at.lng) continue;
    path.push({ lat: at.lat, lng: at.lng });
  }
  return path;
}
