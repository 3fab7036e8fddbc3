// Bulk import end to end through the routes, on PGlite and PostgreSQL: the upload action with real
// multipart Requests, the background writer, the progress resource and the result page, the
// templates, and the all-or-nothing guarantee when writing fails or the process dies midway.
import { beforeAll, describe, expect, test } from "vitest";
import { checkImportRows } from "~/domain/lot-import.ts";
import type { LotInput } from "~/domain/lot-input.ts";
import { lotDataFromInput } from "~/models/lot.server.ts";
import {
  getLotImport,
  IMPORT_CHUNK_ROWS,
  IMPORT_STALLED_AFTER_MS,
  lotIdForImportRow,
  startLotImport,
} from "~/models/lot-import.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as loginRoute from "~/routes/login.tsx";
import * as csvTemplateRoute from "~/routes/lots.import.template[.]csv.ts";
import * as xlsxTemplateRoute from "~/routes/lots.import.template[.]xlsx.ts";
import * as uploadRoute from "~/routes/lots.import.tsx";
import * as progressRoute from "~/routes/lots.import_.$importId.progress.ts";
import * as importPageRoute from "~/routes/lots.import_.$importId.tsx";
import { readSpreadsheet } from "~/services/spreadsheet.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { gridToCsv, gridToXlsx, lotGrid, lotRow, todayUtc } from "../fixtures/lot-import-rows.ts";
import { callRoute, getRequest, ORIGIN, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery staple";
const TODAY = todayUtc();

interface Account {
  organizationId: string;
  userId: string;
  cookie: string;
}

async function account(name: string, capabilities: ("seller" | "buyer" | "recycler")[]): Promise<Account> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@import.test`;
  const { user, organization } = await createUserWithOrganization({
    name,
    email,
    password: PASSWORD,
    organizationName: name,
    economyCode: "AU",
    capabilities,
  });
  const login = await callRoute(loginRoute.action, postRequest("/login", { email, password: PASSWORD }));
  return { organizationId: organization.id, userId: user.id, cookie: sessionCookieFrom(login.headers) };
}

let fleet: Account;
let other: Account;
let buyer: Account;

beforeAll(async () => {
  await insertEconomies(db());
  fleet = await account("Import Fleet", ["seller"]);
  other = await account("Other Seller", ["seller"]);
  buyer = await account("Only Buyer", ["buyer"]);
});

function upload(
  who: Account,
  file: { bytes: Uint8Array; name: string } | null,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("publish", fields.publish ?? "draft");
  if (fields.intent) form.set("intent", fields.intent);
  if (fields.confirmed) form.set("confirmed", fields.confirmed);
  if (file) form.set("file", new File([new Uint8Array(file.bytes)], file.name));
  const request = new Request(`${ORIGIN}/lots/import`, {
    method: "POST",
    headers: { Cookie: who.cookie },
    body: form,
  });
  return callRoute(uploadRoute.action, request);
}

/** Follows the redirect to the import and waits until its writer has finished. */
async function finishedImport(who: Account, location: string | null) {
  const id = /^\/lots\/import\/([0-9a-f-]{36})(\?publish=ask)?$/.exec(location ?? "")?.[1];
  expect(id, `redirect to the import page, got ${location}`).toBeTruthy();
  await expect
    .poll(async () => (await getLotImport(who.organizationId, id as string))?.status, {
      timeout: 30_000,
      interval: 50,
    })
    .not.toBe("importing");
  return (await getLotImport(who.organizationId, id as string))!;
}

const lotCount = (organizationId: string) => db().lot.count({ where: { organizationId } });
const importCount = (organizationId: string) => db().lotImport.count({ where: { organizationId } });

describe("a valid file", () => {
  test("imports every row as drafts, in chunks, and the pages report it", async () => {
    const before = await lotCount(fleet.organizationId);
    const outcome = await upload(fleet, { bytes: gridToCsv(lotGrid(1_234, TODAY)), name: "fleet.csv" });
    expect(outcome.status, JSON.stringify(outcome.data).slice(0, 500)).toBe(302);
    const record = await finishedImport(fleet, outcome.location);
    expect(record).toMatchObject({
      status: "done",
      fileKind: "csv",
      totalRows: 1_234,
      validRows: 1_234,
      processedRows: 1_234,
      importedRows: 1_234,
      validOnly: false,
    });
    expect(await lotCount(fleet.organizationId)).toBe(before + 1_234);
    const ids = Array.from({ length: 1_234 }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
    const lots = await db().lot.findMany({ where: { id: { in: ids } }, orderBy: { number: "asc" } });
    expect(lots).toHaveLength(1_234);
    expect(new Set(lots.map((l) => l.status))).toEqual(new Set(["draft"]));
    expect(lots[0]).toMatchObject({
      title: lotRow(0, TODAY).title,
      createdById: fleet.userId,
      publishedAt: null,
    });
    expect(lots[1_233].title).toBe(lotRow(1_233, TODAY).title);

    const progress = await callRoute(
      progressRoute.loader,
      getRequest(`/lots/import/${record.id}/progress`, { cookie: fleet.cookie }),
      { importId: record.id },
    );
    expect(progress.status).toBe(200);
    expect(JSON.parse(progress.body ?? "")).toEqual({
      status: "done",
      totalRows: 1_234,
      validRows: 1_234,
      processedRows: 1_234,
      importedRows: 1_234,
    });
    const page = await callRoute(
      importPageRoute.loader,
      getRequest(`/lots/import/${record.id}`, { cookie: fleet.cookie }),
      {
        importId: record.id,
      },
    );
    expect(page.data).toMatchObject({ statuses: { open: 0, draft: 1_234, other: 0 }, issues: [] });
  });

  test("“publish all”, confirmed, opens every lot at once, with its close time kept as the original", async () => {
    const outcome = await upload(
      fleet,
      { bytes: gridToCsv(lotGrid(30, TODAY)), name: "publish.csv" },
      { publish: "publish", confirmed: "yes" },
    );
    expect(outcome.location).not.toContain("publish=ask");
    const record = await finishedImport(fleet, outcome.location);
    expect(record.importedRows).toBe(30);
    const ids = Array.from({ length: 30 }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
    const lots = await db().lot.findMany({ where: { id: { in: ids } } });
    expect(lots.every((l) => l.status === "open" && l.publishedAt !== null)).toBe(true);
    const auction = lots.find((l) => l.saleMode === "auction")!;
    expect(auction.originalClosesAt?.toISOString()).toBe(auction.closesAt?.toISOString());
  });
});

describe("publishing an import's auctions is confirmed first (issue 15 item 7)", () => {
  const idsOf = (record: { id: string; createdAt: Date }, n: number) =>
    Array.from({ length: n }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
  const importPage = (who: Account, id: string, query = "") =>
    callRoute(importPageRoute.loader, getRequest(`/lots/import/${id}${query}`, { cookie: who.cookie }), {
      importId: id,
    });
  const publishPost = (who: Account, id: string, fields: Record<string, string>) =>
    callRoute(importPageRoute.action, postRequest(`/lots/import/${id}`, fields, { cookie: who.cookie }), {
      importId: id,
    });

  test("without the confirmation the lots wait as drafts; the page states what publishing opens; only confirmed=yes publishes", async () => {
    // 30 rows: 10 auctions, 10 sealed tenders, 10 at a fixed price (lotRow cycles the three).
    const outcome = await upload(
      fleet,
      { bytes: gridToCsv(lotGrid(30, TODAY)), name: "auctions.csv" },
      { publish: "publish" },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/\?publish=ask$/);
    const record = await finishedImport(fleet, outcome.location);
    const ids = idsOf(record, 30);
    const statuses = async () =>
      new Set((await db().lot.findMany({ where: { id: { in: ids } } })).map((l) => l.status));
    expect(await statuses()).toEqual(new Set(["draft"]));

    const closes = lotGrid(30, TODAY)
      .slice(1)
      .map((row) => row[lotGrid(0, TODAY)[0].indexOf("closesAt")])
      .filter(Boolean)
      .map((text) => new Date(text).toISOString())
      .sort();
    const page = await importPage(fleet, record.id, "?publish=ask");
    expect(page.data).toMatchObject({
      publishAsked: true,
      statuses: { open: 0, draft: 30, other: 0 },
      publishPlan: {
        drafts: 30,
        publishable: 30,
        auctions: 10,
        tenders: 10,
        fixed: 10,
        closesFirst: closes[0],
        closesLast: closes.at(-1),
      },
    });

    // A post without confirmed=yes publishes nothing: the page asks (the confirmation step).
    const unconfirmed = await publishPost(fleet, record.id, { intent: "publish" });
    expect(unconfirmed.data).toEqual({ confirm: true });
    const wrong = await publishPost(fleet, record.id, { intent: "publish", confirmed: "no" });
    expect(wrong.data).toEqual({ confirm: true });
    expect(await statuses()).toEqual(new Set(["draft"]));

    // Another organisation cannot publish them, confirmed or not.
    const stranger = await publishPost(other, record.id, { intent: "publish", confirmed: "yes" });
    expect(stranger.status).toBe(404);
    expect(await statuses()).toEqual(new Set(["draft"]));

    // One lot's close time has passed meanwhile: it stays a draft, the rest open.
    await db().lot.update({ where: { id: ids[0] }, data: { closesAt: new Date(Date.now() - 60_000) } });
    const confirmed = await publishPost(fleet, record.id, { intent: "publish", confirmed: "yes" });
    expect(confirmed.data).toEqual({ published: 29, leftAsDrafts: 1 });
    const lots = await db().lot.findMany({ where: { id: { in: ids } } });
    const opened = lots.filter((l) => l.status === "open");
    expect(opened).toHaveLength(29);
    expect(lots.find((l) => l.id === ids[0])?.status).toBe("draft");
    for (const lot of opened) {
      expect(lot.publishedAt).not.toBeNull();
      expect(lot.originalClosesAt?.toISOString()).toBe(lot.closesAt?.toISOString());
    }
    // Each opened lot's chain of custody records the publication.
    const published = await db().auditEvent.count({
      where: { stream: { in: opened.map((l) => `lot:${l.id}`) }, kind: "lot_published" },
    });
    expect(published).toBe(29);

    // A second confirmed post opens nothing more (the one left is not publishable).
    const again = await publishPost(fleet, record.id, { intent: "publish", confirmed: "yes" });
    expect(again.data).toEqual({ published: 0, leftAsDrafts: 1 });
  });

  test("a file of fixed-price lots only is published without the question", async () => {
    const grid = lotGrid(9, TODAY).filter((row, i) => i === 0 || row.includes("fixed"));
    expect(grid).toHaveLength(4);
    const outcome = await upload(
      fleet,
      { bytes: gridToCsv(grid), name: "fixed.csv" },
      { publish: "publish" },
    );
    expect(outcome.location).not.toContain("publish=ask");
    const record = await finishedImport(fleet, outcome.location);
    const lots = await db().lot.findMany({ where: { id: { in: idsOf(record, 3) } } });
    expect(lots.map((l) => l.status)).toEqual(["open", "open", "open"]);
  });
});

describe("a file with bad rows", () => {
  const badLines = new Map<number, string>([
    [5, "massKg"],
    [40, "chemistry"],
    [41, "stateOfHealthPct"],
    [120, "lat"],
  ]);
  const grid = () =>
    lotGrid(150, TODAY, (i, row) => {
      const line = i + 2;
      if (line === 5) row.massKg = "-10";
      if (line === 40) row.chemistry = "NMC999";
      if (line === 41) row.stateOfHealthPct = "140";
      if (line === 120) row.lat = "95";
    });

  test("imports nothing and lists every bad row with its line and field", async () => {
    const [lots, imports] = [await lotCount(fleet.organizationId), await importCount(fleet.organizationId)];
    const outcome = await upload(fleet, { bytes: gridToCsv(grid()), name: "bad.csv" });
    expect(outcome.status).toBe(400);
    const report = outcome.data.report as {
      validRows: number;
      invalidRows: number;
      issues: { line: number; field: string }[];
    };
    expect(report).toMatchObject({
      totalRows: 150,
      validRows: 146,
      invalidRows: 4,
      fileLevel: false,
      moreIssues: 0,
    });
    expect(report.issues.map((i) => [i.line, i.field])).toEqual([...badLines.entries()]);
    expect((outcome.data.errors as Record<string, string>).file).toMatch(/4 of 150 rows have problems/);
    expect(await lotCount(fleet.organizationId)).toBe(lots);
    expect(await importCount(fleet.organizationId)).toBe(imports);
  });

  test("“import valid rows only” imports exactly the valid ones and records the skipped lines", async () => {
    const outcome = await upload(
      fleet,
      { bytes: gridToCsv(grid()), name: "bad.csv" },
      { intent: "validOnly" },
    );
    expect(outcome.status).toBe(302);
    const record = await finishedImport(fleet, outcome.location);
    expect(record).toMatchObject({
      status: "done",
      totalRows: 150,
      validRows: 146,
      importedRows: 146,
      validOnly: true,
    });
    const ids = Array.from({ length: 146 }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
    const titles = (await db().lot.findMany({ where: { id: { in: ids } }, select: { title: true } })).map(
      (l) => l.title,
    );
    const expected = Array.from({ length: 150 }, (_, i) => i)
      .filter((i) => !badLines.has(i + 2))
      .map((i) => lotRow(i, TODAY).title);
    expect(titles.sort()).toEqual(expected.sort());
    expect((record.errors as { line: number; field: string }[]).map((e) => [e.line, e.field])).toEqual([
      ...badLines.entries(),
    ]);
  });
});

describe("XLSX", () => {
  test("an XLSX file and the same CSV give the same lots", async () => {
    const grid = lotGrid(60, TODAY);
    const fromCsv = await finishedImport(
      fleet,
      (await upload(fleet, { bytes: gridToCsv(grid), name: "same.csv" })).location,
    );
    const fromXlsx = await finishedImport(
      fleet,
      (await upload(fleet, { bytes: await gridToXlsx(grid), name: "same.xlsx" })).location,
    );
    expect(fromXlsx).toMatchObject({ status: "done", fileKind: "xlsx", importedRows: 60 });
    const lotsOf = async (record: typeof fromCsv) => {
      const ids = Array.from({ length: 60 }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
      const lots = await db().lot.findMany({ where: { id: { in: ids } }, orderBy: { number: "asc" } });
      return lots.map(({ id, number, createdAt, updatedAt, ...rest }) => rest);
    };
    const [csvLots, xlsxLots] = [await lotsOf(fromCsv), await lotsOf(fromXlsx)];
    expect(csvLots).toHaveLength(60);
    expect(xlsxLots).toEqual(csvLots);
  });

  test("the XLSX template reads back as two valid lots, and the CSV template too", async () => {
    for (const route of [xlsxTemplateRoute, csvTemplateRoute]) {
      const response = await callRoute(
        route.loader,
        getRequest("/lots/import/template", { cookie: fleet.cookie }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toMatch(
        /attachment; filename="packloop-lots-template\.(csv|xlsx)"/,
      );
    }
    const xlsx = (await xlsxTemplateRoute.loader({
      request: getRequest("/lots/import/template.xlsx", { cookie: fleet.cookie }),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    const read = await readSpreadsheet(new Uint8Array(await xlsx.arrayBuffer()), "template.xlsx");
    expect(read.ok && read.kind).toBe("xlsx");
    const checked = read.ok
      ? checkImportRows(read.grid, { today: TODAY, mode: "publish", now: new Date() })
      : null;
    expect(checked).toMatchObject({ ok: true, totalRows: 2, invalidRows: 0 });
  });
});

describe("reading spreadsheets", () => {
  test("a semicolon CSV with decimal commas (a European Excel export) is refused for its commas", async () => {
    const grid = lotGrid(2, TODAY, (_i, row) => {
      row.lat = row.lat.replace(".", ",");
    });
    const text = grid
      .map((row) => row.map((cell) => (/[;"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(";"))
      .join("\r\n");
    const outcome = await upload(fleet, { bytes: new TextEncoder().encode(text), name: "eu.csv" });
    expect(outcome.status).toBe(400);
    expect(outcome.data.report).toMatchObject({
      fileLevel: true,
      issues: [
        expect.objectContaining({ line: 2, field: "lat", message: expect.stringMatching(/decimal comma/) }),
      ],
    });
  });

  test("an unclosed quote names its line", async () => {
    const read = await readSpreadsheet(new TextEncoder().encode('title,count\nok,1\n"broken,2\n'), "q.csv");
    expect(read).toEqual({
      ok: false,
      kind: "csv",
      code: "unclosedQuote",
      params: { line: 3 },
      message: expect.stringMatching(/^Line 3 opens a quoted value/),
    });
  });

  test("XLSX numbers read as the person saw them, dates as YYYY-MM-DD", async () => {
    const { default: writeXlsxFile } = await import("write-excel-file/node");
    const buffer = await writeXlsxFile([
      ["massKg", "lat", "availableFrom", "closesAt"],
      [
        { value: 0.1 + 0.2, type: Number },
        { value: -33.8688, type: Number },
        { value: new Date("2026-07-01T00:00:00Z"), type: Date, format: "yyyy-mm-dd" },
        { value: new Date("2026-07-20T14:30:00Z"), type: Date, format: "yyyy-mm-dd hh:mm" },
      ],
    ]).toBuffer();
    const read = await readSpreadsheet(new Uint8Array(buffer), "numbers.xlsx");
    expect(read).toEqual({
      ok: true,
      kind: "xlsx",
      grid: [
        ["massKg", "lat", "availableFrom", "closesAt"],
        ["0.3", "-33.8688", "2026-07-01", "2026-07-20T14:30:00Z"],
      ],
    });
  });
});

describe("files refused as a whole: a clear error, nothing written", () => {
  const header = "title,chemistry,form,condition,count,massKg,lat,lng,availableFrom,saleMode,currency\n";
  test.each<[string, () => { bytes: Uint8Array; name: string }, RegExp]>([
    [
      "broken UTF-8",
      () => ({
        bytes: new Uint8Array([...new TextEncoder().encode(`${header}Soci`), 0xe9, 0x74, 0x0a]),
        name: "latin1.csv",
      }),
      /not valid UTF-8: byte 0xE9 on line 2/,
    ],
    [
      "a PNG renamed .csv",
      () => ({
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        name: "lots.csv",
      }),
      /PNG file, not a spreadsheet/,
    ],
    [
      "a file over 10 MB",
      () => ({ bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61), name: "huge.csv" }),
      /is 10\.0 MB; the limit is 10 MB/,
    ],
    [
      "an empty file",
      () => ({ bytes: new Uint8Array(0), name: "empty.csv" }),
      /Choose a CSV or XLSX file|is empty/,
    ],
    [
      "a ZIP that is not a workbook",
      () => ({ bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), name: "x.xlsx" }),
      /damaged|not an Excel workbook/,
    ],
  ])("%s", async (_, file, message) => {
    const [lots, imports] = [await lotCount(fleet.organizationId), await importCount(fleet.organizationId)];
    const outcome = await upload(fleet, file());
    expect(outcome.status).toBe(400);
    expect((outcome.data.errors as Record<string, string>).file).toMatch(message);
    expect(await lotCount(fleet.organizationId)).toBe(lots);
    expect(await importCount(fleet.organizationId)).toBe(imports);
  });

  test("missing columns are named, even with “valid rows only”", async () => {
    const grid = lotGrid(3, TODAY).map((row) => row.filter((_, i) => i !== 5 && i !== 16)); // massKg, currency
    const lots = await lotCount(fleet.organizationId);
    const outcome = await upload(
      fleet,
      { bytes: gridToCsv(grid), name: "cols.csv" },
      { intent: "validOnly" },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.report).toMatchObject({
      fileLevel: true,
      issues: [
        expect.objectContaining({
          line: 1,
          message: expect.stringMatching(/Missing required columns: massKg, currency/),
        }),
      ],
    });
    expect(await lotCount(fleet.organizationId)).toBe(lots);
  });

  test("no file and no choice are field errors", async () => {
    expect((await upload(fleet, null)).data.errors).toEqual({ file: "Choose a CSV or XLSX file to import." });
    const noChoice = await upload(
      fleet,
      { bytes: gridToCsv(lotGrid(1, TODAY)), name: "a.csv" },
      { publish: "maybe" },
    );
    expect(noChoice.status).toBe(400);
    expect(noChoice.data.errors).toHaveProperty("publish");
  });
});

describe("organisations", () => {
  test("another organisation can neither see nor follow someone else's import", async () => {
    const outcome = await upload(fleet, { bytes: gridToCsv(lotGrid(3, TODAY)), name: "mine.csv" });
    const record = await finishedImport(fleet, outcome.location);
    const page = await callRoute(
      importPageRoute.loader,
      getRequest(`/lots/import/${record.id}`, { cookie: other.cookie }),
      {
        importId: record.id,
      },
    );
    expect(page).toMatchObject({ thrown: true, status: 404 });
    const progress = await callRoute(
      progressRoute.loader,
      getRequest(`/lots/import/${record.id}/progress`, { cookie: other.cookie }),
      { importId: record.id },
    );
    expect(progress.status).toBe(404);
    expect(progress.body).not.toContain("mine.csv");
    const list = await callRoute(uploadRoute.loader, getRequest("/lots/import", { cookie: other.cookie }));
    expect(list.data.imports).toEqual([]);
    expect(await getLotImport(other.organizationId, record.id)).toBeNull();
  });

  test("only sellers may import or download the template; visitors are sent to log in", async () => {
    for (const route of [uploadRoute.loader, csvTemplateRoute.loader, progressRoute.loader]) {
      const denied = await callRoute(route, getRequest("/lots/import", { cookie: buyer.cookie }), {
        importId: "x",
      });
      expect(denied.status).toBe(403);
    }
    const posted = await upload(buyer, { bytes: gridToCsv(lotGrid(1, TODAY)), name: "a.csv" });
    expect(posted.status).toBe(403);
    const anonymous = await callRoute(uploadRoute.loader, getRequest("/lots/import"));
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("all or nothing", () => {
  function validInputs(n: number): LotInput[] {
    const result = checkImportRows(lotGrid(n, TODAY), { today: TODAY, mode: "draft" });
    if (!result.ok) throw new Error("fixture rows must be valid");
    return result.valid.map((v) => v.input);
  }

  test("a write that fails midway leaves no lot of the file", async () => {
    const lots = validInputs(1_100);
    // Row 900 names an economy that is not in the database: a foreign-key failure after several
    // chunks have been committed.
    expect(900).toBeGreaterThan(2 * IMPORT_CHUNK_ROWS);
    lots[900] = { ...lots[900], economy: "XX" as LotInput["economy"] };
    const before = await lotCount(fleet.organizationId);
    const started = await startLotImport({
      organizationId: fleet.organizationId,
      createdById: fleet.userId,
      fileName: "fails.csv",
      fileKind: "csv",
      totalRows: 1_100,
      lots,
      issues: [],
      validOnly: false,
      publish: true,
    });
    expect(await started.finished).toMatchObject({ status: "failed" });
    const record = await getLotImport(fleet.organizationId, started.id);
    expect(record).toMatchObject({ status: "failed", importedRows: 0 });
    const errors = (record?.errors ?? []) as { message: string }[];
    expect(errors[0].message).toMatch(/nothing was imported/);
    expect(await lotCount(fleet.organizationId)).toBe(before);
  });

  test("an import whose process died is cleaned up when it is next read", async () => {
    const startedAt = new Date(Date.now() - IMPORT_STALLED_AFTER_MS - 60_000);
    const record = await db().lotImport.create({
      data: {
        organizationId: fleet.organizationId,
        fileName: "crashed.csv",
        fileKind: "csv",
        status: "importing",
        totalRows: 3,
        validRows: 3,
        processedRows: 2,
        errors: [],
        createdAt: startedAt,
      },
    });
    // What the dead process had written: the first two rows, as drafts.
    const [first, second] = validInputs(2);
    await db().lot.createMany({
      data: [first, second].map((input, i) => ({
        ...lotDataFromInput(input),
        id: lotIdForImportRow(record.id, record.createdAt, i),
        organizationId: fleet.organizationId,
      })),
    });
    const before = await lotCount(fleet.organizationId);
    // Not yet stalled: left alone.
    expect((await getLotImport(fleet.organizationId, record.id, startedAt))?.status).toBe("importing");
    const recovered = await getLotImport(fleet.organizationId, record.id);
    expect(recovered).toMatchObject({ status: "failed", importedRows: 0 });
    expect(await lotCount(fleet.organizationId)).toBe(before - 2);
  });

  test("derived lot ids are UUIDv7, distinct, and the same when computed again", () => {
    const at = new Date("2026-05-10T10:00:00.123Z");
    const ids = Array.from({ length: 1_000 }, (_, i) =>
      lotIdForImportRow("0193c8a0-0000-7000-8000-000000000001", at, i),
    );
    expect(new Set(ids).size).toBe(1_000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lotIdForImportRow("0193c8a0-0000-7000-8000-000000000001", at, 7)).toBe(ids[7]);
    expect(parseInt(ids[0].replace(/-/g, "").slice(0, 12), 16)).toBe(at.getTime());
  });
});
