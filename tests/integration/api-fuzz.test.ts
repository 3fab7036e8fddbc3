// Property-based fuzzing of every API operation (issue 17, "Deliver beyond the defects"): for each
// path × method of the OpenAPI document, fast-check generates requests — path ids (real, random,
// hostile), query parameters and JSON bodies drawn from the documented schemas, then mutated (wrong
// types, null, "", huge numbers, NUL bytes, unknown fields, deep nesting, broken JSON) — and sends
// them, with a member organisation's bearer token or anonymously, through the real Express app on
// the production build. Every answer must be below 500; every 4xx must be problem+json with a
// `code`; and a refused request must write nothing (row counts of the main tables before and after).
// A failure prints fast-check's seed and path; rerun with FUZZ_SEED=<seed> to replay it, FUZZ_RUNS=<n>
// for a longer hunt, FUZZ_TRACE=<file> to log each request as it is sent (to find a hang).
import { appendFileSync } from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openApiDocument } from "~/api/openapi/document.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { db } from "~/utils/db.server.ts";
import { bid, openLot } from "../fixtures/bidding.ts";
import { dealFixture } from "../fixtures/deals.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string };
interface Parameter {
  in: "path" | "query" | "header";
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: { "application/json"?: { schema: Schema } } };
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const document = openApiDocument("http://packloop.test") as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The tables a refused request must leave alone. */
const TABLES = [
  "Lot",
  "Bid",
  "Award",
  "Deal",
  "Facility",
  "CapacityWindow",
  "CapacityBooking",
  "LedgerTransaction",
  "Shipment",
  "ShipmentMilestone",
  "AuditEvent",
] as const;
const COUNT_SQL = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ")}`;

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await db().$queryRawUnsafe<Record<string, number>[]>(COUNT_SQL);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

// ---- values from the documented schemas -------------------------------------------------------

function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = document.components.schemas[current.$ref.split("/").pop() as string];
  return current;
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%",
  "%00",
  '\'; DROP TABLE "Lot"; --',
  "x".repeat(5_000),
  "\u202e\ud83d\udd0b",
  "NaN",
  "-1",
  "1e20",
  "2026-02-30",
  "0000-00-00T00:00:00Z",
  "../../etc/passwd",
];
const HOSTILE_NUMBERS = [0, -1, 1e20, -1e20, 2 ** 53 + 1, Number.MAX_VALUE, 0.5, -0.0000001, 1e-300];

function deep(levels: number): unknown {
  let value: unknown = { leaf: "\u0000" };
  for (let i = 0; i < levels; i++) value = i % 2 ? { nested: value } : [value];
  return value;
}

/** Arbitrary JSON that the given documented schema describes (roughly; boundaries included). */
function fromSchema(input: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  if (depth > 6) return fc.constant(null);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ["anyOf", "oneOf"] as const)
    if (Array.isArray(schema[key]))
      return fc.oneof(...(schema[key] as Schema[]).map((s) => fromSchema(s, depth + 1)));
  if (Array.isArray(schema.allOf))
    return fc
      .tuple(...(schema.allOf as Schema[]).map((s) => fromSchema(s, depth + 1)))
      .map((parts) => Object.assign({}, ...parts.map((p) => (typeof p === "object" && p ? p : {}))));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return fc.oneof(...types.map((type) => fromType(type, schema, depth)));
}

function fromType(type: string | undefined, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min =
        (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1e6;
      const max =
        (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined) ?? 1e9;
      const inRange =
        type === "integer"
          ? fc.integer({ min: Math.max(Math.ceil(min), -(2 ** 31)), max: Math.min(Math.floor(max), 2 ** 31) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof({ arbitrary: inRange, weight: 4 }, fc.constantFrom(min, max, min - 1, max + 1));
    }
    case "string": {
      const format = schema.format as string | undefined;
      if (format === "uuid") return fc.uuid();
      if (format === "date") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 200);
      const minLength = Math.min((schema.minLength as number | undefined) ?? 0, maxLength);
      return fc.string({ minLength, maxLength });
    }
    case "array": {
      const items = (schema.items as Schema | undefined) ?? {};
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 3, 3);
      const minLength = Math.min((schema.minItems as number | undefined) ?? 0, maxLength);
      return fc.array(fromSchema(items, depth + 1), { minLength, maxLength });
    }
    case "object":
    case undefined: {
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const keys = Object.keys(properties);
      if (keys.length === 0) return type === "object" ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      return fc.record(Object.fromEntries(keys.map((key) => [key, fromSchema(properties[key], depth + 1)])), {
        requiredKeys: keys.filter((key) => required.has(key)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value no schema wants: the mutations the brief names. */
const mutant: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, "", "\u0000", true, [], {}, 1e308, -1, 2 ** 63, "x".repeat(20_000)),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constant(deep(40)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Replaces, removes or adds one member somewhere in a generated body. */
function mutate(value: unknown, choice: { path: number[]; replacement: unknown; action: number }): unknown {
  if (typeof value !== "object" || value === null) return choice.replacement;
  const clone: Json | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Json) };
  const keys = Object.keys(clone);
  if (keys.length === 0 || choice.path.length === 0) {
    (clone as Json)[choice.action % 2 === 0 ? "unknownField" : "__proto__x"] = choice.replacement;
    return clone;
  }
  const key = keys[choice.path[0] % keys.length];
  const rest = { ...choice, path: choice.path.slice(1) };
  if (choice.path.length === 1 && choice.action % 3 === 0) delete (clone as Json)[key];
  else if (choice.path.length === 1) (clone as Json)[key] = choice.replacement;
  else (clone as Json)[key] = mutate((clone as Json)[key], rest);
  return clone;
}

const mutation = fc.record({
  path: fc.array(fc.nat(20), { minLength: 0, maxLength: 3 }),
  replacement: mutant,
  action: fc.nat(5),
});

/** The raw body text: a documented body, a mutated one, or not JSON at all. */
function bodyText(schema: Schema | undefined): fc.Arbitrary<string | undefined> {
  const raw = fc.constantFrom(
    "",
    "null",
    "[]",
    "{",
    '{"a":',
    "\u0000",
    '{"a":"\u0000"}',
    JSON.stringify(deep(200)),
    "1e999",
    '"just a string"',
  );
  if (!schema)
    return fc.oneof(
      fc.constant(undefined),
      raw,
      mutant.map((v) => JSON.stringify(v)),
    );
  const valid = fromSchema(schema);
  return fc.oneof(
    { arbitrary: valid.map((v) => JSON.stringify(v)), weight: 3 },
    { arbitrary: fc.tuple(valid, mutation).map(([v, m]) => JSON.stringify(mutate(v, m))), weight: 5 },
    { arbitrary: raw, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

// ---- the server and the data the requests may hit ------------------------------------------------

const apps = productionApps();
let base: string;
const tokens: Record<"member" | "other", string> = { member: "", other: "" };
const knownIds: string[] = [];

const trace = (line: string) =>
  process.env.FUZZ_TRACE && appendFileSync(process.env.FUZZ_TRACE, `${new Date().toISOString()} ${line}\n`);

beforeAll(async () => {
  trace("setup");
  const build: ServerBuild = await loadProductionBuild((line) => console.log(line));
  trace("build loaded");
  await insertEconomies(db());
  base = (await apps.start(build)).base;

  // A member organisation with every capability, another one, and real rows for the ids to hit.
  const member = await accountWith(["seller", "buyer", "recycler", "carrier"]);
  const other = await accountWith(["seller", "buyer", "recycler", "carrier"]);
  for (const [name, account] of [
    ["member", member],
    ["other", other],
  ] as const)
    tokens[name] = (
      await createApiToken({
        organizationId: account.organizationId,
        createdById: account.userId,
        name: "fuzz",
      })
    ).token;
  const ownLot = await openLot(member.organizationId);
  const sealed = await openLot(other.organizationId, { saleMode: "sealed" });
  await bid(other, ownLot.id, 1_100_000);
  await bid(member, sealed.id, 1_200_000);
  await dealFixture({ seller: member });
  await dealFixture({ buyer: member, currency: "AUD" });
  for (const table of ["Lot", "Bid", "Award", "Deal", "Facility", "CapacityBooking", "Shipment"]) {
    const rows = await db().$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" LIMIT 4`);
    knownIds.push(...rows.map((row) => row.id));
  }
  trace("setup done");
}, 300_000);

afterAll(() => apps.stopAll());

// ---- the property, operation by operation ----------------------------------------------------

const pathId = fc.oneof(
  { arbitrary: fc.uuid(), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encodeURIComponent), weight: 2 },
  { arbitrary: fc.constantFrom("%", "%zz", "a%", "%%"), weight: 1 },
  { arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent), weight: 1 },
);

function queryValue(schema: Schema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: (schema ? fromSchema(schema) : fc.string()).map((v) => String(v)), weight: 3 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS.map(String)), weight: 2 },
  );
}

interface FuzzRequest {
  principal: "member" | "other" | "anonymous";
  path: string;
  query: [string, string][];
  body: string | undefined;
  idempotencyKey: string | undefined;
}

function requests(template: string, operation: Operation, idFrom: () => fc.Arbitrary<string>) {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  return fc.record<FuzzRequest>({
    principal: fc.constantFrom("member", "member", "member", "other", "anonymous"),
    path: fc
      .tuple(...pathParams.map(() => idFrom()))
      .map((ids) => pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, ids[i]), template)),
    query: fc
      .tuple(...queryParams.map((p) => fc.option(queryValue(p.schema), { nil: undefined })))
      .map((values) =>
        values.flatMap((v, i) => (v === undefined ? [] : [[queryParams[i].name, v] as [string, string]])),
      ),
    body: bodyText(schema),
    idempotencyKey: fc.option(fc.string({ maxLength: 80, unit: "binary-ascii" }).filter(validHeader), {
      nil: undefined,
    }),
  });
}

function validHeader(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

async function send(method: string, request: FuzzRequest) {
  const query = request.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const headers: Record<string, string> = {};
  if (request.principal !== "anonymous") headers.Authorization = `Bearer ${tokens[request.principal]}`;
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.idempotencyKey !== undefined) headers["Idempotency-Key"] = request.idempotencyKey;
  const response = await fetch(`${base}${request.path}${query ? `?${query}` : ""}`, {
    method,
    headers,
    body: method === "GET" ? undefined : request.body,
    redirect: "manual",
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text };
}

const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
const stats = { requests: 0, byClass: {} as Record<string, number> };

describe("fuzzing every API operation", () => {
  test("the OpenAPI document lists operations to fuzz", () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  test.each(operations)(
    "$method $path ($operation.operationId)",
    async ({ path, method, operation }) => {
      const ids = () =>
        fc.oneof({ arbitrary: fc.constantFrom(...knownIds), weight: 3 }, { arbitrary: pathId, weight: 2 });
      await fc.assert(
        fc.asyncProperty(requests(path, operation, ids), async (request) => {
          trace(`${method} ${request.path}`);
          const before = await rowCounts();
          const response = await send(method, request);
          stats.requests += 1;
          const statusClass = `${String(response.status)[0]}xx`;
          stats.byClass[statusClass] = (stats.byClass[statusClass] ?? 0) + 1;
          const shown = `${method} ${request.path} → ${response.status} ${response.text.slice(0, 300)}`;
          expect(response.status, shown).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.contentType, shown).toMatch(/^application\/problem\+json/);
            expect(typeof (JSON.parse(response.text) as Json).code, shown).toBe("string");
            expect(await rowCounts(), `${shown}: a refused request wrote rows`).toEqual(before);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    120_000,
  );

  test("summary", () => {
    console.log(
      `api fuzz: ${operations.length} operations × ${RUNS} runs = ${stats.requests} requests`,
      stats.byClass,
    );
    expect(stats.requests).toBe(operations.length * RUNS);
  });
});
