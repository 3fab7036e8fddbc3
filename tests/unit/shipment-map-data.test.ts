import { describe, expect, test } from "vitest";
import type { MilestoneKind } from "~/domain/shipments/milestones.ts";
import { againstPlan } from "~/domain/shipments/progress.ts";
import {
  decodeLine,
  decodeShipmentMapData,
  encodeLine,
  encodeShipmentMapData,
  type ShipmentMapItem,
  travelledPath,
} from "~/domain/shipments/shipment-map-data.ts";

const MEL = { lat: -37.8136, lng: 144.9631 };
const PORT = { lat: -37.84, lng: 144.93 };
const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
const PLANT = { lat: 31.82, lng: 117.23 };

describe("travelledPath", () => {
  const cases: {
    name: string;
    milestones: { kind: MilestoneKind; location: { lat: number; lng: number } | null }[];
    path: { lat: number; lng: number }[];
  }[] = [
    { name: "nothing recorded: no path", milestones: [], path: [] },
    {
      name: "booked without a position adds nothing",
      milestones: [{ kind: "booked", location: null }],
      path: [],
    },
    {
      name: "a pick-up without a position is at the route's start",
      milestones: [
        { kind: "booked", location: null },
        { kind: "picked_up", location: null },
        { kind: "departed", location: PORT },
      ],
      path: [MEL, PORT],
    },
    {
      name: "recorded positions win over the plan, in the order recorded",
      milestones: [
        { kind: "picked_up", location: { lat: -37.7, lng: 145 } },
        { kind: "departed", location: PORT },
        { kind: "arrived_port", location: SHANGHAI },
      ],
      path: [{ lat: -37.7, lng: 145 }, PORT, SHANGHAI],
    },
    {
      name: "a departure without a position adds nothing; delivery and after are at the end, once",
      milestones: [
        { kind: "picked_up", location: null },
        { kind: "departed", location: null },
        { kind: "delivered", location: null },
        { kind: "received", location: null },
        { kind: "processed", location: null },
      ],
      path: [MEL, PLANT],
    },
    {
      name: "the same point twice in a row is kept once",
      milestones: [
        { kind: "picked_up", location: MEL },
        { kind: "departed", location: MEL },
      ],
      path: [MEL],
    },
  ];
  test.each(cases)("$name", ({ milestones, path }) => {
    expect(travelledPath(milestones, MEL, PLANT)).toEqual(path);
  });

  test("without a planned route, only recorded positions count", () => {
    expect(
      travelledPath(
        [
          { kind: "picked_up", location: null },
          { kind: "delivered", location: PLANT },
        ],
        null,
        null,
      ),
    ).toEqual([PLANT]);
  });
});

describe("lines in hundredths of a degree, as differences", () => {
  test("the first point absolute, the next ones as steps; rounding to about a kilometre", () => {
    expect(encodeLine([MEL, PORT, SHANGHAI])).toEqual([-3781, 14496, -3, -3, 6907, -2346]);
    expect(decodeLine(encodeLine([MEL, PORT, SHANGHAI]))).toEqual([
      { lat: -37.81, lng: 144.96 },
      { lat: -37.84, lng: 144.93 },
      { lat: 31.23, lng: 121.47 },
    ]);
  });

  test("points that round onto the previous one are dropped, the line keeps one point", () => {
    expect(encodeLine([MEL, { lat: -37.8141, lng: 144.9629 }])).toEqual([-3781, 14496]);
    expect(encodeLine([])).toEqual([]);
  });

  test("longitudes past 180° (an unwrapped Pacific crossing) survive", () => {
    expect(
      decodeLine(
        encodeLine([
          { lat: 21.3, lng: 179.5 },
          { lat: 21.3, lng: 190.25 },
        ]),
      ),
    ).toEqual([
      { lat: 21.3, lng: 179.5 },
      { lat: 21.3, lng: 190.25 },
    ]);
  });
});

describe("the map's data", () => {
  const items: ShipmentMapItem[] = [
    {
      id: "0193a5c2-0000-7000-8000-000000000001",
      number: 12,
      status: "in_transit",
      late: true,
      lateHours: 30,
      legs: [
        { mode: "road", path: [MEL, PORT] },
        { mode: "sea", path: [PORT, { lat: -10, lng: 150 }, SHANGHAI] },
        { mode: "road", path: [SHANGHAI, PLANT] },
      ],
      travelled: [MEL, PORT],
      position: PORT,
    },
    {
      id: "0193a5c2-0000-7000-8000-000000000002",
      number: 13,
      status: "booked",
      late: false,
      lateHours: 0,
      legs: [{ mode: "rail", path: [MEL, { lat: -33.87, lng: 151.21 }] }],
      travelled: [],
      position: null,
    },
  ];

  test("round-trips every shipment's status, lateness, legs by mode, travelled path and position", () => {
    const data = encodeShipmentMapData(items, false);
    expect(data.m).toEqual(["rsr", "t"]);
    expect(data.st).toEqual([2, 1]);
    expect(data.p[1]).toEqual([]);
    const decoded = decodeShipmentMapData(JSON.parse(JSON.stringify(data)));
    expect(decoded.map((d) => [d.id, d.number, d.status, d.late, d.lateHours])).toEqual([
      [items[0]!.id, 12, "in_transit", true, 30],
      [items[1]!.id, 13, "booked", false, 0],
    ]);
    expect(decoded[0]!.legs.map((l) => [l.mode, l.path.length])).toEqual([
      ["road", 2],
      ["sea", 3],
      ["road", 2],
    ]);
    expect(decoded[0]!.travelled).toEqual([
      { lat: -37.81, lng: 144.96 },
      { lat: -37.84, lng: 144.93 },
    ]);
    expect(decoded[0]!.position).toEqual({ lat: -37.84, lng: 144.93 });
    expect(decoded[1]!.position).toBeNull();
    expect(decoded[1]!.travelled).toEqual([]);
  });
});

describe("against the plan", () => {
  const planned = new Date("2026-12-10T00:00:00Z");
  const at = (hours: number) => new Date(planned.getTime() + hours * 3_600_000);
  test.each([
    [0, "on time"],
    [0.5, "on time"],
    [-1, "on time"],
    [1.02, "2 h late"],
    [30, "30 h late"],
    [47, "47 h late"],
    [72, "3 days late"],
    [-5, "5 h early"],
    [-96, "4 days early"],
  ])("%s h after the plan: %s", (hours, label) => {
    expect(againstPlan(at(hours), planned).label).toBe(label);
  });
});
