import { FAMILIES, INDEX_FORMS, REGIONS } from "~/domain/price-index/cells.ts";
import { MAX_WEEKS } from "~/domain/price-index/view.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";

const list = (values: readonly string[], description: string) => ({
  in: "query",
  required: false,
  description: `${description} One or more of ${values.join(", ")}, repeated or comma-separated; all when left out.`,
  schema: { type: "string" },
});
const week = (description: string) => ({
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^[0-9]{4}-W[0-9]{2}$" },
  example: "2026-W49",
});

/** The price index from Packloop's own deals (issue 13 item 2, ADR 035): public. */
export const priceIndexApi: OpenApiFragment = {
  paths: {
    "/api/v1/price-index": {
      get: {
        operationId: "getPriceIndex",
        summary: "The weekly price index from Packloop deals, by chemistry family, form and region (public)",
        description:
          "Batteries (packs, modules, cells) in USD per tonne at the seller's location (gate fees negative), black mass as % payable of the reference value of its Ni, Co and Li; normalised for freight and dangerous-goods costs on delivered terms and converted at the week's exchange rates. A cell-week is `published` only with at least 5 deals from 3 sellers and 3 buyers, no participant above 25 % of its tonnes and no one participant able to move it by more than half its rounding; otherwise `rolled` (the last value, for up to 4 weeks) or `insufficient_data`. Never contains a deal's or organisation's id. Methodology: /insights/price-index/methodology. The same rows as CSV: /insights/price-index.csv with the same query.",
        security: [],
        parameters: [
          { name: "family", ...list(FAMILIES, "Chemistry families.") },
          { name: "form", ...list(INDEX_FORMS, "Forms.") },
          { name: "region", ...list(REGIONS, "Regions of APEC economies.") },
          { name: "from", ...week("First ISO week (default: 25 weeks before `to`).") },
          {
            name: "to",
            ...week(`Last ISO week (default: this week). At most ${MAX_WEEKS} weeks per request.`),
          },
        ],
        responses: {
          200: jsonResponse("The index's cell-weeks in the range", {
            type: "object",
            required: ["from", "to", "methodologyVersion", "methodology", "points", "total"],
            properties: {
              from: { type: "string" },
              to: { type: "string" },
              methodologyVersion: { type: "string" },
              methodology: { type: "string" },
              points: { type: "array", items: ref("PriceIndexPoint") },
              total: { type: "integer" },
            },
          }),
          400: problemResponse(
            "A filter is not understood (VALIDATION_FAILED, the parameter named in errors)",
          ),
          503: problemResponse("The database is unavailable"),
        },
      },
    },
  },
  schemas: {
    PriceIndexPoint: {
      type: "object",
      required: [
        "family",
        "form",
        "region",
        "week",
        "weekStart",
        "publication",
        "value",
        "unit",
        "status",
        "rolledFrom",
        "deals",
        "methodologyVersion",
      ],
      properties: {
        family: { type: "string", enum: [...FAMILIES] },
        form: { type: "string", enum: [...INDEX_FORMS] },
        region: { type: "string", enum: [...REGIONS] },
        week: { type: "string", description: "ISO week, e.g. 2026-W49" },
        weekStart: { type: "string", format: "date", description: "The week's Monday" },
        publication: { type: "string", enum: ["published", "rolled", "insufficient_data"] },
        value: {
          type: ["number", "null"],
          description: "USD per tonne or % payable; null for insufficient data",
        },
        unit: { type: "string", enum: ["USD/t", "% payable"] },
        status: {
          type: ["string", "null"],
          enum: ["final", "provisional", null],
          description: "final once every deal behind the value has settled",
        },
        rolledFrom: { type: ["string", "null"], description: "The ISO week a rolled value was published" },
        deals: { type: ["integer", "null"], description: "Deals behind a published value" },
        methodologyVersion: { type: "string" },
      },
    },
  },
};
