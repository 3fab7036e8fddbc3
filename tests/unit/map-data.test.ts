import { describe, expect, it } from "vitest";
import {
  decodeFacilityPoint,
  decodeLotPoint,
  encodeFacilityMapData,
  encodeLotMapData,
  type LotPointInput,
  lotReference,
  processesOfMask,
} from "~/components/map/map-data.ts";
import { fromMapLng, nearestCopy, toMapLng, viewLngRanges } from "~/components/map/pacific.ts";
import {
  CHEMISTRY_FAMILY_OF,
  CHEMISTRY_FAMILY_STYLE,
  chemistryColour,
  facilitySymbolSvg,
  mainProcess,
} from "~/components/map/symbols.ts";
import { mapTilesFromEnv } from "~/components/map/tiles.server.ts";
import { CHEMISTRIES, RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { readEnv } from "~/utils/env.server.ts";

const LOTS: LotPointInput[] = [
  { id: "a", number: 12, lat: -37.81234, lng: 144.96789, chemistry: "NMC811", form: "pack", massKg: 4800 },
  {
    id: "b",
    number: 7,
    lat: 21.3069,
    lng: -157.8583,
    chemistry: "SODIUM_ION",
    form: "black_mass",
    massKg: 25,
  },
];

describe("compact map data", () => {
  it("round-trips lots through parallel arrays, coordinates rounded to 3 decimals", () => {
    const data = encodeLotMapData(LOTS, false);
    expect(data).toEqual({
      kind: "lots",
      truncated: false,
      id: ["a", "b"],
      no: [12, 7],
      lat: [-37.812, 21.307],
      lng: [144.968, -157.858],
      ch: [CHEMISTRIES.indexOf("NMC811"), CHEMISTRIES.indexOf("SODIUM_ION")],
      f: [0, 3],
      kg: [4800, 25],
    });
    expect(decodeLotPoint(data, 1)).toEqual({ ...LOTS[1], lat: 21.307, lng: -157.858 });
  });

  it("is much smaller than the objects it encodes", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...LOTS[0], id: `lot-${i}`, number: i }));
    const compact = JSON.stringify(encodeLotMapData(many, false)).length;
    expect(compact).toBeLessThan(JSON.stringify(many).length / 2);
  });

  it("packs a facility's processes into a bit mask and back", () => {
    const data = encodeFacilityMapData(
      [{ id: "f", name: "Kwinana", lat: -32.2, lng: 115.8, processes: ["hydrometallurgy", "mechanical"] }],
      true,
    );
    expect(data.p).toEqual([(1 << 0) | (1 << 2)]);
    expect(data.truncated).toBe(true);
    expect(decodeFacilityPoint(data, 0).processes).toEqual(["mechanical", "hydrometallurgy"]);
    expect(processesOfMask(0b11111)).toEqual([...RECYCLING_PROCESSES]);
    expect(processesOfMask(0)).toEqual([]);
  });

  it.each([
    [1, "PL-000001"],
    [123, "PL-000123"],
    [1234567, "PL-1234567"],
  ])("lot %d is %s", (n, ref) => {
    expect(lotReference(n)).toBe(ref);
  });
});

describe("the Pacific-centred map", () => {
  it.each([
    [150, 150],
    [-30, -30],
    [-31, 329],
    [-70.6, 289.4],
    [-157.9, 202.1],
    [180, 180],
    [-180, 180],
    [0, 0],
  ])("longitude %d is drawn at %d", (lng, mapLng) => {
    expect(toMapLng(lng)).toBeCloseTo(mapLng, 9);
    expect(fromMapLng(toMapLng(lng))).toBeCloseTo(lng === -180 ? 180 : lng, 9);
  });

  it.each<[number, number, [number, number][]]>([
    [100, 160, [[100, 160]]],
    [
      120,
      240,
      [
        [120, 180],
        [-180, -120],
      ],
    ],
    [200, 300, [[-160, -60]]],
    [-40, 340, [[-180, 180]]],
  ])("a view from %d to %d covers %j", (west, east, ranges) => {
    expect(viewLngRanges(west, east)).toEqual(ranges);
  });

  it("draws a point on the copy of the world nearest the view", () => {
    expect(nearestCopy(-157.9, 180)).toBeCloseTo(202.1, 9);
    expect(nearestCopy(144.9, 180)).toBeCloseTo(144.9, 9);
    expect(nearestCopy(10, 300)).toBeCloseTo(370, 9);
  });
});

describe("map symbols", () => {
  it("gives every chemistry a family colour, distinct between families", () => {
    for (const chemistry of CHEMISTRIES) expect(chemistryColour(chemistry)).toMatch(/^#[0-9A-F]{6}$/i);
    const colours = Object.values(CHEMISTRY_FAMILY_STYLE).map((s) => s.colour);
    expect(new Set(colours).size).toBe(colours.length);
    expect(CHEMISTRY_FAMILY_OF.NCA).toBe(CHEMISTRY_FAMILY_OF.NMC811);
    expect(CHEMISTRY_FAMILY_OF.LFP).not.toBe(CHEMISTRY_FAMILY_OF.NMC811);
  });

  it.each<[(typeof RECYCLING_PROCESSES)[number][], string | null]>([
    [["mechanical", "hydrometallurgy"], "hydrometallurgy"],
    [["mechanical", "pyrometallurgy"], "pyrometallurgy"],
    [["second_life"], "second_life"],
    [[], null],
  ])("a facility running %j is drawn as %s", (processes, expected) => {
    expect(mainProcess(processes)).toBe(expected);
  });

  it("draws a different shape for each process, with no external references", () => {
    const shapes = RECYCLING_PROCESSES.map((p) => facilitySymbolSvg(p));
    expect(new Set(shapes).size).toBe(RECYCLING_PROCESSES.length);
    for (const svg of shapes) expect(svg).not.toMatch(/href|url\(/);
  });
});

const envOf = (vars: Record<string, string>) => readEnv({ NODE_ENV: "test", ...vars });

describe("mapTilesFromEnv", () => {
  it("keeps the offline base map unless MAP_TILE_URL is set", () => {
    expect(mapTilesFromEnv(envOf({}))).toBeNull();
    expect(mapTilesFromEnv(envOf({ MAP_TILE_URL: "  " }))).toBeNull();
  });

  it("uses the tile server with its attribution, and credits OpenStreetMap by default", () => {
    expect(
      mapTilesFromEnv(
        envOf({ MAP_TILE_URL: "https://tiles.example/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION: "© Example" }),
      ),
    ).toEqual({ url: "https://tiles.example/{z}/{x}/{y}.png", attribution: "© Example" });
    expect(
      mapTilesFromEnv(envOf({ MAP_TILE_URL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png" }))?.attribution,
    ).toMatch(/OpenStreetMap/);
  });
});
