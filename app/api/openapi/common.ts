// Shared building blocks of the OpenAPI 3.1 document (JSON Schema 2020-12 dialect).
export type JsonSchema = Record<string, unknown>;

export interface OpenApiFragment {
  paths: Record<string, unknown>;
  schemas: Record<string, JsonSchema>;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

export const jsonResponse = (description: string, schema: JsonSchema) => ({
  description,
  content: { "application/json": { schema } },
});

/** The schema, or null. */
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });

/** A UUID in the path, e.g. `{lotId}`. */
export const uuidPathParameter = (name: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
});

export const jsonBody = (required: boolean, schema: JsonSchema) => ({
  required,
  content: { "application/json": { schema } },
});

/** A query parameter taking values from a list: several values widen the search, different parameters narrow it. */
export const listParameter = (name: string, values: readonly string[], description: string) => ({
  name,
  in: "query",
  description: `${description} Repeat the parameter or separate values with commas; any of them matches.`,
  style: "form",
  explode: true,
  schema: { type: "array", items: { type: "string", enum: [...values] } },
});

export const paginationParameters = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
  {
    name: "offset",
    in: "query",
    schema: { type: "integer", minimum: 0, maximum: 1_000_000_000, default: 0 },
  },
];

export const commonSchemas: Record<string, JsonSchema> = {
  Money: {
    type: "object",
    description: "An amount in the currency's minor units (cents; yen and won have none).",
    required: ["amountMinor", "currency"],
    additionalProperties: false,
    properties: {
      amountMinor: { type: "integer" },
      currency: { type: "string", pattern: "^[A-Z]{3}$", description: "ISO 4217 code" },
    },
  },
  Coordinates: {
    type: "object",
    required: ["lat", "lng"],
    additionalProperties: false,
    properties: {
      lat: { type: "number", minimum: -90, maximum: 90 },
      lng: { type: "number", minimum: -180, maximum: 180 },
    },
  },
  FieldProblem: {
    type: "object",
    required: ["field", "message"],
    properties: { field: { type: "string" }, message: { type: "string" } },
  },
  Problem: {
    type: "object",
    description: "RFC 9457 problem details.",
    required: ["title", "status"],
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      code: { type: "string", description: "A stable snake- or upper-case code, e.g. VALIDATION_FAILED." },
      errors: { type: "array", items: ref("FieldProblem") },
    },
  },
};
