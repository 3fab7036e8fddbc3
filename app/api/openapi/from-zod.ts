import { datetimeRegex, type ZodTypeAny } from "zod";
import { ignoreOverride, zodToJsonSchema } from "zod-to-json-schema";
import type { JsonSchema } from "./common.ts";

/**
 * A request body's JSON Schema, generated from the zod schema its handler validates with, so the
 * document cannot drift from what the API accepts (ADR 016). The hand-written prose — descriptions
 * and examples — is laid over it: `prose` mirrors the schema's shape (`properties.amount.description`
 * …) and may hold annotations only, at paths the generated schema has, so prose can neither change
 * what is accepted nor describe a field that is gone (both throw when the document is built, which
 * the OpenAPI test does).
 */

const ANNOTATIONS = new Set(["description", "examples", "title", "default", "deprecated"]);

export function schemaFromZod(schema: ZodTypeAny, prose: JsonSchema = {}): JsonSchema {
  // No $refs: each body is inlined, as OpenAPI tools show them best. The draft-07 keywords zod emits
  // (numeric exclusiveMinimum, pattern, format, anyOf for nullables) mean the same in JSON Schema
  // 2020-12, OpenAPI 3.1's dialect; the 2019-09 target would write exclusiveMinimum as a boolean.
  const { $schema: _dialect, ...generated } = zodToJsonSchema(schema, {
    $refStrategy: "none",
    target: "jsonSchema7",
    override: exactDateTime,
  }) as JsonSchema;
  return overlay(generated, prose, "");
}

type StringCheck = { kind: string; offset?: boolean; local?: boolean; precision?: number | null };

/**
 * zod's datetime() is narrower and wider than RFC 3339's `format: "date-time"` (it insists on an
 * upper-case T and Z, and takes "+1000" or a time without seconds), so the document states zod's
 * own pattern, which is exactly what the handler takes.
 */
function exactDateTime(def: unknown) {
  const d = def as { typeName?: string; checks?: StringCheck[] };
  const check = d.typeName === "ZodString" && d.checks?.length === 1 ? d.checks[0] : null;
  if (check?.kind !== "datetime") return ignoreOverride;
  return {
    type: "string",
    pattern: datetimeRegex({
      offset: check.offset ?? false,
      local: check.local ?? false,
      precision: check.precision ?? null,
    }).source,
    description: "An ISO 8601 date-time with its offset, e.g. 2026-12-01T12:00:00Z",
  } as never;
}

function overlay(target: JsonSchema, prose: JsonSchema, path: string): JsonSchema {
  const out: JsonSchema = { ...target };
  for (const [key, value] of Object.entries(prose)) {
    const at = path ? `${path}.${key}` : key;
    if (ANNOTATIONS.has(key)) {
      out[key] = value;
    } else if (isObject(value) && isObject(target[key])) {
      out[key] = overlay(target[key] as JsonSchema, value, at);
    } else if (isObject(value) && Array.isArray(target.anyOf)) {
      // A nullable field is anyOf [schema, null]: its prose belongs to the non-null branch.
      out.anyOf = (target.anyOf as JsonSchema[]).map((branch) =>
        branch.type === "null" ? branch : overlay(branch, { [key]: value }, path),
      );
    } else {
      throw new Error(`OpenAPI prose at ${at} has nothing to describe in the generated schema.`);
    }
  }
  return out;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
