import { describe, expect, it } from "vitest";
import type { Chemistry } from "~/domain/codes.ts";
import { BATTERY_PASS_MODEL } from "~/domain/passport/battery-pass-model.ts";
import { cbvFor, exportEpcisDocument } from "~/domain/passport/epcis.ts";
import { exportBatteryPass, type PassportLot } from "~/domain/passport/export.ts";
import { chemistryFromPassport, readBatteryPassport } from "~/domain/passport/import.ts";
import { computeRecovery } from "~/domain/recovery/recovery.ts";
import { HEAD, RECOVERY_INPUT } from "./fixtures.ts";

function lot(overrides: Partial<PassportLot> = {}): PassportLot {
  return {
    id: "3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b",
    title: "Nissan Leaf 40 kWh pack",
    chemistry: "NMC532",
    form: "pack",
    massKg: 303,
    energyWh: 40_000,
    stateOfHealthPct: 71.5,
    originOem: "Nissan",
    originVehicle: "Leaf ZE1",
    createdAt: "2026-11-01T08:00:00Z",
    updatedAt: "2026-11-20T08:00:00Z",
    ...overrides,
  };
}

function exported(overrides: Partial<PassportLot> = {}, purpose: "recycling" | "reuse" = "recycling") {
  const result = exportBatteryPass({
    lot: lot(overrides),
    purpose,
    economicOperatorId: "org_seller_1",
    chainHead: { sequence: 7, hash: HEAD },
    issuedAt: "2026-12-06T10:00:00Z",
    lotUrl: "https://packloop.example/lots/3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b",
  });
  if (!result.ok) throw new Error(result.message);
  return result.passport;
}

/** Every leaf path of a JSON value, arrays as []. */
function paths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => paths(v, `${prefix}[]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

// Payload names of io.catenax.battery.battery_pass 6.1.0 (read from the published aspect model).
const MODEL_PATHS = new Set([
  "specVersion",
  "metadata.version",
  "metadata.status",
  "metadata.issueDate",
  "metadata.lastModification",
  "metadata.passportIdentifier",
  "metadata.economicOperatorId",
  "identification.category",
  "identification.chemistry",
  "identification.identification.type.manufacturerPartId",
  "identification.identification.type.nameAtManufacturer",
  "identification.identification.batch[].key",
  "identification.identification.batch[].value",
  "operation.manufacturer.manufacturer",
  "characteristics.physicalDimension.weight.value",
  "characteristics.physicalDimension.weight.unit",
  "performance.rated.energy.value",
  "performance.dynamic.capacity.fade.value",
  "performance.dynamic.capacity.fade.time",
  "materials.active.lithium.location",
  "materials.active.lithium.critical",
  "materials.active.nickel.location",
  "materials.active.nickel.critical",
  "materials.active.cobalt.location",
  "materials.active.cobalt.critical",
  "materials.composition[].id[].type",
  "materials.composition[].id[].name",
  "materials.composition[].id[].id",
  "materials.composition[].concentration",
  "materials.composition[].unit",
  "materials.composition[].location",
  "materials.composition[].critical",
  "sustainability.status",
  "sustainability.carbonFootprint[].lifecycle",
  "sustainability.carbonFootprint[].type",
  "sustainability.carbonFootprint[].value",
  "sustainability.carbonFootprint[].unit",
  "sources[].header",
  "sources[].category",
  "sources[].type",
  "sources[].content",
]);

describe("battery passport export", () => {
  it("uses only the model's field names", () => {
    const passport = exported();
    expect(paths(passport).filter((p) => !MODEL_PATHS.has(p))).toEqual([]);
    expect(passport.specVersion).toBe(BATTERY_PASS_MODEL.specVersion);
  });

  it.each([
    ["recycling", "waste"],
    ["reuse", "repurposed"],
  ] as const)("a lot sold for %s has status %s", (purpose, status) => {
    expect(exported({}, purpose).sustainability?.status).toBe(status);
  });

  it("records identification, mass, energy, SoH as capacity fade, materials and the chain head", () => {
    const passport = exported();
    expect(passport.identification?.chemistry).toBe("Nickel Manganese Cobalt (NMC532)");
    expect(passport.characteristics?.physicalDimension?.weight).toEqual({
      value: 303,
      unit: "unit:kilogram",
    });
    expect(passport.performance?.rated?.energy?.value).toBe(40);
    expect(passport.performance?.dynamic?.capacity?.fade?.value).toBe(28.5);
    expect(passport.metadata?.passportIdentifier).toBe("urn:uuid:3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b");
    expect(passport.materials?.composition?.map((c) => c.id[0]?.id)).toEqual([
      "7439-93-2",
      "7440-02-0",
      "7440-48-4",
      "7439-96-5",
      "7440-50-8",
    ]);
    expect(passport.sources?.[0]?.content).toBe(HEAD);
  });

  it("leaves out metals an LFP pack does not contain and values the lot does not have", () => {
    const passport = exported({ chemistry: "LFP", energyWh: null, stateOfHealthPct: null, originOem: null });
    expect(passport.materials?.composition?.map((c) => c.id[0]?.name)).toEqual(["lithium", "copper"]);
    expect(passport.materials?.active).toEqual({ lithium: { location: "Cathode", critical: true } });
    expect(passport.performance).toBeUndefined();
    expect(passport.operation).toBeUndefined();
  });

  it("carries the transport CO2e as shipped, the certificate and its carbon and recycled-content record once the lot was recovered", () => {
    const record = computeRecovery(RECOVERY_INPUT);
    if (!record.ok) throw new Error(record.message);
    const result = exportBatteryPass({
      lot: lot(),
      purpose: "recycling",
      economicOperatorId: "org_seller_1",
      chainHead: { sequence: 19, hash: HEAD },
      issuedAt: "2026-12-20T10:00:00Z",
      recovery: record,
      certificateUrl: "https://packloop.example/verify/PL-CR-2026-0001",
      carbonRecordUrl: "https://packloop.example/api/v1/certificates/PL-CR-2026-0001",
    });
    if (!result.ok) throw new Error(result.message);
    expect(paths(result.passport).filter((p) => !MODEL_PATHS.has(p))).toEqual([]);
    expect(result.passport.sustainability?.carbonFootprint).toEqual([
      { lifecycle: "distribution", type: "Climate Change Total", value: 226.8, unit: "kg CO2e" },
    ]);
    expect(result.passport.sources?.map((s) => s.content)).toEqual([
      HEAD,
      "https://packloop.example/verify/PL-CR-2026-0001",
      "https://packloop.example/api/v1/certificates/PL-CR-2026-0001",
    ]);
    expect(result.passport.sources?.at(-1)).toMatchObject({ category: "End of Life", type: "URL" });
  });

  it.each(["black_mass", "production_scrap"] as const)("refuses %s: not a battery", (form) => {
    const result = exportBatteryPass({
      lot: lot({ form }),
      purpose: "recycling",
      economicOperatorId: "x",
      chainHead: null,
      issuedAt: "2026-12-06T10:00:00Z",
    });
    expect(result.ok ? null : result.code).toBe("NOT_A_BATTERY");
  });
});

describe("battery passport import", () => {
  const CHEMISTRIES: Chemistry[] = [
    "NMC111",
    "NMC532",
    "NMC622",
    "NMC811",
    "NCA",
    "LFP",
    "LMFP",
    "LMO",
    "LCO",
    "SODIUM_ION",
    "MIXED",
  ];
  it.each(CHEMISTRIES)("round-trips a %s pack through export and import", (chemistry) => {
    const passport = exported({ chemistry });
    const result = readBatteryPassport(JSON.stringify(passport));
    expect(result).toEqual({
      ok: true,
      status: "waste",
      fields: {
        chemistry,
        form: "pack",
        count: "1",
        massKg: "303",
        energyKwh: "40",
        stateOfHealthPct: "71.5",
        title: "Nissan Leaf 40 kWh pack",
        originOem: "Nissan",
      },
    });
  });

  it.each([
    ["NCM 811", "NMC811"],
    ["Lithium Nickel Manganese Cobalt Oxide NMC-622", "NMC622"],
    ["NMC523", "NMC532"],
    ["LiFePO4", "LFP"],
    ["Lithium Manganese Iron Phosphate", "LMFP"],
    ["Nickel Cobalt Manganese (NCM)", null],
    ["Lead acid", null],
  ] as const)("reads chemistry %s as %s", (text, chemistry) => {
    expect(chemistryFromPassport(text)).toBe(chemistry);
  });

  it.each([
    ["not JSON", "{", "passport"],
    ["not a passport", { hello: 1 }, "passport"],
    [
      "chemistry without ratio",
      { identification: { chemistry: "Nickel Cobalt Manganese (NCM)" } },
      "chemistry",
    ],
    ["no chemistry", { metadata: { version: "1.0.0" } }, "chemistry"],
    [
      "unknown weight unit",
      {
        identification: { chemistry: "LFP" },
        characteristics: { physicalDimension: { weight: { value: 5, unit: "unit:pound" } } },
      },
      "massKg",
    ],
    [
      "negative energy",
      { identification: { chemistry: "LFP" }, performance: { rated: { energy: { value: -1 } } } },
      "energyKwh",
    ],
    [
      "fade over 100 %",
      {
        identification: { chemistry: "LFP" },
        performance: { dynamic: { capacity: { fade: { value: 130 } } } },
      },
      "stateOfHealthPct",
    ],
    [
      "an original battery",
      { identification: { chemistry: "LFP" }, sustainability: { status: "original" } },
      "status",
    ],
  ] as const)("names the field for %s", (_name, source, field) => {
    const result = readBatteryPassport(typeof source === "string" ? source : JSON.stringify(source));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toContain(field);
  });

  it("reads grams, an envelope and a status in capitals", () => {
    const result = readBatteryPassport({
      passport: {
        identification: { chemistry: "LFP" },
        characteristics: { physicalDimension: { weight: { value: 450_000, unit: "unit:gram" } } },
        sustainability: { status: "Repurposed" },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      status: "repurposed",
      fields: { chemistry: "LFP", massKg: "450" },
    });
  });
});

describe("EPCIS 2.0 export of custody events", () => {
  const doc = exportEpcisDocument({
    lotUri: "https://packloop.example/lots/abc",
    createdAt: "2026-12-20T00:00:00Z",
    events: [
      {
        sequence: 2,
        kind: "departed",
        occurredAt: "2026-12-08T03:00:00+09:00",
        hash: "b".repeat(64),
        location: { lat: -33.97, lng: 151.22 },
      },
      { sequence: 1, kind: "lot_listed", occurredAt: "2026-11-01T08:00:00Z", hash: "a".repeat(64) },
      { sequence: 3, kind: "something_new", occurredAt: "2026-12-09T00:00:00Z", hash: "c".repeat(64) },
    ],
  });
  it("is an EPCISDocument 2.0 with ObjectEvents in custody order, UTC times and CBV vocabulary", () => {
    expect(doc.type).toBe("EPCISDocument");
    expect(doc.schemaVersion).toBe("2.0");
    expect(doc["@context"]).toEqual([
      "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
      { packloop: "https://packloop.example/epcis/" },
    ]);
    const events = doc.epcisBody.eventList;
    expect(events.map((e) => e["packloop:sequence"])).toEqual([1, 2, 3]);
    expect(events[1]).toMatchObject({
      type: "ObjectEvent",
      eventTime: "2026-12-07T18:00:00Z",
      eventTimeZoneOffset: "+00:00",
      epcList: ["https://packloop.example/lots/abc"],
      bizStep: "departing",
      disposition: "in_transit",
      readPoint: { id: "geo:-33.97,151.22" },
      "packloop:custodyHash": "b".repeat(64),
    });
    expect(events[2]).toMatchObject({ bizStep: "other", action: "OBSERVE" });
    expect(events[2]).not.toHaveProperty("disposition");
  });

  it.each([
    ["received", "receiving", "in_progress"],
    ["processed", "destroying", "destroyed"],
    ["certified", "inspecting", "completeness_verified"],
    ["awarded", "reserving", "reserved"],
  ])("%s → %s / %s", (kind, bizStep, disposition) => {
    expect(cbvFor(kind)).toMatchObject({ bizStep, disposition });
  });
});
