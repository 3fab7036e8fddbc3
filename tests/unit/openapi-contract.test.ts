// The OpenAPI document cannot drift from the API (ADR 016):
// - every /api/v1 route file serves a documented path and every documented path is served, with a
//   loader for GET and an action for every other method;
// - every documented request body accepts exactly what its handler accepts: from a valid example,
//   each field is mutated (left out, null, the wrong type, out of range, too long, an unknown
//   member…) and the documented JSON Schema (validated by ajv) and the handler's own check must
//   agree on every variant. Bodies generated from zod must agree with zod; the lot bodies, whose
//   rules live in validateLotInput, are checked against that on a table of single-field cases.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, test } from "vitest";
import type { ZodTypeAny } from "zod";
import { PlanBody } from "~/api/allocation-plan-api.server.ts";
import { AwardSealedBody, DeclineAwardBody, DeclineRequestBody, RelistBody } from "~/api/award-api.server.ts";
import { PlaceBidBody } from "~/api/bid-api.server.ts";
import { CreateBookingBody, DeclineBookingBody } from "~/api/booking-api.server.ts";
import { RecordPaymentBody } from "~/api/deal-api.server.ts";
import { DecisionBody, OpenDisputeBody, ProposalBody } from "~/api/dispute-api.server.ts";
import { CreateLotBody, PatchLotBody } from "~/api/lot-api.server.ts";
import { openApiDocument } from "~/api/openapi/document.ts";
import { QuoteBody } from "~/api/quote-api.server.ts";
import { AssignCarrierBody, RecordConsentBody, RecordMilestoneBody } from "~/api/shipment-api.server.ts";
import { validateLotInput } from "~/domain/lot-input.ts";
import { checkScenarioInput } from "~/models/plan-scenario.server.ts";

type Json = Record<string, unknown>;
const document = openApiDocument("http://packloop.test") as unknown as {
  paths: Record<string, Record<string, { operationId: string; requestBody?: Json }>>;
  components: Json;
};

const UUID = "0b5c7f6e-3a7d-4c1e-9f2a-6d8e1b2c3a4f";
const location = { lat: -33.87, lng: 151.21 };
const inAMonth = new Date(Date.now() + 30 * 86_400_000);
const day = (d: Date) => d.toISOString().slice(0, 10);
const facility = {
  id: "f1",
  name: "Kwinana hydromet",
  location: { lat: -32.2, lng: 115.8 },
  economy: "AU",
  processes: ["hydrometallurgy"],
  acceptedChemistries: ["NMC811"],
  acceptedForms: ["pack"],
  acceptedConditions: ["intact"],
  recoveryRatesPct: { li: 90, ni: 95, co: 95, mn: 80, cu: 90 },
  holdsImportConsent: true,
  capacity: [
    {
      month: day(inAMonth).slice(0, 7),
      tonnes: 100,
      pricePerTonne: { amountMinor: 120_000, currency: "USD" },
      priceKind: "payable",
    },
  ],
};
const lot = {
  title: "24 Nissan Leaf packs",
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  count: 24,
  massKg: 7_200,
  location,
  availableFrom: day(inAMonth),
  saleMode: "auction",
  currency: "AUD",
};

/** Today as the lot handlers see it: drafts are checked like the API's POST /lots does. */
function lotAccepted(body: unknown, schema: ZodTypeAny, base: Json = {}): boolean {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return false;
  const { status: _status, ...raw } = parsed.data as Json;
  const now = new Date();
  return validateLotInput({ ...base, ...raw }, { today: day(now), now, mode: "draft" }).ok;
}

/** Each operation with a body: a valid example and how its handler decides. */
const contracts: Record<string, { example: Json; accepts: (body: unknown) => boolean; mutate?: boolean }> = {
  placeBid: {
    example: {
      amount: { amountMinor: 150_000, currency: "AUD" },
      maxAmount: { amountMinor: 200_000, currency: "AUD" },
      facilityId: UUID,
      incoterm: "DAP",
      destination: { lat: -33.9, lng: 151.2, economy: "AU", label: "Port Botany" },
      idempotencyKey: "k-1",
    },
    accepts: (body) => PlaceBidBody.safeParse(body).success,
  },
  declinePurchaseRequest: {
    example: { note: "Sold elsewhere." },
    accepts: (body) => DeclineRequestBody.safeParse(body).success,
  },
  awardSealedBid: {
    example: { bidId: UUID, reason: "Best net value" },
    accepts: (body) => AwardSealedBody.safeParse(body).success,
  },
  relistLot: {
    example: {
      closesAt: inAMonth.toISOString(),
      startingPrice: { amountMinor: 100_000, currency: "AUD" },
      reservePrice: { amountMinor: 150_000, currency: "AUD" },
    },
    accepts: (body) => RelistBody.safeParse(body).success,
  },
  declineAward: {
    example: { reason: "The buyer withdrew." },
    accepts: (body) => DeclineAwardBody.safeParse(body).success,
  },
  requestBooking: {
    example: { capacityWindowId: UUID, lotId: UUID },
    accepts: (body) => CreateBookingBody.safeParse(body).success,
  },
  declineBooking: {
    example: { note: "Full that month." },
    accepts: (body) => DeclineBookingBody.safeParse(body).success,
  },
  recordDealPayment: {
    example: {
      amount: { amountMinor: 2_000_000, currency: "AUD" },
      reference: "PL-DL-000123",
      receivedAt: "2026-12-06T10:00:00Z",
    },
    accepts: (body) => RecordPaymentBody.safeParse(body).success,
  },
  openDispute: {
    example: { reason: "weight", description: "Two modules short." },
    accepts: (body) => OpenDisputeBody.safeParse(body).success,
  },
  proposeDisputeOutcome: {
    example: { kind: "partial_refund", amountMinor: 100_000, note: "AUD 1,000 off" },
    accepts: (body) => ProposalBody.safeParse(body).success,
  },
  decideDispute: {
    example: { kind: "price_adjustment", amountMinor: 1_800_000, note: "Weighbridge ticket rules." },
    accepts: (body) => DecisionBody.safeParse(body).success,
  },
  assignCarrier: {
    example: { carrierOrganizationId: UUID },
    accepts: (body) => AssignCarrierBody.safeParse(body).success,
  },
  recordConsent: {
    example: {
      notificationNumber: "KR-2026-0042",
      authorities: [
        "Ministry of Environment, Republic of Korea",
        "US EPA, Office of Land and Emergency Management",
      ],
      validFrom: "2026-11-01",
      validTo: "2027-10-31",
      shipmentsConsented: 12,
      serialNumber: 3,
    },
    accepts: (body) => RecordConsentBody.safeParse(body).success,
  },
  recordMilestone: {
    example: {
      kind: "assayed",
      occurredAt: "2026-12-01T12:00:00Z",
      location: { lat: -37.8, lng: 144.9 },
      netWeightKg: 10_250,
      packaging: "P909 steel crates",
      stateOfChargePct: 30,
      assay: { nickelBp: 1_850, cobaltBp: 420 },
      note: "Two samples taken.",
      evidenceDocumentIds: [UUID],
    },
    accepts: (body) => RecordMilestoneBody.safeParse(body).success,
  },
  createQuote: {
    example: {
      lot: {
        chemistry: "NMC811",
        form: "pack",
        condition: "intact",
        massKg: 7_200,
        stateOfHealthPct: 70,
        location,
        economy: "AU",
        availableFrom: day(inAMonth),
      },
      facilities: [facility],
      weights: { netValue: 0.6, co2: 0.2, transitTime: 0.2 },
    },
    accepts: (body) => QuoteBody.safeParse(body).success,
  },
  createAllocationPlan: {
    example: {
      lots: [
        {
          id: "l1",
          chemistry: "NMC811",
          form: "pack",
          condition: "intact",
          massKg: 7_200,
          stateOfHealthPct: null,
          location,
          economy: "AU",
          availableFrom: day(inAMonth),
        },
      ],
      facilities: [
        {
          ...facility,
          capacity: [{ ...facility.capacity[0], bookedTonnes: 10, acceptedChemistries: ["NMC811"] }],
        },
      ],
      co2PricePerTonne: { amountMinor: 10_000, currency: "USD" },
    },
    accepts: (body) => PlanBody.safeParse(body).success,
  },
  // The lot bodies' rules are validateLotInput's, some across fields (mass per unit, energy per
  // kg) that JSON Schema cannot say: they are checked on the table below, not by blind mutation.
  createScenario: {
    example: {
      name: "LFP hub in Melbourne",
      changes: [
        {
          kind: "hub",
          port: "AUMEL",
          chemistry: "LFP",
          tonnesPerMonth: 50,
          priceCentsPerTonne: 200_000,
          recoveryPct: 90,
        },
        { kind: "co2_price", centsPerTonne: 15_000 },
      ],
    },
    // readScenarioBody (an object of name and changes only), then the page's own checks.
    accepts: (body) => {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
      if (Object.keys(body).some((key) => key !== "name" && key !== "changes")) return false;
      const { name, changes } = body as Json;
      return checkScenarioInput(name, changes).ok;
    },
  },
  createLot: { example: lot, accepts: (body) => lotAccepted(body, CreateLotBody), mutate: false },
  updateLot: { example: {}, accepts: (body) => lotAccepted(body, PatchLotBody, lot), mutate: false },
};

function documentedBodies(): Map<string, Json> {
  const bodies = new Map<string, Json>();
  for (const operations of Object.values(document.paths))
    for (const operation of Object.values(operations)) {
      const schema = (operation.requestBody?.content as Json | undefined)?.["application/json"] as
        | { schema: Json }
        | undefined;
      if (schema) bodies.set(operation.operationId, schema.schema);
    }
  return bodies;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The body's $refs point into the document's components: validate with them alongside.
const validatorFor = (schema: Json) => ajv.compile({ ...schema, components: document.components });

/** Every variant of `value` with one thing changed, each with the path it changed. */
function* mutations(value: unknown, at = ""): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    yield [`${at} (empty)`, []];
    yield [`${at} (not a list)`, { ...value }];
    if (value.length > 0) {
      for (const [where, inner] of mutations(value[0], `${at}[0]`)) yield [where, [inner, ...value.slice(1)]];
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    const object = value as Json;
    yield [`${at}.unknown`, { ...object, unknownField: 1 }];
    yield [`${at} (not an object)`, "text"];
    for (const [key, inner] of Object.entries(object)) {
      const { [key]: _left, ...without } = object;
      yield [`${at}.${key} left out`, without];
      for (const [where, changed] of mutations(inner, `${at}.${key}`))
        yield [where, { ...object, [key]: changed }];
    }
    return;
  }
  const variants: unknown[] = [null, true, [], {}];
  if (typeof value === "number") {
    variants.push(
      String(value),
      value + 0.5,
      -value,
      0,
      -1,
      101,
      -91,
      181,
      1e20,
      Number.MAX_SAFE_INTEGER + 2,
    );
  }
  if (typeof value === "string") {
    variants.push(1, "", value.toLowerCase(), `${value}X`, "x".repeat(201), "x".repeat(5001), "AUDX");
    variants.push("2026-13-01", "2026-02-01T10:00:00", "2026-02-01T10:00:00+10:00", "not-a-uuid");
  }
  if (typeof value === "boolean") variants.push("true", 1);
  for (const variant of variants) yield [`${at} = ${JSON.stringify(variant)?.slice(0, 30)}`, variant];
}

describe("the OpenAPI document's request bodies accept what the handlers accept", () => {
  const bodies = documentedBodies();

  test("every documented body has a contract here, and every contract a documented body", () => {
    expect([...bodies.keys()].sort()).toEqual(Object.keys(contracts).sort());
  });

  for (const [operationId, contract] of Object.entries(contracts)) {
    test(`${operationId}: the example and every one-field change of it`, () => {
      const valid = validatorFor(bodies.get(operationId) ?? {});
      expect(contract.accepts(contract.example), "the handler takes the example").toBe(true);
      expect(valid(contract.example), JSON.stringify(valid.errors)).toBe(true);
      if (contract.mutate === false) return;
      let refused = 0;
      for (const [where, variant] of mutations(contract.example)) {
        const handler = contract.accepts(variant);
        expect(valid(variant), `${operationId} ${where}: the handler says ${handler}`).toBe(handler);
        if (!handler) refused++;
      }
      expect(refused).toBeGreaterThan(5);
    });
  }

  const lotCases: [string, Json, boolean][] = [
    ["a draft lot", lot, true],
    ["without a title", { ...lot, title: undefined }, false],
    ["a two-letter title", { ...lot, title: "ab" }, false],
    ["a 121-character title", { ...lot, title: "x".repeat(121) }, false],
    ["an unknown chemistry", { ...lot, chemistry: "NMC999" }, false],
    ["an unknown form", { ...lot, form: "crate" }, false],
    ["an unknown condition", { ...lot, condition: "mint" }, false],
    ["a count of zero", { ...lot, count: 0 }, false],
    ["a fractional count", { ...lot, count: 2.5 }, false],
    ["a count as text", { ...lot, count: "24" }, false],
    ["no mass", { ...lot, massKg: undefined }, false],
    ["a mass of zero", { ...lot, massKg: 0 }, false],
    ["a fractional mass", { ...lot, massKg: 7_200.5 }, false],
    ["a mass above 2,000 t", { ...lot, massKg: 2_000_001, count: 2_000 }, false],
    ["a state of health of 101", { ...lot, stateOfHealthPct: 101 }, false],
    ["a state of health of 80", { ...lot, stateOfHealthPct: 80 }, true],
    ["no state of health (null)", { ...lot, stateOfHealthPct: null }, true],
    ["a latitude of 91", { ...lot, location: { lat: 91, lng: 0 } }, false],
    ["a location with an extra member", { ...lot, location: { ...location, alt: 3 } }, false],
    ["an economy outside APEC", { ...lot, economy: "FR" }, false],
    ["an APEC economy", { ...lot, economy: "AU" }, true],
    ["an unknown sale mode", { ...lot, saleMode: "raffle" }, false],
    ["a lower-case currency", { ...lot, currency: "aud" }, true],
    ["a four-letter currency", { ...lot, currency: "AUDX" }, false],
    ["an unknown member", { ...lot, colour: "blue" }, false],
    ["a 5,001-character description", { ...lot, description: "x".repeat(5001) }, false],
    ["a description", { ...lot, description: "Packs from a fleet." }, true],
    ["an origin of 121 characters", { ...lot, originVehicle: "x".repeat(121) }, false],
    ["a negative energy", { ...lot, energyKwh: -1 }, false],
    ["no energy (null)", { ...lot, energyKwh: null }, true],
    ["a status of open", { ...lot, status: "open" }, true],
    ["a status of withdrawn", { ...lot, status: "withdrawn" }, false],
  ];
  test.each(lotCases)("createLot: %s", (_what, body, expected) => {
    const valid = validatorFor(bodies.get("createLot") ?? {});
    const sent = JSON.parse(JSON.stringify(body));
    expect(contracts.createLot.accepts(sent), "the handler").toBe(expected);
    expect(valid(sent), JSON.stringify(valid.errors)).toBe(expected);
  });

  const patchCases: [string, Json, boolean][] = [
    ["nothing", {}, true],
    ["a new title", { title: "25 Nissan Leaf packs" }, true],
    ["a two-letter title", { title: "ab" }, false],
    ["an unknown chemistry", { chemistry: "NMC999" }, false],
    ["a count of zero", { count: 0 }, false],
    ["a state of health of 101", { stateOfHealthPct: 101 }, false],
    ["an unknown member", { colour: "blue" }, false],
    ["withdrawing", { status: "withdrawn" }, true],
    ["a status of draft", { status: "draft" }, false],
    ["a lower-case currency", { currency: "aud" }, true],
    ["a currency of digits", { currency: "123" }, false],
  ];
  test.each(patchCases)("updateLot: %s", (_what, body, expected) => {
    const valid = validatorFor(bodies.get("updateLot") ?? {});
    expect(contracts.updateLot.accepts(body), "the handler").toBe(expected);
    expect(valid(body), JSON.stringify(valid.errors)).toBe(expected);
  });
});

describe("the OpenAPI document and the router list the same endpoints", () => {
  const routesDir = path.resolve("app/routes");
  // The document itself is served at /api/v1/openapi.json and does not describe itself.
  const routeFiles = readdirSync(routesDir).filter(
    (f) => /^api\.v1\..*\.ts$/.test(f) && !f.endsWith(".server.ts") && f !== "api.v1.openapi[.]json.ts",
  );
  /** "api.v1.lots.$lotId.bids.ts" → ["api", "v1", "lots", "$lotId", "bids"]. */
  const segmentsOf = (file: string) => file.replace(/\.ts$/, "").split(".");
  const documentedPaths = Object.keys(document.paths).map((p) => ({
    path: p,
    segments: p.replace(/^\//, "").split("/"),
  }));
  const serves = (file: string, documented: string[]) => {
    const route = segmentsOf(file);
    return (
      route.length === documented.length &&
      route.every((segment, i) =>
        segment.startsWith("$") ? true : segment === documented[i] && !documented[i].startsWith("{"),
      )
    );
  };
  // Remix ranks a static segment above a dynamic one: a path goes to the most specific route.
  const routeOf = (documented: string[]) =>
    routeFiles
      .filter((file) => serves(file, documented))
      .sort(
        (a, b) =>
          segmentsOf(a).filter((s) => s.startsWith("$")).length -
          segmentsOf(b).filter((s) => s.startsWith("$")).length,
      )[0];

  test("every route file serves at least one documented path", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    for (const file of routeFiles) {
      expect(
        documentedPaths.some((p) => routeOf(p.segments) === file),
        `${file} serves no documented path`,
      ).toBe(true);
    }
  });

  test("every documented operation has a route with the handler its method needs", () => {
    for (const { path: documented, segments } of documentedPaths) {
      const file = routeOf(segments);
      expect(file, `${documented} has no route`).toBeDefined();
      const source = readFileSync(path.join(routesDir, file!), "utf8");
      for (const method of Object.keys(document.paths[documented])) {
        const handler = method === "get" ? "loader" : "action";
        expect(source, `${method.toUpperCase()} ${documented} needs ${file}'s ${handler}`).toMatch(
          new RegExp(`export (async )?function ${handler}\\b`),
        );
      }
    }
  });
});
