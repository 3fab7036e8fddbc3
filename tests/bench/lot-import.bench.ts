// Bulk import of 10,000 lots, phase by phase (parse, validate, insert), on a fresh embedded PGlite
// kept on disk in a temporary directory (as in production) and on PostgreSQL, beside two baselines
// measured in the same run on the same database: the raw createMany of pre-built rows in the same
// chunks (the floor: no parsing, no validation, no progress), and one INSERT per row (what a naive
// import would do; timed on fewer rows and reported in rows/s). Target: 10,000 rows in under 30 s.
// Check: every row is in the database, published. Quick: 500 rows.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkImportRows } from "~/domain/lot-import.ts";
import { lotDataFromInput } from "~/models/lot.server.ts";
import { IMPORT_CHUNK_ROWS, startLotImport } from "~/models/lot-import.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { readSpreadsheet } from "~/services/spreadsheet.server.ts";
import { closeDatabase, db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { gridToCsv, gridToXlsx, lotGrid, todayUtc } from "../fixtures/lot-import-rows.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";

const TARGET_MS = 30_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function prepare(): Promise<{ organizationId: string; userId: string }> {
  await getDatabase().withConnection((sql) => migrate(sql));
  await insertEconomies(db());
  const { user, organization } = await createUserWithOrganization({
    name: "Bench Fleet",
    email: `bench-${Date.now()}@import.test`,
    password: "bench password long enough",
    organizationName: "Bench Fleet",
    economyCode: "AU",
    capabilities: ["seller"],
  });
  return { organizationId: organization.id, userId: user.id };
}

async function measure(bench: Bench, label: string, csv: Uint8Array, rowCount: number) {
  const perRowSample = Math.min(1_000, Math.ceil(rowCount / 5));
  const owner = await prepare();
  const today = todayUtc();
  const now = new Date();

  const [sheet, parseMs] = await timed(() => readSpreadsheet(csv, "bench.csv"));
  if (!sheet.ok) throw new Error(sheet.message);
  const [checked, validateMs] = await timed(() =>
    checkImportRows(sheet.grid, { today, now, mode: "publish" }),
  );
  if (!checked.ok || checked.invalidRows > 0) throw new Error("the generated rows must all be valid");
  const lots = checked.valid.map((v) => v.input);
  const [outcome, insertMs] = await timed(async () => {
    const started = await startLotImport({
      ...owner,
      createdById: owner.userId,
      fileName: "bench.csv",
      fileKind: "csv",
      totalRows: checked.totalRows,
      lots,
      issues: [],
      validOnly: false,
      publish: true,
      now,
    });
    return started.finished;
  });
  if (outcome.status !== "done") throw new Error(`import ${outcome.status}`);
  const totalMs = parseMs + validateMs + insertMs;
  // Counted before the baselines add their own rows for the same organisation.
  const published = await db().lot.count({ where: { organizationId: owner.organizationId, status: "open" } });

  // Baseline 1: the same rows, pre-built, with createMany in the same chunks.
  const prebuilt = lots.map((lot) => ({
    ...lotDataFromInput(lot),
    organizationId: owner.organizationId,
    createdById: owner.userId,
    status: "open" as const,
    publishedAt: now,
  }));
  const [, rawMs] = await timed(async () => {
    for (let i = 0; i < prebuilt.length; i += IMPORT_CHUNK_ROWS) {
      await db().lot.createMany({ data: prebuilt.slice(i, i + IMPORT_CHUNK_ROWS) });
    }
  });
  // Baseline 2: one INSERT per row, on a sample.
  const [, perRowMs] = await timed(async () => {
    for (const data of prebuilt.slice(0, perRowSample)) await db().lot.create({ data });
  });
  const perRowRate = perRowSample / (perRowMs / 1000);

  console.log(
    `\n${label}: ${rowCount.toLocaleString("en-US")} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB CSV)`,
  );
  console.log(`  parse     ${seconds(parseMs).padStart(9)}   ${rate(rowCount, parseMs)}`);
  console.log(`  validate  ${seconds(validateMs).padStart(9)}   ${rate(rowCount, validateMs)}`);
  console.log(
    `  insert    ${seconds(insertMs).padStart(9)}   ${rate(rowCount, insertMs)}  (${Math.ceil(rowCount / IMPORT_CHUNK_ROWS)} chunks + publish)`,
  );
  console.log(
    `  total     ${seconds(totalMs).padStart(9)}   ${rate(rowCount, totalMs)}   target < ${seconds(TARGET_MS)}: ${bench.target(totalMs < TARGET_MS)}`,
  );
  console.log(
    `  baseline: raw createMany of pre-built rows ${seconds(rawMs)} (${rate(rowCount, rawMs)}); import insert / raw = ${(insertMs / rawMs).toFixed(2)}×`,
  );
  console.log(
    `  baseline: one INSERT per row ${rate(perRowSample, perRowMs)} (${perRowSample} rows) → ${seconds((rowCount / perRowRate) * 1000)} for ${rowCount.toLocaleString("en-US")}; import total is ${(((rowCount / perRowRate) * 1000) / totalMs).toFixed(1)}× faster`,
  );
  bench.check(
    `${label.split(" ")[0]}: every row imported and published (${published.toLocaleString("en-US")} of ${rowCount.toLocaleString("en-US")})`,
    outcome.imported === rowCount && published === rowCount,
    `the import reported ${outcome.imported}`,
  );
}

export default async function run(bench: Bench): Promise<void> {
  const rows = bench.size(10_000, 500, "BENCH_IMPORT_ROWS");
  const grid = lotGrid(rows, todayUtc());
  const csv = gridToCsv(grid);
  const [xlsx, xlsxWriteMs] = await timed(() => gridToXlsx(grid));
  const [xlsxSheet, xlsxParseMs] = await timed(() => readSpreadsheet(xlsx, "bench.xlsx"));
  if (!xlsxSheet.ok) throw new Error(xlsxSheet.message);
  console.log(
    `XLSX of the same rows: ${(xlsx.length / 1024 / 1024).toFixed(1)} MB, written in ${seconds(xlsxWriteMs)}, parsed in ${seconds(xlsxParseMs)} (${rate(rows, xlsxParseMs)})`,
  );

  const previousDataDir = process.env.DATA_DIR;
  const dataDir = await mkdtemp(path.join(tmpdir(), "packloop-bench-import-"));
  try {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
    await closeDatabase();
    await measure(bench, `PGlite on disk (${dataDir})`, csv, rows);
  } finally {
    await closeDatabase();
    await rm(dataDir, { recursive: true, force: true });
    if (previousDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previousDataDir;
  }

  await withScratchDatabase(bench, "PostgreSQL", async (url) => {
    process.env.DATABASE_URL = url;
    await measure(bench, `PostgreSQL (${new URL(url).pathname.slice(1)})`, csv, rows);
  });
}
