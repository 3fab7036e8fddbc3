// Compares prisma/schema.prisma with what the migrations actually built, so schema and SQL never
// drift (docs/decisions/002-migrations.md). The schema side comes from Prisma's own parser
// (@prisma/prisma-schema-wasm: `get_datamodel`, the `datamodel` part of `get_dmmf`); the database
// side from pg_catalog, identical on PGlite and PostgreSQL. Both sides are reduced to the same plain
// descriptions (a type such as `timestamp(3) with time zone`, an index as its ordered columns), so a
// mismatch reads as one line naming the model and field.
import { get_datamodel } from "@prisma/prisma-schema-wasm";
import type { SqlExecutor } from "~/utils/db.server.ts";

// ---- The schema side: the part of Prisma's DMMF that we read --------------------------------------

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}

export interface Datamodel {
  enums: DmmfEnum[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

/** Parses a Prisma schema with Prisma's own parser; throws its validation errors as plain text. */
export function parseSchema(schema: string): Datamodel {
  try {
    return JSON.parse(get_datamodel(JSON.stringify({ prismaSchema: schema }))) as Datamodel;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    let message = raw;
    try {
      message = (JSON.parse(raw) as { message?: string }).message ?? raw;
    } catch {}
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the parser's ANSI colours.
    throw new Error(`schema.prisma does not parse:\n${message.replace(/\u001b\[[0-9;]*m/g, "")}`);
  }
}

// ---- The database side ----------------------------------------------------------------------------

export interface ColumnShape {
  /** `integer`, `character(2)`, `timestamp(3) with time zone`, `enum "Chemistry"`; `[]` for lists. */
  type: string;
  nullable: boolean;
  /** The default expression as PostgreSQL prints it (pg_get_expr), or null. */
  default: string | null;
}

export interface IndexShape {
  name: string;
  table: string;
  /** Key columns in order, `"col DESC"` for descending ones. */
  columns: string[];
  unique: boolean;
  primary: boolean;
  method: string;
  partial: boolean;
}

export interface ForeignKeyShape {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface DatabaseShape {
  tables: Map<string, Map<string, ColumnShape>>;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  enums: Map<string, string[]>;
}

const IN_SCHEMA = "relnamespace = current_schema()::regnamespace";

// Drivers differ on how they return arrays; JSON comes back parsed from pg, maybe as text elsewhere.
function jsonArray(value: unknown): string[] {
  return (typeof value === "string" ? JSON.parse(value) : value) as string[];
}

const ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

/** Reads tables, columns, indexes, foreign keys and enum types of the current schema. */
export async function readDatabaseShape(sql: SqlExecutor): Promise<DatabaseShape> {
  const columns = await sql.query<{
    table: string;
    column: string | null;
    notNull: boolean;
    default: string | null;
    isArray: boolean;
    isEnum: boolean;
    typeName: string;
    formatted: string;
  }>(`
    SELECT c.relname AS "table", a.attname AS "column", a.attnotnull AS "notNull",
      pg_get_expr(d.adbin, d.adrelid) AS "default", t.typcategory = 'A' AS "isArray",
      bt.typtype = 'e' AS "isEnum", bt.typname AS "typeName", format_type(bt.oid, a.atttypmod) AS "formatted"
    FROM pg_class c
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.${IN_SCHEMA} AND c.relkind IN ('r', 'p')
    ORDER BY c.relname, a.attnum`);
  const tables = new Map<string, Map<string, ColumnShape>>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? new Map<string, ColumnShape>();
    tables.set(row.table, table);
    if (row.column === null) continue; // a table without columns
    const base = row.isEnum ? `enum "${row.typeName}"` : row.formatted;
    table.set(row.column, {
      type: row.isArray ? `${base}[]` : base,
      nullable: !row.notNull,
      default: row.default,
    });
  }

  const indexes = await sql.query<IndexShape>(`
    SELECT i.relname AS "name", c.relname AS "table", x.indisunique AS "unique", x.indisprimary AS "primary",
      am.amname AS "method", x.indpred IS NOT NULL AS "partial",
      to_json(ARRAY(
        SELECT COALESCE(a.attname, pg_get_indexdef(x.indexrelid, k.ord::int, true))
          || CASE WHEN x.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END
        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
        WHERE k.ord <= x.indnkeyatts
        ORDER BY k.ord)) AS "columns"
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid
    JOIN pg_am am ON am.oid = i.relam
    WHERE c.${IN_SCHEMA}
    ORDER BY c.relname, i.relname`);

  const foreignKeys = await sql.query<ForeignKeyShape>(`
    SELECT con.conname AS "name", c.relname AS "table", rc.relname AS "referencedTable",
      to_json(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)) AS "columns",
      to_json(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)) AS "referencedColumns",
      con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class rc ON rc.oid = con.confrelid
    WHERE con.contype = 'f' AND c.${IN_SCHEMA}
    ORDER BY c.relname, con.conname`);

  const enums = await sql.query<{ name: string; values: unknown }>(`
    SELECT t.typname AS "name",
      to_json(ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)) AS "values"
    FROM pg_type t
    WHERE t.typtype = 'e' AND t.typnamespace = current_schema()::regnamespace`);

  return {
    tables,
    indexes: indexes.map((index) => ({ ...index, columns: jsonArray(index.columns) })),
    foreignKeys: foreignKeys.map((fk) => ({
      ...fk,
      columns: jsonArray(fk.columns),
      referencedColumns: jsonArray(fk.referencedColumns),
      onDelete: ACTIONS[fk.onDelete] ?? fk.onDelete,
      onUpdate: ACTIONS[fk.onUpdate] ?? fk.onUpdate,
    })),
    enums: new Map(enums.map((e) => [e.name, jsonArray(e.values)])),
  };
}

// ---- Prisma's mapping of the schema onto PostgreSQL -----------------------------------------------

// Column types Prisma uses when a field has no @db attribute.
const DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

// @db.X(args) → format_type() output; `$` stands for the arguments, `?` for optional "(args)".
const NATIVE_TYPES: Record<string, string> = {
  Text: "text",
  Char: "character$",
  VarChar: "character varying?",
  Uuid: "uuid",
  Xml: "xml",
  Inet: "inet",
  Citext: "citext",
  Bit: "bit$",
  VarBit: "bit varying?",
  Boolean: "boolean",
  SmallInt: "smallint",
  Integer: "integer",
  BigInt: "bigint",
  Oid: "oid",
  Real: "real",
  DoublePrecision: "double precision",
  Decimal: "numeric?",
  Money: "money",
  Date: "date",
  Timestamp: "timestamp? without time zone",
  Timestamptz: "timestamp? with time zone",
  Time: "time? without time zone",
  Timetz: "time? with time zone",
  Json: "json",
  JsonB: "jsonb",
  ByteA: "bytea",
};

function expectedType(field: DmmfField, enumDbNames: Map<string, string>): string {
  let base: string;
  if (field.kind === "enum") {
    base = `enum "${enumDbNames.get(field.type) ?? field.type}"`;
  } else if (field.nativeType) {
    const [name, args] = field.nativeType;
    const pattern = NATIVE_TYPES[name];
    if (!pattern) return `unsupported native type @db.${name}: teach tests/setup/schema-compare.ts`;
    const list = args.length > 0 ? `(${args.join(",")})` : "";
    base = pattern.replace("$", list || "(1)").replace("?", list);
  } else {
    base = DEFAULT_TYPES[field.type] ?? `unsupported type ${field.type}`;
  }
  return field.isList ? `${base}[]` : base;
}

type ExpectedDefault =
  | { kind: "none" }
  | { kind: "sequence" }
  | { kind: "expression"; sql: string }
  | { kind: "generated"; sql: string }
  | { kind: "literal"; value: unknown };

function expectedDefault(field: DmmfField, enums: Map<string, DmmfEnum>): ExpectedDefault {
  if (!field.hasDefaultValue || field.default === undefined || field.default === null)
    return { kind: "none" };
  const value = field.default;
  if (typeof value === "object" && !Array.isArray(value)) {
    const fn = value as { name: string; args: unknown[] };
    switch (fn.name) {
      case "autoincrement":
        return { kind: "sequence" };
      case "now":
        return { kind: "expression", sql: "CURRENT_TIMESTAMP" };
      case "dbgenerated":
        return { kind: "generated", sql: String(fn.args[0] ?? "") };
      default:
        // uuid(), uuid(7), cuid(), nanoid(), ulid(): generated by Prisma Client, no database default.
        return { kind: "none" };
    }
  }
  if (field.kind === "enum" && typeof value === "string") {
    const member = enums.get(field.type)?.values.find((v) => v.name === value);
    return { kind: "literal", value: member?.dbName ?? value };
  }
  return { kind: "literal", value };
}

/** `'a''b'::text` → `a'b`; `(-1)` → `-1`; anything else unchanged. */
function literalOf(expression: string): string {
  let text = expression.trim();
  while (text.startsWith("(") && text.endsWith(")")) text = text.slice(1, -1).trim();
  const quoted = /^'((?:[^']|'')*)'(?:::.+)?$/s.exec(text);
  if (quoted) return quoted[1].replaceAll("''", "'");
  return text.replace(/::[\w" ]+(\[\])?$/, "");
}

function defaultMatches(expected: ExpectedDefault, actual: string | null, type: string): boolean {
  switch (expected.kind) {
    case "none":
      return actual === null;
    case "sequence":
      return actual !== null && /^nextval\(/.test(actual);
    case "expression":
      return actual === expected.sql || (expected.sql === "CURRENT_TIMESTAMP" && actual === "now()");
    case "generated":
      // PostgreSQL re-prints expressions in its own words; that one exists is what we can check.
      return actual !== null;
    case "literal": {
      if (actual === null) return false;
      const value = expected.value;
      if (Array.isArray(value)) {
        return /^(ARRAY\[|'\{)/.test(actual) && value.every((item) => actual.includes(String(item)));
      }
      const literal = literalOf(actual);
      if (typeof value === "number") return Number(literal) === value;
      if (type.startsWith("json")) {
        try {
          return JSON.stringify(JSON.parse(literal)) === JSON.stringify(JSON.parse(String(value)));
        } catch {
          return false;
        }
      }
      if (type.startsWith("timestamp") || type === "date")
        return Date.parse(literal) === Date.parse(String(value));
      return literal === String(value);
    }
  }
}

function describeDefault(expected: ExpectedDefault): string {
  switch (expected.kind) {
    case "none":
      return "no default";
    case "sequence":
      return "a sequence (autoincrement)";
    case "expression":
    case "generated":
      return expected.sql;
    case "literal":
      return JSON.stringify(expected.value);
  }
}

// Prisma's default constraint names (psl ConstraintNames), truncated to PostgreSQL's 63 bytes.
function constraintName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const stem = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  return `${stem.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

// ---- The comparison -------------------------------------------------------------------------------

export interface CompareOptions {
  /** Tables, indexes and constraints the database may have beyond the schema. */
  allowExtra?: string[];
}

const ALWAYS_ALLOWED = ["_prisma_migrations", "_prisma_migrations_pkey"];

/**
 * Every way the database differs from the schema, one readable line each; empty when they match.
 * Checks enums and their values, each model's table, each field's column (type, nullability,
 * default), every @id/@unique/@@unique/@@index with its columns, order and method, every relation's
 * foreign key with its actions, and that nothing exists beyond them.
 *
 * Not visible in Prisma's DMMF, so not checked: custom foreign-key names (@relation(map:)) are
 * expected to be Prisma's defaults; implicit many-to-many join tables are reported as unsupported.
 */
export function compareSchema(schema: Datamodel | string, db: DatabaseShape, options: CompareOptions = {}) {
  const model = typeof schema === "string" ? parseSchema(schema) : schema;
  const allowed = new Set([...ALWAYS_ALLOWED, ...(options.allowExtra ?? [])]);
  const problems: string[] = [];

  const enums = new Map(model.enums.map((e) => [e.name, e]));
  const enumDbNames = new Map(model.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of model.enums) {
    const typeName = e.dbName ?? e.name;
    const actual = db.enums.get(typeName);
    if (!actual) {
      problems.push(`enum ${e.name}: type "${typeName}" is missing`);
      continue;
    }
    // Sets, not sequences: ALTER TYPE … ADD VALUE appends, so order may legitimately differ.
    const wanted = e.values.map((v) => v.dbName ?? v.name);
    for (const value of wanted.filter((v) => !actual.includes(v))) {
      problems.push(`enum ${e.name}: value '${value}' is missing from type "${typeName}"`);
    }
    for (const value of actual.filter((v) => !wanted.includes(v))) {
      problems.push(`enum ${e.name}: type "${typeName}" has value '${value}' that schema.prisma does not`);
    }
  }
  const enumTypes = new Set(enumDbNames.values());
  for (const name of db.enums.keys()) {
    if (!enumTypes.has(name))
      problems.push(`enum type "${name}" exists in the database but not in schema.prisma`);
  }

  const tableOf = new Map(model.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (modelName: string, fieldName: string) => {
    const field = model.models.find((m) => m.name === modelName)?.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  const expectedFks: ForeignKeyShape[] = [];
  for (const m of model.models) {
    const table = tableOf.get(m.name)!;
    const columns = db.tables.get(table);
    if (!columns) {
      problems.push(`model ${m.name}: table "${table}" is missing`);
    }
    const known = new Set<string>();
    for (const field of m.fields) {
      if (field.kind === "object") {
        const from = field.relationFromFields ?? [];
        if (from.length > 0) {
          const required = from.every((name) => m.fields.find((f) => f.name === name)?.isRequired);
          const fkColumns = from.map((name) => columnOf(m.name, name));
          expectedFks.push({
            name: constraintName(table, fkColumns, "fkey"),
            table,
            columns: fkColumns,
            referencedTable: tableOf.get(field.type) ?? field.type,
            referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(field.type, name)),
            onDelete: field.relationOnDelete ?? (required ? "Restrict" : "SetNull"),
            onUpdate: field.relationOnUpdate ?? "Cascade",
          });
        } else if (field.isList) {
          const other = model.models
            .find((o) => o.name === field.type)
            ?.fields.find((f) => f.relationName === field.relationName && f !== field);
          if (other?.isList) {
            problems.push(
              `${m.name}.${field.name}: implicit many-to-many relations are not checked yet; extend tests/setup/schema-compare.ts`,
            );
          }
        }
        continue;
      }
      if (field.kind === "unsupported") continue;
      const column = field.dbName ?? field.name;
      known.add(column);
      if (!columns) continue;
      const actual = columns.get(column);
      const where = `${m.name}.${field.name}`;
      if (!actual) {
        problems.push(`${where}: column "${table}"."${column}" is missing`);
        continue;
      }
      const type = expectedType(field, enumDbNames);
      if (actual.type !== type)
        problems.push(`${where}: type is ${actual.type} in the database, ${type} in schema.prisma`);
      // Prisma creates list columns without NOT NULL, whatever the field says.
      const nullable = !field.isRequired || field.isList;
      if (actual.nullable !== nullable) {
        problems.push(
          `${where}: ${actual.nullable ? "nullable" : "NOT NULL"} in the database, ${nullable ? "optional" : "required"} in schema.prisma`,
        );
      }
      const wanted = expectedDefault(field, enums);
      if (!defaultMatches(wanted, actual.default, type)) {
        problems.push(
          `${where}: default is ${actual.default ?? "none"} in the database, ${describeDefault(wanted)} in schema.prisma`,
        );
      }
    }
    for (const column of columns?.keys() ?? []) {
      if (!known.has(column))
        problems.push(`model ${m.name}: column "${table}"."${column}" is not in schema.prisma`);
    }
  }
  const modelTables = new Set(tableOf.values());
  for (const table of db.tables.keys()) {
    if (!modelTables.has(table) && !allowed.has(table)) {
      problems.push(`table "${table}" exists in the database but no model maps to it`);
    }
  }

  const matchedIndexes = new Set<IndexShape>();
  for (const index of model.indexes) {
    if (index.type === "fulltext") {
      problems.push(`${index.model}: fulltext indexes do not exist on PostgreSQL`);
      continue;
    }
    const table = tableOf.get(index.model)!;
    const columns = index.fields.map(
      (f) => `${columnOf(index.model, f.name)}${f.sortOrder === "desc" ? " DESC" : ""}`,
    );
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name =
      index.dbName ??
      constraintName(
        table,
        columns.map((c) => c.replace(/ DESC$/, "")),
        suffix,
      );
    const what = `${index.model} ${index.type === "id" ? "primary key" : index.type === "unique" ? "unique" : "index"} (${columns.join(", ")})`;
    const actual = db.indexes.find((i) => i.table === table && i.name === name);
    if (!actual) {
      const alike = db.indexes.find((i) => i.table === table && i.columns.join() === columns.join());
      problems.push(
        `${what}: index "${name}" is missing${alike ? ` (found "${alike.name}" on those columns)` : ""}`,
      );
      continue;
    }
    matchedIndexes.add(actual);
    if (actual.columns.join() !== columns.join()) {
      problems.push(`${what}: index "${name}" is on (${actual.columns.join(", ")}) in the database`);
    }
    if (actual.unique !== (index.type !== "normal")) {
      problems.push(`${what}: index "${name}" is ${actual.unique ? "" : "not "}unique in the database`);
    }
    if (actual.primary !== (index.type === "id")) {
      problems.push(
        `${what}: index "${name}" is ${actual.primary ? "" : "not "}the primary key in the database`,
      );
    }
    const method = (index.algorithm ?? "btree").toLowerCase();
    if (actual.method !== method)
      problems.push(`${what}: index "${name}" uses ${actual.method}, not ${method}`);
    if (actual.partial) problems.push(`${what}: index "${name}" is partial in the database`);
  }
  for (const index of db.indexes) {
    if (!matchedIndexes.has(index) && !allowed.has(index.name) && !allowed.has(index.table)) {
      problems.push(
        `index "${index.name}" on "${index.table}" (${index.columns.join(", ")}) is not in schema.prisma`,
      );
    }
  }

  const matchedFks = new Set<ForeignKeyShape>();
  for (const fk of expectedFks) {
    const what = `foreign key "${fk.table}"(${fk.columns.join(", ")}) → "${fk.referencedTable}"`;
    const actual =
      db.foreignKeys.find((a) => a.table === fk.table && a.name === fk.name) ??
      db.foreignKeys.find((a) => a.table === fk.table && a.columns.join() === fk.columns.join());
    if (!actual) {
      problems.push(`${what}: constraint "${fk.name}" is missing`);
      continue;
    }
    matchedFks.add(actual);
    for (const key of [
      "name",
      "columns",
      "referencedTable",
      "referencedColumns",
      "onDelete",
      "onUpdate",
    ] as const) {
      if (String(actual[key]) !== String(fk[key])) {
        problems.push(`${what}: ${key} is ${actual[key]} in the database, ${fk[key]} in schema.prisma`);
      }
    }
  }
  for (const fk of db.foreignKeys) {
    if (!matchedFks.has(fk) && !allowed.has(fk.name) && !allowed.has(fk.table)) {
      problems.push(
        `foreign key "${fk.name}" on "${fk.table}" (${fk.columns.join(", ")}) is not in schema.prisma`,
      );
    }
  }
  return problems;
}
