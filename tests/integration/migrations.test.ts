// Applies every migration to an empty database and proves the result is exactly schema.prisma:
// the migrations and the schema never drift. Runs on in-memory PGlite and, with TEST_DATABASE_URL,
// on a PostgreSQL database of its own. See docs/guides/migrations.md.
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Database, openDatabase } from "~/utils/db.server.ts";
import { migrate, readMigrations } from "~/utils/migrate.server.ts";
import { databaseUrl } from "../setup/postgres-urls.ts";
import {
  compareSchema,
  type DatabaseShape,
  parseSchema,
  readDatabaseShape,
} from "../setup/schema-compare.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
// Indexes the migrations create that Prisma's schema cannot express (expression indexes).
const EXTRA = {
  allowExtra: ["Lot_search_text_idx", "CapacityBooking_one_reservation_per_lot", "Dispute_one_live_per_deal"],
};
let database: Database;
let dropDatabase = async () => {};
let schema: string;
let shape: DatabaseShape;

// Not the per-file database of tests/setup/database.ts: that one is already migrated (or cloned
// from a migrated template); this test must start from nothing.
beforeAll(async () => {
  schema = await readFile("prisma/schema.prisma", "utf8");
  if (onPostgres) {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `packloop_migrations_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    database = openDatabase({ kind: "postgres", connectionString: databaseUrl(base, name) });
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    database = openDatabase({ kind: "pglite", dataDir: null });
  }
  await database.withConnection((sql) => migrate(sql));
  shape = await database.withConnection(readDatabaseShape);
});

afterAll(async () => {
  await database?.close();
  await dropDatabase();
});

describe("the migrations build exactly schema.prisma", () => {
  test("an empty database migrated from scratch matches the schema model by model, field by field", async () => {
    const applied = await database.withConnection((sql) =>
      sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`),
    );
    expect(applied.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(compareSchema(schema, shape, EXTRA)).toEqual([]);
  });

  test("the comparison covers every model, field, index and relation of the schema", () => {
    const datamodel = parseSchema(schema);
    const tables = datamodel.models.map((m) => m.dbName ?? m.name);
    expect([...shape.tables.keys()].sort()).toEqual([...tables, "_prisma_migrations"].sort());
    const columns = datamodel.models.flatMap((m) => m.fields.filter((f) => f.kind !== "object"));
    expect([...shape.tables.values()].reduce((n, t) => n + t.size, 0)).toBe(columns.length + 8);
    // + _prisma_migrations_pkey and the expression indexes in EXTRA
    expect(shape.indexes.length).toBe(datamodel.indexes.length + 1 + EXTRA.allowExtra.length);
    const relations = datamodel.models.flatMap((m) =>
      m.fields.filter((f) => f.kind === "object" && (f.relationFromFields ?? []).length > 0),
    );
    expect(shape.foreignKeys.length).toBe(relations.length);
    expect(shape.enums.size).toBe(datamodel.enums.length);
  });
});

// The comparison must be able to fail: each altered schema below no longer matches the migrated
// database, and the comparison says where.
describe("a schema that drifted from the migrations is reported", () => {
  const drifts: [string, (s: string) => string, RegExp][] = [
    [
      "a required field made optional",
      (s) => s.replace(/email[ \t]+String[ \t]+@unique/, "email           String?   @unique"),
      /^User\.email: NOT NULL in the database, optional in schema\.prisma$/,
    ],
    [
      "a type changed",
      (s) => s.replace(/energyWh[ \t]+Int\?\n/, "energyWh BigInt?\n"),
      /^Lot\.energyWh: type is integer in the database, bigint in schema\.prisma$/,
    ],
    [
      "a native type changed",
      (s) =>
        s.replace(/currency[ \t]+String[ \t]+@db\.Char\(3\) \/\/\//, "currency   String  @db.Char(4) ///"),
      /^Economy\.currency: type is character\(3\) in the database, character\(4\) in schema\.prisma$/,
    ],
    [
      "a timestamp precision changed",
      (s) =>
        s.replace(/processedAt DateTime\? @db\.Timestamptz\(3\)/, "processedAt DateTime? @db.Timestamptz(6)"),
      /^WebhookEvent\.processedAt: type is timestamp\(3\) with time zone in the database, timestamp\(6\) with time zone/,
    ],
    [
      "a list made scalar",
      (s) => s.replace(/[ \t]+documents[ \t]+String\[\]\n/, "  documents             String\n"),
      /^Shipment\.documents: type is text\[\] in the database, text in schema\.prisma$/,
    ],
    [
      "a literal default changed",
      (s) =>
        s.replace(/bidCount[ \t]+Int[ \t]+@default\(0\)/, "bidCount          Int              @default(1)"),
      /^Lot\.bidCount: default is 0 in the database, 1 in schema\.prisma$/,
    ],
    [
      "an enum default changed",
      (s) =>
        s.replace(
          /status[ \t]+LotStatus[ \t]+@default\(draft\)/,
          "status            LotStatus        @default(open)",
        ),
      /^Lot\.status: default is 'draft'::"LotStatus" in the database, "open" in schema\.prisma$/,
    ],
    [
      "a default added",
      (s) => s.replace(/[ \t]+title[ \t]+String\n/, '  title             String @default("Untitled")\n'),
      /^Lot\.title: default is none in the database, "Untitled" in schema\.prisma$/,
    ],
    [
      "a new field",
      (s) => s.replace(/[ \t]+title[ \t]+String\n/, "  title             String\n  subtitle String?\n"),
      /^Lot\.subtitle: column "Lot"\."subtitle" is missing$/,
    ],
    [
      "a field removed",
      (s) => s.replace(/[ \t]+originOem[ \t]+String\?\n/, ""),
      /^model Lot: column "Lot"\."originOem" is not in schema\.prisma$/,
    ],
    [
      "a new model",
      (s) => `${s}\nmodel Warehouse {\n  id String @id\n}\n`,
      /^model Warehouse: table "Warehouse" is missing$/,
    ],
    [
      "a model renamed",
      (s) => s.replace(/model OutboxEmail \{/, 'model OutboxEmail {\n  @@map("outbox_emails")'),
      /^table "OutboxEmail" exists in the database but no model maps to it$/,
    ],
    [
      "a new index",
      (s) => s.replace(/[ \t]+@@index\(\[closesAt\]\)\n/, "  @@index([closesAt])\n  @@index([title])\n"),
      /^Lot index \(title\): index "Lot_title_idx" is missing$/,
    ],
    [
      "an index's column order changed",
      (s) => s.replace(/@@index\(\[status, chemistry\]\)/, "@@index([chemistry, status])"),
      /^Lot index \(chemistry, status\): index "Lot_chemistry_status_idx" is missing$/,
    ],
    [
      "an index made unique",
      (s) => s.replace(/[ \t]+@@index\(\[shipmentId, occurredAt\]\)/, "  @@unique([shipmentId, occurredAt])"),
      /^ShipmentEvent unique \(shipmentId, occurredAt\): index "ShipmentEvent_shipmentId_occurredAt_key" is missing \(found "ShipmentEvent_shipmentId_occurredAt_idx" on those columns\)$/,
    ],
    [
      "a unique removed",
      (s) => s.replace(/slug[ \t]+String[ \t]+@unique/, "slug               String"),
      /^index "Organization_slug_key" on "Organization" \(slug\) is not in schema\.prisma$/,
    ],
    [
      "a relation's onDelete changed",
      (s) =>
        s.replace(
          /user[ \t]+User[ \t]+@relation\(fields: \[userId\], references: \[id\], onDelete: Cascade\)/,
          "user         User         @relation(fields: [userId], references: [id], onDelete: Restrict)",
        ),
      /^foreign key "Membership"\(userId\) → "User": onDelete is Cascade in the database, Restrict in schema\.prisma$/,
    ],
    [
      "a new relation",
      (s) =>
        s
          .replace(
            /(\n[ \t]+actor[ \t]+User\?)/,
            '\n  organization Organization? @relation("AuditOrganization", fields: [organizationId], references: [id])$1',
          )
          .replace(
            /(\n[ \t]+activeSessions[ \t]+Session\[\])/,
            '\n  auditEvents AuditEvent[] @relation("AuditOrganization")$1',
          ),
      /^foreign key "AuditEvent"\(organizationId\) → "Organization": constraint "AuditEvent_organizationId_fkey" is missing$/,
    ],
    [
      "an enum value added",
      (s) => s.replace(/enum SaleMode \{\n[ \t]+auction/, "enum SaleMode {\n  dutch\n  auction"),
      /^enum SaleMode: value 'dutch' is missing from type "SaleMode"$/,
    ],
  ];

  test.each(drifts)("%s", (_, alter, expected) => {
    const altered = alter(schema);
    expect(altered, "the alteration must apply to the current schema").not.toBe(schema);
    const problems = compareSchema(altered, shape);
    expect(problems.length, problems.join("\n")).toBeGreaterThan(0);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  test("a database altered behind the schema's back is reported", async () => {
    // Inside a transaction rolled back afterwards, so the migrated database stays as it was.
    const problems = await database.withConnection(async (sql) => {
      await sql.exec("BEGIN");
      try {
        await sql.exec(`
          ALTER TABLE "Lot" ALTER COLUMN "title" DROP NOT NULL;
          ALTER TABLE "Lot" ALTER COLUMN "bidCount" SET DEFAULT 5;
          ALTER TABLE "Lot" ADD COLUMN "stray" integer;
          DROP INDEX "Lot_closesAt_idx";
          ALTER TABLE "Bid" DROP CONSTRAINT "Bid_facilityId_fkey";
          CREATE TABLE "Stray" (id integer);
          ALTER TYPE "SaleMode" ADD VALUE 'dutch';`);
        return compareSchema(schema, await readDatabaseShape(sql), EXTRA);
      } finally {
        await sql.exec("ROLLBACK");
      }
    });
    expect(problems.sort()).toEqual(
      [
        "Lot.title: nullable in the database, required in schema.prisma",
        "Lot.bidCount: default is 5 in the database, 0 in schema.prisma",
        'model Lot: column "Lot"."stray" is not in schema.prisma',
        'Lot index (closesAt): index "Lot_closesAt_idx" is missing',
        'foreign key "Bid"(facilityId) → "Facility": constraint "Bid_facilityId_fkey" is missing',
        'table "Stray" exists in the database but no model maps to it',
        `enum SaleMode: type "SaleMode" has value 'dutch' that schema.prisma does not`,
      ].sort(),
    );
    expect(compareSchema(schema, await database.withConnection(readDatabaseShape), EXTRA)).toEqual([]);
  });

  test("an invalid schema is an error, not an empty comparison", () => {
    expect(() => compareSchema(schema.replace("model Lot {", "model Lot {\n  broken"), shape)).toThrow(
      /schema\.prisma does not parse:[\s\S]*Lot/,
    );
  });
});
