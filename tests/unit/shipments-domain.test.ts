import { describe, expect, test } from "vitest";
import type { DocumentCode } from "~/domain/compliance/documents.ts";
import { failureStatus } from "~/domain/failure.ts";
import { type ConsentFacts, checkDeparture } from "~/domain/shipments/departure-gate.ts";
import {
  checkMilestoneFields,
  checkOrder,
  checkRecorder,
  MILESTONE_KINDS,
  type MilestoneInput,
  type MilestoneKind,
  milestonePlan,
  nextMilestone,
  rolesOf,
  type ShipmentParties,
  type ShipmentRole,
  type ShipmentRouteFacts,
} from "~/domain/shipments/milestones.ts";
import { shipmentEta, statusAfter, weightVariance } from "~/domain/shipments/progress.ts";

const ROAD_DOMESTIC: ShipmentRouteFacts = { hasSeaLeg: false, crossesBorder: false, blackMass: false };
const SEA_EXPORT: ShipmentRouteFacts = { hasSeaLeg: true, crossesBorder: true, blackMass: false };
const LAND_BORDER_BLACK_MASS: ShipmentRouteFacts = { hasSeaLeg: false, crossesBorder: true, blackMass: true };

describe("milestone plan per route", () => {
  test.each<[string, ShipmentRouteFacts, MilestoneKind[]]>([
    [
      "road, domestic, batteries",
      ROAD_DOMESTIC,
      ["booked", "picked_up", "departed", "delivered", "received", "processed", "certified"],
    ],
    [
      "sea, export, batteries",
      SEA_EXPORT,
      [
        "booked",
        "picked_up",
        "departed",
        "arrived_port",
        "customs_cleared",
        "delivered",
        "received",
        "processed",
        "certified",
      ],
    ],
    [
      "land border, black mass",
      LAND_BORDER_BLACK_MASS,
      [
        "booked",
        "picked_up",
        "departed",
        "customs_cleared",
        "delivered",
        "received",
        "sampled",
        "assayed",
        "processed",
        "certified",
      ],
    ],
    [
      "sea, domestic, black mass",
      { hasSeaLeg: true, crossesBorder: false, blackMass: true },
      MILESTONE_KINDS.filter((k) => k !== "customs_cleared"),
    ],
  ])("%s", (_name, facts, plan) => {
    expect(milestonePlan(facts)).toEqual(plan);
  });
});

describe("order", () => {
  test.each<[string, ShipmentRouteFacts, MilestoneKind[], MilestoneKind, string | null]>([
    ["first is booked", ROAD_DOMESTIC, [], "booked", null],
    [
      "cannot start with departed",
      ROAD_DOMESTIC,
      [],
      "departed",
      "“Departed” cannot come yet: “Booked” comes next.",
    ],
    ["next after booked", ROAD_DOMESTIC, ["booked"], "picked_up", null],
    ["no repeat", ROAD_DOMESTIC, ["booked"], "booked", "“Booked” is already recorded."],
    [
      "no port on a road route",
      ROAD_DOMESTIC,
      ["booked", "picked_up", "departed"],
      "arrived_port",
      "“Arrived at port” does not apply to this shipment.",
    ],
    ["port on a sea route", SEA_EXPORT, ["booked", "picked_up", "departed"], "arrived_port", null],
    [
      "customs before delivery across a border",
      SEA_EXPORT,
      ["booked", "picked_up", "departed", "arrived_port"],
      "delivered",
      "“Delivered” cannot come yet: “Customs cleared” comes next.",
    ],
    [
      "no assay for batteries",
      ROAD_DOMESTIC,
      ["booked", "picked_up", "departed", "delivered", "received"],
      "assayed",
      "“Assayed” does not apply to this shipment.",
    ],
    [
      "sample before assay",
      LAND_BORDER_BLACK_MASS,
      ["booked", "picked_up", "departed", "customs_cleared", "delivered", "received"],
      "assayed",
      "“Assayed” cannot come yet: “Sampled” comes next.",
    ],
    ["nothing after certified", ROAD_DOMESTIC, milestonePlan(ROAD_DOMESTIC).slice(0, 6), "certified", null],
  ])("%s", (_name, facts, recorded, kind, message) => {
    const failure = checkOrder(facts, recorded, kind);
    if (message === null) expect(failure).toBeNull();
    else expect(failure).toMatchObject({ code: "MILESTONE_OUT_OF_ORDER", message, field: "kind" });
  });

  test("the line is complete after certified", () => {
    const all = milestonePlan(ROAD_DOMESTIC);
    expect(nextMilestone(ROAD_DOMESTIC, all)).toBeNull();
    expect(checkOrder(ROAD_DOMESTIC, all, "received")?.message).toBe(
      "“Received and weighed” is already recorded.",
    );
  });
});

describe("who may record each milestone", () => {
  const SELLER = "org-seller";
  const BUYER = "org-buyer";
  const RECYCLER = "org-recycler";
  const CARRIER = "org-carrier";
  const OTHER = "org-other";
  const exw: ShipmentParties = {
    incoterm: "EXW",
    sellerOrganizationId: SELLER,
    buyerOrganizationId: BUYER,
    receiverOrganizationId: BUYER,
    carrierOrganizationId: CARRIER,
  };
  const dap: ShipmentParties = {
    ...exw,
    incoterm: "DAP",
    buyerOrganizationId: RECYCLER,
    receiverOrganizationId: RECYCLER,
  };

  test.each<[string, ShipmentParties, string, ShipmentRole[]]>([
    ["EXW buyer ships and receives", exw, BUYER, ["shipper", "receiver"]],
    ["EXW seller has no role", exw, SELLER, []],
    ["DAP seller ships", dap, SELLER, ["shipper"]],
    ["DAP recycler receives", dap, RECYCLER, ["receiver"]],
    ["carrier", dap, CARRIER, ["carrier"]],
    ["stranger", dap, OTHER, []],
  ])("roles: %s", (_name, parties, org, roles) => {
    expect(rolesOf(parties, org)).toEqual(roles);
  });

  const ALLOWED: Record<MilestoneKind, ShipmentRole[]> = {
    booked: ["shipper", "carrier"],
    picked_up: ["shipper", "carrier"],
    departed: ["shipper", "carrier"],
    arrived_port: ["shipper", "carrier"],
    customs_cleared: ["shipper", "carrier"],
    delivered: ["shipper", "carrier", "receiver"],
    received: ["receiver"],
    sampled: ["receiver"],
    assayed: ["receiver"],
    processed: ["receiver"],
    certified: ["receiver"],
  };
  const cases = MILESTONE_KINDS.flatMap((kind) =>
    (["shipper", "carrier", "receiver"] as const).map(
      (role) => [kind, role, ALLOWED[kind].includes(role)] as const,
    ),
  );
  test.each(cases)("%s by %s → %s", (kind, role, allowed) => {
    const failure = checkRecorder(kind, [role]);
    if (allowed) expect(failure).toBeNull();
    else {
      expect(failure?.code).toBe("NOT_YOUR_MILESTONE");
      expect(failureStatus(failure?.code ?? "")).toBe(403);
    }
  });

  test("a carrier cannot record received, and no role at all records nothing", () => {
    expect(checkRecorder("received", ["carrier"])?.message).toBe(
      "“Received and weighed” is recorded by the receiving facility.",
    );
    for (const kind of MILESTONE_KINDS) expect(checkRecorder(kind, [])?.code).toBe("NOT_YOUR_MILESTONE");
  });
});

describe("required fields", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const base = { occurredAt: new Date("2026-12-06T11:00:00Z") };
  test.each<[string, MilestoneInput, { blackMass?: boolean; previousAt?: Date }, string[]]>([
    ["booked needs nothing", { kind: "booked", ...base }, {}, []],
    [
      "picked_up needs packaging and state of charge",
      { kind: "picked_up", ...base },
      {},
      ["packaging", "stateOfChargePct"],
    ],
    [
      "picked_up complete",
      { kind: "picked_up", ...base, packaging: "P909 steel drums", stateOfChargePct: 30 },
      {},
      [],
    ],
    [
      "picked_up black mass: no state of charge",
      { kind: "picked_up", ...base, packaging: "UN 1H2 drums" },
      { blackMass: true },
      [],
    ],
    [
      "state of charge over 100",
      { kind: "picked_up", ...base, packaging: "x", stateOfChargePct: 101 },
      {},
      ["stateOfChargePct"],
    ],
    ["received needs net weight", { kind: "received", ...base }, {}, ["netWeightKg"]],
    ["received fractional weight", { kind: "received", ...base, netWeightKg: 12.5 }, {}, ["netWeightKg"]],
    ["received complete", { kind: "received", ...base, netWeightKg: 12_040 }, {}, []],
    ["weight only on receipt", { kind: "delivered", ...base, netWeightKg: 100 }, {}, ["netWeightKg"]],
    ["assayed needs a figure", { kind: "assayed", ...base, assay: {} }, { blackMass: true }, ["assay"]],
    [
      "assayed complete",
      { kind: "assayed", ...base, assay: { nickelBp: 1850, cobaltBp: 420 } },
      { blackMass: true },
      [],
    ],
    [
      "assay out of range",
      { kind: "assayed", ...base, assay: { nickelBp: 12_000 } },
      { blackMass: true },
      ["assay.nickelBp"],
    ],
    ["in the future", { kind: "booked", occurredAt: new Date("2026-12-06T13:00:00Z") }, {}, ["occurredAt"]],
    [
      "before the previous milestone",
      { kind: "departed", ...base },
      { previousAt: new Date("2026-12-06T11:30:00Z") },
      ["occurredAt"],
    ],
    ["bad location", { kind: "departed", ...base, location: { lat: 95, lng: 0 } }, {}, ["location"]],
  ])("%s", (_name, input, ctx, fields) => {
    const failure = checkMilestoneFields(input, {
      now,
      previousAt: ctx.previousAt ?? null,
      blackMass: ctx.blackMass ?? false,
    });
    if (fields.length === 0) expect(failure).toBeNull();
    else {
      expect(failure?.code).toBe("VALIDATION");
      expect(failure?.errors?.map((e) => e.field)).toEqual(fields);
    }
  });
});

describe("departure gate", () => {
  const at = new Date("2026-12-06T08:00:00Z");
  const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
    notificationNumber: "AU-2026-0042",
    validFrom: new Date("2026-11-01T00:00:00Z"),
    validTo: new Date("2027-10-31T23:59:59Z"),
    shipmentsConsented: 12,
    serialNumber: 3,
    ...over,
  });
  const REQUIRED: DocumentCode[] = [
    "DANGEROUS_GOODS_DECLARATION",
    "SAFETY_DATA_SHEET",
    "TRANSBOUNDARY_NOTIFICATION",
    "MOVEMENT_DOCUMENT",
    "CERTIFICATE_OF_RECYCLING",
  ];
  test.each<[string, DocumentCode[], DocumentCode[], boolean, ConsentFacts[], string | null, string | null]>([
    ["domestic with its papers", ["SAFETY_DATA_SHEET"], ["SAFETY_DATA_SHEET"], false, [], null, null],
    [
      "safety data sheet missing",
      ["SAFETY_DATA_SHEET"],
      [],
      false,
      [],
      "DOCUMENT_MISSING",
      "The shipment cannot leave without: Safety data sheet.",
    ],
    [
      "two missing, named",
      ["UN38_3_SUMMARY", "SAFETY_DATA_SHEET"],
      [],
      false,
      [],
      "DOCUMENT_MISSING",
      "The shipment cannot leave without: UN 38.3 test summary, Safety data sheet.",
    ],
    ["generated papers are not asked for", REQUIRED, ["SAFETY_DATA_SHEET"], true, [consent()], null, null],
    ["no consent recorded", REQUIRED, ["SAFETY_DATA_SHEET"], true, [], "CONSENT_REQUIRED", null],
    [
      "consent expired",
      REQUIRED,
      ["SAFETY_DATA_SHEET"],
      true,
      [consent({ validTo: new Date("2026-12-01T00:00:00Z") })],
      "CONSENT_REQUIRED",
      "No valid consent for this shipment: the consent to notification AU-2026-0042 expired on 2026-12-01.",
    ],
    [
      "consent not yet valid",
      REQUIRED,
      ["SAFETY_DATA_SHEET"],
      true,
      [consent({ validFrom: new Date("2027-01-01T00:00:00Z") })],
      "CONSENT_REQUIRED",
      "No valid consent for this shipment: the consent to notification AU-2026-0042 applies from 2027-01-01.",
    ],
    [
      "consent used up",
      REQUIRED,
      ["SAFETY_DATA_SHEET"],
      true,
      [consent({ shipmentsConsented: 2, serialNumber: 3 })],
      "CONSENT_REQUIRED",
      "No valid consent for this shipment: notification AU-2026-0042 covers 2 shipments; this would be number 3.",
    ],
    [
      "one good consent among expired ones",
      REQUIRED,
      ["SAFETY_DATA_SHEET"],
      true,
      [consent({ validTo: new Date("2026-01-01T00:00:00Z") }), consent()],
      null,
      null,
    ],
    [
      "documents before consent",
      REQUIRED,
      [],
      true,
      [],
      "DOCUMENT_MISSING",
      "The shipment cannot leave without: Safety data sheet.",
    ],
  ])("%s", (_name, requiredDocuments, documentsOnFile, needsConsent, consents, code, message) => {
    const failure = checkDeparture({ requiredDocuments, documentsOnFile, needsConsent, consents, at });
    if (code === null) expect(failure).toBeNull();
    else {
      expect(failure?.code).toBe(code);
      if (message) expect(failure?.message).toBe(message);
      expect(failureStatus(code)).toBe(409);
    }
  });
});

describe("weight variance", () => {
  test.each<[number, number, number | undefined, number, boolean]>([
    [10_000, 10_000, undefined, 0, false],
    [10_000, 10_200, undefined, 200, false], // exactly 2 %: not more than
    [10_000, 10_201, undefined, 201, true],
    [10_000, 9_799, undefined, 201, true],
    [10_000, 9_800, undefined, 200, false],
    [10_000, 10_450, 500, 450, false],
    [10_000, 10_501, 500, 501, true],
    [3, 4, undefined, 3333, true],
  ])(
    "declared %i, measured %i, threshold %s bp → %i bp, flagged %s",
    (declared, measured, threshold, bp, flagged) => {
      expect(weightVariance(declared, measured, threshold)).toMatchObject({
        varianceBp: bp,
        flagged,
        differenceKg: measured - declared,
      });
    },
  );
});

describe("ETA against plan", () => {
  const dep = new Date("2026-12-01T00:00:00Z");
  const arr = new Date("2026-12-21T00:00:00Z");
  test.each<[string, Date | null, Date | null, string, string, boolean]>([
    ["not departed, before plan", null, null, "2026-11-30T00:00:00Z", "2026-12-21T00:00:00.000Z", false],
    ["not departed, two days overdue", null, null, "2026-12-03T00:00:00Z", "2026-12-23T00:00:00.000Z", true],
    [
      "departed a day late",
      new Date("2026-12-02T00:00:00Z"),
      null,
      "2026-12-05T00:00:00Z",
      "2026-12-22T00:00:00.000Z",
      true,
    ],
    [
      "departed early",
      new Date("2026-11-30T00:00:00Z"),
      null,
      "2026-12-05T00:00:00Z",
      "2026-12-20T00:00:00.000Z",
      false,
    ],
    [
      "in transit past its ETA",
      new Date("2026-12-01T00:00:00Z"),
      null,
      "2026-12-22T06:00:00Z",
      "2026-12-22T06:00:00.000Z",
      true,
    ],
    [
      "arrived on time",
      new Date("2026-12-01T00:00:00Z"),
      new Date("2026-12-20T12:00:00Z"),
      "2026-12-30T00:00:00Z",
      "2026-12-20T12:00:00.000Z",
      false,
    ],
  ])("%s", (_name, departedAt, arrivedAt, now, eta, late) => {
    const result = shipmentEta({
      plannedDepartureAt: dep,
      plannedArrivalAt: arr,
      departedAt,
      arrivedAt,
      now: new Date(now),
    });
    expect(result.eta.toISOString()).toBe(eta);
    expect(result.late).toBe(late);
  });
});

describe("status from the last milestone", () => {
  test.each<[MilestoneKind | null, string]>([
    [null, "planned"],
    ["booked", "booked"],
    ["picked_up", "in_transit"],
    ["arrived_port", "in_transit"],
    ["delivered", "delivered"],
    ["received", "received"],
    ["assayed", "received"],
    ["certified", "completed"],
  ])("%s → %s", (kind, status) => {
    expect(statusAfter(kind)).toBe(status);
  });
});
