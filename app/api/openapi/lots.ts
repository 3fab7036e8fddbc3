import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, SALE_MODES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { LOT_SORTS } from "~/domain/lot-filters.ts";
import { LOT_STATUSES } from "~/domain/lot-lifecycle.ts";
import { ROUTING_HINTS } from "~/domain/lot-routing-hint.ts";
import {
  jsonResponse,
  listParameter,
  nullable,
  type OpenApiFragment,
  paginationParameters,
  problemResponse,
  ref,
  uuidPathParameter,
} from "./common.ts";

const numberParameter = (name: string, description: string) => ({
  name,
  in: "query",
  description,
  schema: { type: "number", minimum: 0 },
});
const money = nullable(ref("Money"));
const lotParameter = uuidPathParameter("lotId");

/** Writable fields of a lot; which are required, and their ranges, are checked like the form's. */
const lotInputProperties = {
  title: { type: "string", minLength: 3, maxLength: 120 },
  chemistry: { type: "string", enum: [...CHEMISTRIES] },
  form: { type: "string", enum: [...LOT_FORMS] },
  condition: { type: "string", enum: [...BATTERY_CONDITIONS] },
  count: { type: "integer", minimum: 1, maximum: 1_000_000 },
  massKg: {
    type: "integer",
    minimum: 1,
    maximum: 2_000_000,
    description: "Gross mass of the whole lot. Per unit: packs 20–2,000 kg, modules 1–500 kg, cells ≤ 50 kg.",
  },
  energyKwh: nullable({
    type: "number",
    exclusiveMinimum: 0,
    description: "At most 0.4 kWh per kg of lot mass",
  }),
  stateOfHealthPct: nullable({ type: "integer", minimum: 0, maximum: 100 }),
  originVehicle: nullable({ type: "string", maxLength: 120 }),
  originOem: nullable({ type: "string", maxLength: 120 }),
  location: ref("Coordinates"),
  locationLabel: nullable({ type: "string", maxLength: 200 }),
  economy: nullable({
    type: "string",
    enum: [...ECONOMY_CODES],
    description: "Derived from the location (approximately) when left out.",
  }),
  availableFrom: { type: "string", format: "date" },
  saleMode: { type: "string", enum: [...SALE_MODES] },
  currency: { type: "string", pattern: "^[A-Za-z]{3}$", description: "ISO 4217 code, in any case" },
  startingPrice: { ...money, description: "Auctions; required to publish one." },
  reservePrice: { ...money, description: "Auctions and sealed tenders; never shown to other organisations." },
  askingPrice: { ...money, description: "Fixed-price lots; required to publish one." },
  closesAt: nullable({
    type: "string",
    format: "date-time",
    description: "When bidding closes (auctions and sealed tenders): in the future, at most 90 days ahead.",
  }),
  description: nullable({ type: "string", maxLength: 5000 }),
};

const lotErrors = {
  400: problemResponse("Invalid body: one entry per field in `errors`, unknown fields included"),
  401: problemResponse("No valid credentials"),
  403: problemResponse("The seller capability is missing, or the lot belongs to another organisation"),
};

export const lotsApi: OpenApiFragment = {
  paths: {
    "/api/v1/lots": {
      get: {
        operationId: "listLots",
        summary:
          "Search lots (open lots unless `status` says otherwise); your own drafts are included on request",
        parameters: [
          listParameter("chemistry", CHEMISTRIES, "Chemistry code."),
          listParameter("form", LOT_FORMS, "Form code."),
          listParameter("condition", BATTERY_CONDITIONS, "Condition code."),
          listParameter("economy", ECONOMY_CODES, "ISO 3166-1 alpha-2 code of an APEC economy."),
          listParameter("status", LOT_STATUSES, "Lot status; default open."),
          listParameter("saleMode", SALE_MODES, "Sale mode."),
          numberParameter("minMassKg", "Smallest gross mass in kg."),
          numberParameter("maxMassKg", "Largest gross mass in kg."),
          numberParameter("minSohPct", "Lowest state of health in percent."),
          numberParameter("maxSohPct", "Highest state of health in percent."),
          {
            name: "q",
            in: "query",
            description: "Free text (title, description, OEM, vehicle, place).",
            schema: { type: "string", maxLength: 200 },
          },
          {
            name: "bbox",
            in: "query",
            description: "minLng,minLat,maxLng,maxLat in degrees; minLng > maxLng crosses the antimeridian.",
            schema: { type: "string", examples: ["100,-50,-60,60"] },
          },
          { name: "sort", in: "query", schema: { type: "string", enum: [...LOT_SORTS], default: "newest" } },
          ...paginationParameters,
        ],
        responses: {
          200: jsonResponse("A page of lots", {
            type: "object",
            required: ["lots", "total", "limit", "offset"],
            properties: {
              lots: { type: "array", items: ref("Lot") },
              total: { type: "integer" },
              limit: { type: "integer" },
              offset: { type: "integer" },
            },
          }),
          400: problemResponse("A filter is invalid; `errors` names it"),
          401: problemResponse("No valid credentials"),
        },
      },
      post: {
        operationId: "createLot",
        summary: "List a lot for your organisation (needs the seller capability)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: [
                  "title",
                  "chemistry",
                  "form",
                  "condition",
                  "count",
                  "massKg",
                  "location",
                  "availableFrom",
                  "saleMode",
                  "currency",
                ],
                properties: {
                  ...lotInputProperties,
                  status: {
                    type: "string",
                    enum: ["draft", "open"],
                    default: "draft",
                    description: "open publishes at once",
                  },
                },
              },
            },
          },
        },
        responses: {
          201: {
            ...jsonResponse("The lot as created", ref("Lot")),
            headers: { Location: { schema: { type: "string" }, description: "/api/v1/lots/{id}" } },
          },
          ...lotErrors,
        },
      },
    },
    "/api/v1/lots/{lotId}": {
      get: {
        operationId: "getLot",
        summary: "One lot; drafts and withdrawn lots are visible only to their own organisation",
        parameters: [lotParameter],
        responses: {
          200: jsonResponse("The lot", ref("Lot")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such lot, or not visible to you"),
        },
      },
      patch: {
        operationId: "updateLot",
        summary: "Change your own lot while it is a draft or open without bids; publish or withdraw it",
        parameters: [lotParameter],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                description: "Fields left out keep their value; null clears an optional field.",
                properties: {
                  ...lotInputProperties,
                  status: {
                    type: "string",
                    enum: ["open", "withdrawn"],
                    description: "open publishes a draft; withdrawn withdraws the lot",
                  },
                },
              },
            },
          },
        },
        responses: {
          200: jsonResponse("The lot after the change", ref("Lot")),
          ...lotErrors,
          404: problemResponse("No such lot, or not visible to you"),
          409: problemResponse(
            "`LOT_NOT_EDITABLE`: the lot has bids or is past open; `CONFLICT`: changed meanwhile",
          ),
        },
      },
    },
  },
  schemas: {
    Lot: {
      type: "object",
      required: [
        "id",
        "number",
        "status",
        "title",
        "chemistry",
        "form",
        "condition",
        "count",
        "massKg",
        "energyKwh",
        "stateOfHealthPct",
        "location",
        "economy",
        "saleMode",
        "availableFrom",
        "price",
        "sellerOrganizationId",
        "bidCount",
        "derived",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        number: { type: "integer" },
        reference: { type: "string", examples: ["PL-000123"] },
        status: { type: "string", enum: [...LOT_STATUSES] },
        ...lotInputProperties,
        economy: { type: "string", enum: [...ECONOMY_CODES] },
        price: {
          type: "object",
          required: ["starting", "reserve", "asking", "current"],
          properties: {
            starting: money,
            reserve: {
              ...money,
              description: "Only for the lot's own organisation; null for everyone else.",
            },
            asking: money,
            current: { ...money, description: "The leading bid, when there is one." },
          },
        },
        publishedAt: nullable({ type: "string", format: "date-time" }),
        sellerOrganizationId: { type: "string", format: "uuid" },
        bidCount: { type: "integer" },
        version: { type: "integer", description: "Increases with every change." },
        createdAt: { type: "string", format: "date-time" },
        updatedAt: { type: "string", format: "date-time" },
        derived: ref("LotDerived"),
        auction: {
          ...nullable(ref("AuctionState")),
          description: "The sale state for the caller (GET and PATCH of one lot; not in lists).",
        },
      },
    },
    LotDerived: {
      type: "object",
      description: "Estimates Packloop derives from the declared chemistry, form, condition and mass.",
      properties: {
        transport: nullable({
          type: "object",
          properties: {
            unNumber: { type: "string", examples: ["UN3480"] },
            properShippingName: { type: "string" },
            packingInstruction: { type: "string", examples: ["P909", "P908", "P911"] },
            largePackingInstruction: nullable({ type: "string" }),
            specialProvisions: { type: "array", items: { type: "string" } },
            airForbidden: { type: "boolean" },
            basis: { type: "string" },
          },
        }),
        metalContentKg: nullable({
          type: "object",
          description: "Estimated contained metal in kg.",
          properties: {
            li: { type: "number" },
            ni: { type: "number" },
            co: { type: "number" },
            mn: { type: "number" },
            cu: { type: "number" },
          },
        }),
        estimatedEnergyKwh: nullable({
          type: "object",
          description: "Only when the seller gave no energy.",
          properties: { central: { type: "number" }, low: { type: "number" }, high: { type: "number" } },
        }),
        routingHint: nullable({
          type: "object",
          properties: { code: { type: "string", enum: [...ROUTING_HINTS] }, sentence: { type: "string" } },
        }),
        valueRange: nullable({
          type: "object",
          properties: {
            low: ref("Money"),
            high: ref("Money"),
            metalValue: ref("Money"),
            asOf: nullable({
              type: "string",
              format: "date",
              description: "Date of the oldest reference price used",
            }),
            gateFeePossible: { type: "boolean" },
            basis: { type: "string" },
          },
        }),
      },
    },
  },
};
