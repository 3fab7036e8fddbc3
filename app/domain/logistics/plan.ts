/**
 * Plans the surface route of a consignment from a seller's site to a facility: legs by road, rail
 * and sea, each with distance, tonne-km, cost (USD), CO2e and transit days. Air is never planned:
 * waste and damaged lithium batteries may not fly (transport-rules.ts).
 *
 * Factors and their sources (docs/domain/freight-and-emissions.md §8) — [D] derived, [A] assumption. These
 * are the defaults: admins replace rates, surcharges, emissions, speeds and days with dated, sourced
 * values (factors.ts, ADR 010), which reach planRoute as `request.factors`:
 * - Cost per tonne-km (§8.2): road US$0.070 [D: ATRI 2024, $2.26 per mile ÷ 1.609 ÷ 20 t payload,
 *   loaded leg only]; sea US$0.015 [D: Drewry WCI Shanghai→Los Angeles $3,166 per FEU, Mar 2025, at
 *   20 t per FEU over ≈10,500 km]; rail US$0.0378 [D: the road rate × the older rail/truck ratio of
 *   2.7/5.0 US cents per ton-mile]. Short-sea has no public benchmark: sea legs use the deep-sea rate.
 * - Dangerous-goods surcharge (§8.3): sea US$800 per TEU, MSC's high-risk tier, which applies to
 *   lithium batteries because they have no packing group; road and rail US$110 per 20 t load [A,
 *   from Finnlines' EUR 100–110 per trailer].
 * - Port handling: no published figure was found; US$250 per TEU per port call [A].
 * - Container and truck loads: 10 t per TEU (§8.1's conversion) and 20 t per truck (§8.2).
 * - CO2e per tonne-km, well-to-wheel, GLEC Framework v3 / ISO 14083 defaults suggested in §8.1:
 *   truck 100 g, rail 25 g (diesel-heavy), short-sea container 30 g, deep-sea container 12 g. A
 *   voyage that crosses open ocean is sailed by a deep-sea ship; one that stays on coastal lanes by a
 *   short-sea ship [A].
 * - Speeds (§8.4): container ship 14 kn ≈ 622 km a day; truck 600 km a day [D: EU 550–700, US
 *   700–900 km/day under driving-time rules; the lower end, as dangerous-goods trucks stop more];
 *   rail 400 km a day including terminal time [A]. Port dwell 3 days per port call and 1 day at a
 *   land border [A]; customs clearance of regulated imports (China: 7–14 days for black mass) and
 *   Basel consent lead times are not transit and are not included.
 * - Road distance = great circle × 1.3 [A: typical circuity of road networks]; rail × 1.25 [A].
 *   Road is used up to 3,000 km [A]: beyond that a continental leg goes by rail where the landmass
 *   has a freight rail network, otherwise by sea.
 */

import type { EconomyCode } from "../economies.ts";
import { isEconomyCode } from "../economies.ts";
import type { Money } from "../money.ts";
import { haversineKm, type LatLng, validateLatLng } from "./geo.ts";
import { portsOfEconomy, SEA_NETWORK, type SeaNetwork, type SeaPort, seaRoute } from "./sea-lanes.ts";
import type { SurfaceMode, TransportMode } from "./transport-rules.ts";

export const ROAD_DETOUR_FACTOR = 1.3;
export const RAIL_DETOUR_FACTOR = 1.25;
export const ROAD_MAX_KM = 3000;

/** USD cents per 1,000 tonne-km. */
export const FREIGHT_RATE_CENTS_PER_1000_TKM: Readonly<Record<SurfaceMode, number>> = {
  road: 7000,
  rail: 3780,
  sea: 1500,
};

/** Grams CO2e per tonne-km, well-to-wheel. */
export const EMISSION_G_PER_TKM = { road: 100, rail: 25, shortSea: 30, deepSea: 12 } as const;

export const TONNES_PER_TEU = 10;
export const TONNES_PER_TRUCK = 20;
/** USD cents per unit (TEU at sea, 20 t load on road and rail). */
export const DG_SURCHARGE_CENTS: Readonly<Record<SurfaceMode, number>> = {
  road: 11_000,
  rail: 11_000,
  sea: 80_000,
};
export const PORT_HANDLING_CENTS_PER_TEU = 25_000;

export const KM_PER_DAY: Readonly<Record<SurfaceMode, number>> = { road: 600, rail: 400, sea: 622 };
export const PORT_DWELL_DAYS = 3;
export const BORDER_CROSSING_DAYS = 1;

/**
 * The rates a plan is priced and timed with. Admins may replace any of them (factors.ts, the
 * Factor table); the constants above are the defaults. Money and grams stay integers so that
 * pricing keeps its exact integer arithmetic.
 */
export interface LogisticsFactors {
  /** USD cents per 1,000 tonne-km. */
  readonly freightCentsPer1000Tkm: Readonly<Record<SurfaceMode, number>>;
  /** USD cents per unit (TEU at sea, 20 t load on road and rail). */
  readonly dgSurchargeCents: Readonly<Record<SurfaceMode, number>>;
  readonly portHandlingCentsPerTeu: number;
  /** Grams CO2e per tonne-km, well-to-wheel. */
  readonly emissionGPerTkm: {
    readonly road: number;
    readonly rail: number;
    readonly shortSea: number;
    readonly deepSea: number;
  };
  readonly kmPerDay: Readonly<Record<SurfaceMode, number>>;
  readonly portDwellDays: number;
  readonly borderCrossingDays: number;
}

export const DEFAULT_LOGISTICS_FACTORS: LogisticsFactors = Object.freeze({
  freightCentsPer1000Tkm: FREIGHT_RATE_CENTS_PER_1000_TKM,
  dgSurchargeCents: DG_SURCHARGE_CENTS,
  portHandlingCentsPerTeu: PORT_HANDLING_CENTS_PER_TEU,
  emissionGPerTkm: EMISSION_G_PER_TKM,
  kmPerDay: KM_PER_DAY,
  portDwellDays: PORT_DWELL_DAYS,
  borderCrossingDays: BORDER_CROSSING_DAYS,
});

type Box = readonly [minLat: number, maxLat: number, minLng: number, maxLng: number];

interface LandRegion {
  readonly id: string;
  readonly members: readonly { readonly economy: EconomyCode; readonly box?: Box }[];
  readonly freightRail: boolean;
}

/**
 * Landmasses on which trucks (and trains) cross borders [A]. A point of an economy that matches no
 * region is on that economy's own islands, where domestic road legs include ro-ro ferries (Java to
 * Sumatra, Honshu to Hokkaido, the Cook Strait). Boxes split economies that straddle two
 * landmasses: peninsular Malaysia and Malaysian Borneo, Kalimantan, and Hawaii.
 */
const LAND_REGIONS: readonly LandRegion[] = [
  {
    id: "north-america",
    members: [{ economy: "US", box: [24, 72, -170, -60] }, { economy: "CA" }, { economy: "MX" }],
    freightRail: true,
  },
  {
    // Includes the Johor causeway to Singapore and the Russian Far East's road and rail links to China.
    id: "mainland-asia",
    members: [
      { economy: "CN" },
      { economy: "HK" },
      { economy: "VN" },
      { economy: "TH" },
      { economy: "MY", box: [0, 8, 99, 105] },
      { economy: "SG" },
      { economy: "RU" },
    ],
    freightRail: true,
  },
  {
    id: "borneo",
    members: [
      { economy: "BN" },
      { economy: "MY", box: [0, 8, 109, 120] },
      { economy: "ID", box: [-4.5, 4.5, 108.5, 119] },
    ],
    freightRail: false,
  },
  { id: "korea", members: [{ economy: "KR" }], freightRail: true },
  { id: "japan", members: [{ economy: "JP" }], freightRail: true },
  { id: "australia", members: [{ economy: "AU" }], freightRail: true },
  { id: "south-america-pacific", members: [{ economy: "PE" }, { economy: "CL" }], freightRail: false },
];

function inBox(point: LatLng, box: Box): boolean {
  return point.lat >= box[0] && point.lat <= box[1] && point.lng >= box[2] && point.lng <= box[3];
}

/** The landmass a point of an economy stands on: a region id, or "islands:XX". */
export function landRegionOf(point: LatLng, economy: EconomyCode): string {
  for (const region of LAND_REGIONS) {
    for (const member of region.members) {
      if (member.economy === economy && (!member.box || inBox(point, member.box))) return region.id;
    }
  }
  return `islands:${economy}`;
}

function hasFreightRail(regionId: string): boolean {
  return LAND_REGIONS.some((region) => region.id === regionId && region.freightRail);
}

export interface RouteEndpoint extends LatLng {
  readonly economy: EconomyCode;
  readonly label?: string;
}

export interface RoutePlanRequest {
  readonly from: RouteEndpoint;
  readonly to: RouteEndpoint;
  /** Gross mass in integer kilograms. */
  readonly massKg: number;
  readonly dangerousGoods: boolean;
  readonly airAllowed: false;
  /** Modes the consignment may use (transport-rules.allowedModes); road, rail and sea if absent. */
  readonly modes?: readonly TransportMode[];
  /** The sea-lane network to route on; SEA_NETWORK unless a test or scenario swaps it. */
  readonly network?: SeaNetwork;
  /** Rates to price and time the legs with; DEFAULT_LOGISTICS_FACTORS when absent. */
  readonly factors?: LogisticsFactors;
}

export interface LegPoint extends LatLng {
  readonly label: string;
  readonly economy: EconomyCode;
  readonly portId?: string;
}

export interface RouteLeg {
  readonly mode: SurfaceMode;
  readonly from: LegPoint;
  readonly to: LegPoint;
  readonly distanceKm: number;
  readonly tonneKm: number;
  readonly cost: Money;
  readonly costBreakdown: {
    readonly freightMinor: number;
    readonly dangerousGoodsMinor: number;
    readonly portHandlingMinor: number;
  };
  readonly co2eKg: number;
  readonly transitDays: number;
  readonly crossesBorder: boolean;
  /** Vertices to draw (great circles between them): the sea lane's waypoints, or the two ends. */
  readonly path: readonly LatLng[];
}

export interface RouteTotals {
  readonly distanceKm: number;
  readonly tonneKm: number;
  readonly cost: Money;
  readonly co2eKg: number;
  readonly transitDays: number;
}

export type RoutePlanResult =
  | { ok: true; legs: RouteLeg[]; totals: RouteTotals }
  | {
      ok: false;
      code: "INVALID_REQUEST";
      reason: "invalid_coordinates" | "unknown_economy" | "invalid_mass";
      message: string;
    }
  | {
      ok: false;
      code: "TRANSPORT_FORBIDDEN";
      reason: "no_surface_route" | "mode_not_allowed";
      message: string;
    };

/** round(a × b × c / d) in exact integer arithmetic, half away from zero (all inputs ≥ 0). */
function mulDivRound(a: number, b: number, c: number, d: number): number {
  const numerator = BigInt(a) * BigInt(b) * BigInt(c);
  const divisor = BigInt(d);
  return Number((numerator * 2n + divisor) / (divisor * 2n));
}

function unitsFor(massKg: number, tonnesPerUnit: number): number {
  return Math.max(1, Math.ceil(massKg / (tonnesPerUnit * 1000)));
}

interface LegInput {
  mode: SurfaceMode;
  from: LegPoint;
  to: LegPoint;
  distanceKm: number;
  path: readonly LatLng[];
  deepSea?: boolean;
}

function priceLeg(
  input: LegInput,
  massKg: number,
  dangerousGoods: boolean,
  factors: LogisticsFactors,
): RouteLeg {
  const { mode, distanceKm } = input;
  const freightMinor = mulDivRound(massKg, distanceKm, factors.freightCentsPer1000Tkm[mode], 1_000_000);
  const units = mode === "sea" ? unitsFor(massKg, TONNES_PER_TEU) : unitsFor(massKg, TONNES_PER_TRUCK);
  const dangerousGoodsMinor = dangerousGoods ? units * factors.dgSurchargeCents[mode] : 0;
  const portHandlingMinor = mode === "sea" ? 2 * units * factors.portHandlingCentsPerTeu : 0;
  const emission = factors.emissionGPerTkm;
  const grams = mode === "sea" ? (input.deepSea ? emission.deepSea : emission.shortSea) : emission[mode];
  const crossesBorder = input.from.economy !== input.to.economy;
  const movingDays = Math.ceil(distanceKm / factors.kmPerDay[mode]);
  const transitDays =
    movingDays +
    (mode === "sea" ? 2 * factors.portDwellDays : 0) +
    (mode !== "sea" && crossesBorder ? factors.borderCrossingDays : 0);
  return {
    mode,
    from: input.from,
    to: input.to,
    distanceKm,
    tonneKm: mulDivRound(massKg, distanceKm, 1, 1000),
    cost: { amountMinor: freightMinor + dangerousGoodsMinor + portHandlingMinor, currency: "USD" },
    costBreakdown: { freightMinor, dangerousGoodsMinor, portHandlingMinor },
    co2eKg: mulDivRound(massKg, distanceKm, grams, 1_000_000),
    transitDays,
    crossesBorder,
    path: input.path,
  };
}

function endpointPoint(endpoint: RouteEndpoint, fallback: string): LegPoint {
  return {
    lat: endpoint.lat,
    lng: endpoint.lng,
    economy: endpoint.economy,
    label: endpoint.label ?? fallback,
  };
}

function portPoint(port: SeaPort): LegPoint {
  const label = port.name.startsWith("Port ") ? port.name : `Port of ${port.name}`;
  return { lat: port.lat, lng: port.lng, economy: port.economy, label, portId: port.id };
}

/** An overland leg between two points of one landmass: road, or rail when long and available. */
function overlandLeg(
  from: LegPoint,
  to: LegPoint,
  regionId: string,
  modes: ReadonlySet<TransportMode>,
): LegInput {
  const greatCircle = haversineKm(from, to);
  const roadKm = Math.round(greatCircle * ROAD_DETOUR_FACTOR);
  if ((roadKm > ROAD_MAX_KM || !modes.has("road")) && modes.has("rail") && hasFreightRail(regionId)) {
    return {
      mode: "rail",
      from,
      to,
      distanceKm: Math.round(greatCircle * RAIL_DETOUR_FACTOR),
      path: [from, to],
    };
  }
  return { mode: "road", from, to, distanceKm: roadKm, path: [from, to] };
}

/** Generalised cost used to choose ports: freight cost per tonne, in USD cents. */
function freightScore(legs: readonly LegInput[], rates: LogisticsFactors["freightCentsPer1000Tkm"]): number {
  return legs.reduce((sum, leg) => sum + leg.distanceKm * rates[leg.mode], 0);
}

function candidatePorts(economy: EconomyCode, regionId: string): SeaPort[] {
  const ports = portsOfEconomy(economy);
  const sameLand = ports.filter((port) => landRegionOf(port, port.economy) === regionId);
  return sameLand.length > 0 ? sameLand : ports;
}

function forbidden(reason: "no_surface_route" | "mode_not_allowed", message: string): RoutePlanResult {
  return { ok: false, code: "TRANSPORT_FORBIDDEN", reason, message };
}

function invalid(
  reason: "invalid_coordinates" | "unknown_economy" | "invalid_mass",
  message: string,
): RoutePlanResult {
  return { ok: false, code: "INVALID_REQUEST", reason, message };
}

/**
 * Road only when both ends are on one landmass and the road distance is at most ROAD_MAX_KM (rail
 * beyond that where the landmass has freight rail); otherwise road (or rail) to a port of the
 * origin economy, sea to a port of the destination economy, and road (or rail) to the facility.
 * The port pair is the one with the lowest freight cost, not merely the nearest port: a plant in
 * Ohio ships to Asia through Los Angeles, not Savannah.
 */
export function planRoute(request: RoutePlanRequest): RoutePlanResult {
  const { from, to, massKg, dangerousGoods } = request;
  for (const endpoint of [from, to]) {
    if (!validateLatLng(endpoint.lat, endpoint.lng).ok) {
      return invalid(
        "invalid_coordinates",
        "A location of the shipment has no valid latitude and longitude.",
      );
    }
    if (!isEconomyCode(endpoint.economy)) {
      return invalid("unknown_economy", "A location of the shipment is not in an APEC economy.");
    }
  }
  if (!Number.isSafeInteger(massKg) || massKg <= 0) {
    return invalid("invalid_mass", "The shipment's mass must be a whole number of kilograms above zero.");
  }

  const factors = request.factors ?? DEFAULT_LOGISTICS_FACTORS;
  const modes = new Set<TransportMode>(request.modes ?? ["road", "rail", "sea"]);
  const origin = endpointPoint(from, "Origin");
  const destination = endpointPoint(to, "Destination");
  const originRegion = landRegionOf(from, from.economy);
  const destinationRegion = landRegionOf(to, to.economy);

  const price = (legs: LegInput[]): RoutePlanResult => {
    const priced = legs
      .filter((leg) => leg.distanceKm > 0)
      .map((leg) => priceLeg(leg, massKg, dangerousGoods, factors));
    return { ok: true, legs: priced, totals: totalsOf(priced) };
  };

  if (originRegion === destinationRegion) {
    const leg = overlandLeg(origin, destination, originRegion, modes);
    if (modes.has(leg.mode) && (leg.mode === "rail" || leg.distanceKm <= ROAD_MAX_KM)) return price([leg]);
  }

  let best: { legs: LegInput[]; score: number; tieBreak: string } | undefined;
  for (const originPort of candidatePorts(from.economy, originRegion)) {
    for (const destinationPort of candidatePorts(to.economy, destinationRegion)) {
      if (originPort.id === destinationPort.id) continue;
      const voyage = seaRoute(originPort.id, destinationPort.id, request.network ?? SEA_NETWORK);
      if (!voyage.ok) continue;
      const legs: LegInput[] = [
        overlandLeg(origin, portPoint(originPort), originRegion, modes),
        {
          mode: "sea",
          from: portPoint(originPort),
          to: portPoint(destinationPort),
          distanceKm: voyage.distanceKm,
          path: voyage.waypoints,
          deepSea: voyage.segments.some((segment) => segment.kind === "ocean"),
        },
        overlandLeg(portPoint(destinationPort), destination, destinationRegion, modes),
      ];
      const score = freightScore(legs, factors.freightCentsPer1000Tkm);
      const tieBreak = `${originPort.id}-${destinationPort.id}`;
      if (!best || score < best.score || (score === best.score && tieBreak < best.tieBreak)) {
        best = { legs, score, tieBreak };
      }
    }
  }

  if (!best) {
    // One economy whose only ports coincide (a facility on the same island group): road with ferries.
    if (from.economy === to.economy && modes.has("road")) {
      return price([overlandLeg(origin, destination, originRegion, modes)]);
    }
    return forbidden(
      "no_surface_route",
      `No road, rail or sea route connects ${origin.label} and ${destination.label} in Packloop's lane network. Only air could serve this lane, and Packloop does not send battery lots by air.`,
    );
  }

  const needed = best.legs.filter((leg) => leg.distanceKm > 0).map((leg) => leg.mode);
  const missing = [...new Set(needed)].filter((mode) => !modes.has(mode));
  if (missing.length > 0) {
    return forbidden(
      "mode_not_allowed",
      `This lane needs transport by ${missing.join(" and ")}, which this lot may not use. Only air could avoid it, and Packloop does not send battery lots by air.`,
    );
  }
  return price(best.legs);
}

function totalsOf(legs: readonly RouteLeg[]): RouteTotals {
  return {
    distanceKm: legs.reduce((sum, leg) => sum + leg.distanceKm, 0),
    tonneKm: legs.reduce((sum, leg) => sum + leg.tonneKm, 0),
    cost: { amountMinor: legs.reduce((sum, leg) => sum + leg.cost.amountMinor, 0), currency: "USD" },
    co2eKg: legs.reduce((sum, leg) => sum + leg.co2eKg, 0),
    transitDays: legs.reduce((sum, leg) => sum + leg.transitDays, 0),
  };
}
