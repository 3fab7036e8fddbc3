import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { lotTermsData } from "~/domain/custody/lot-terms.ts";
import type { ImportIssue } from "~/domain/lot-import-columns.ts";
import type { SpreadsheetKind } from "~/domain/lot-import-file.ts";
import {
  type ImportDraftFacts,
  type ImportPublishPlan,
  importPublishPlan,
} from "~/domain/lot-import-publish.ts";
import { type LotInput, validateLotInput } from "~/domain/lot-input.ts";
import { lotInputFromRow } from "~/domain/lot-json.ts";
import type { LotImport } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { appendCustodyEvents } from "./custody/custody-chain.server.ts";
import { lotDataFromInput } from "./lot.server.ts";
import {
  notifyImportedLotMatches,
  PUBLISHED_LOT_SELECT,
  type PublishedLot,
} from "./new-lot-notices.server.ts";

/**
 * Bulk import of validated lots, recorded in LotImport so a page can show its progress.
 *
 * Rows are written in chunks, each chunk its own short transaction together with the progress
 * counter: one transaction for the whole file would hold PGlite's only connection for its whole
 * length (every other request would wait, the progress bar included) and its progress would be
 * invisible to other connections on PostgreSQL.
 *
 * All-or-nothing without a transaction around everything: every lot of an import gets an id
 * derived from the import's id and the row's index (lotIdForImportRow), so the lots of an import
 * can always be found again without an importId column on Lot. Lots are written as drafts and
 * published together at the end, in the same transaction that marks the import done, so no one
 * sees a half-imported file (the "new lots match" digests are written in that transaction too).
 * If anything fails, the import is marked failed and its lots are deleted in one transaction; an
 * import whose process died is found stalled on the next read and cleaned up the same way. Either
 * way nothing of a failed file remains.
 */

export const IMPORT_CHUNK_ROWS = 200;
/** 20,000 rows take well under a minute; an import still running after this has lost its process. */
export const IMPORT_STALLED_AFTER_MS = 10 * 60_000;
/** Problems kept with the import for its result page; the rest are only counted. */
export const IMPORT_ISSUES_KEPT = 500;
const ID_CHUNK = 5_000;

export interface StartImportInput {
  organizationId: string;
  createdById: string | null;
  fileName: string;
  fileKind: SpreadsheetKind;
  /** Data rows in the file, valid or not. */
  totalRows: number;
  /** The valid rows, already checked by validateLotInput in the mode `publish` implies. */
  lots: readonly LotInput[];
  /** Problems of the skipped rows (valid-rows-only imports). */
  issues: readonly ImportIssue[];
  validOnly: boolean;
  publish: boolean;
  now?: Date;
}

export type ImportOutcome = { status: "done"; imported: number } | { status: "failed"; message: string };

/**
 * A UUIDv7 whose time is the import's start and whose remaining 74 bits come from
 * sha256(importId:index): valid, unique and time-ordered like any other lot id, and computable
 * again from the LotImport row alone.
 */
export function lotIdForImportRow(importId: string, startedAt: Date, index: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(startedAt.getTime(), 0, 6);
  createHash("sha256").update(`${importId}:${index}`).digest().copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function lotIdsOf(record: Pick<LotImport, "id" | "createdAt" | "validRows">): string[] {
  return Array.from({ length: record.validRows }, (_, i) =>
    lotIdForImportRow(record.id, record.createdAt, i),
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

class ImportCancelled extends Error {}

/**
 * Records the import and starts writing its lots in the background. `finished` settles when the
 * import is done or has failed and been cleaned up; it never rejects.
 */
export async function startLotImport(
  input: StartImportInput,
): Promise<{ id: string; finished: Promise<ImportOutcome> }> {
  const now = input.now ?? new Date();
  const record = await db().lotImport.create({
    data: {
      organizationId: input.organizationId,
      createdById: input.createdById,
      fileName: input.fileName.slice(0, 200),
      fileKind: input.fileKind,
      status: "importing",
      totalRows: input.totalRows,
      validRows: input.lots.length,
      validOnly: input.validOnly,
      errors: input.issues.slice(0, IMPORT_ISSUES_KEPT) as unknown as object[],
      createdAt: now,
    },
  });
  const finished = writeLots(record, input, now).catch((error: unknown) => {
    console.error(error);
    return { status: "failed", message: "The import failed." } as const;
  });
  return { id: record.id, finished };
}

async function writeLots(record: LotImport, input: StartImportInput, now: Date): Promise<ImportOutcome> {
  const ids = lotIdsOf(record);
  try {
    let written = 0;
    for (const chunk of chunks(input.lots, IMPORT_CHUNK_ROWS)) {
      const offset = written;
      await db().$transaction(async (tx) => {
        // The conditional update locks the import row: a concurrent clean-up waits for this chunk
        // or, having run first, makes this chunk stop.
        const { count } = await tx.lotImport.updateMany({
          where: { id: record.id, status: "importing" },
          data: { processedRows: offset + chunk.length },
        });
        if (count === 0) throw new ImportCancelled();
        const created = await tx.lot.createManyAndReturn({
          data: chunk.map((lot, k) => {
            const data = lotDataFromInput(lot);
            return {
              ...data,
              id: ids[offset + k],
              organizationId: input.organizationId,
              createdById: input.createdById,
              status: "draft" as const,
              originalClosesAt: input.publish ? data.closesAt : null,
            };
          }),
        });
        // Each lot's chain of custody starts with its listing (ADR 021).
        await appendCustodyEvents(
          tx,
          created.map((lot) => ({
            lotId: lot.id,
            kind: "lot_listed",
            data: lotTermsData(lot),
            actorUserId: input.createdById,
            organizationId: input.organizationId,
            at: now,
          })),
        );
      });
      written += chunk.length;
      // PGlite runs in this process and Prisma prepares rows synchronously: without a turn of the
      // event loop between chunks, no other request (the progress polls included) would be served
      // until the whole file is written.
      await nextTurn();
    }
    const done = await db().$transaction(
      async (tx) => {
        const { count } = await tx.lotImport.updateMany({
          where: { id: record.id, status: "importing" },
          data: { status: "done", importedRows: written, processedRows: written, finishedAt: new Date() },
        });
        if (count === 0) return false;
        if (input.publish) {
          await publishDrafts(
            tx,
            ids,
            { organizationId: input.organizationId, userId: input.createdById, importId: record.id },
            now,
          );
        }
        return true;
      },
      { timeout: 60_000 },
    );
    if (!done) throw new ImportCancelled();
    return { status: "done", imported: written };
  } catch (error) {
    const cancelled = error instanceof ImportCancelled;
    const message = cancelled
      ? "The import was stopped; nothing was imported."
      : "The import failed while writing the lots, so nothing was imported. Try again; if it fails again, contact support.";
    if (!cancelled) console.error(error);
    await failImport(record, message, cancelled ? "import.stopped" : "import.writeFailed");
    return { status: "failed", message };
  }
}

/**
 * Opens the given drafts of an import in the caller's transaction: each one's close time becomes its
 * original close time (as publishLot does), a `lot_published` custody event per lot, and one "new
 * lots match" digest per person for the whole batch — committed exactly when the lots become
 * visible, so a publication that fails or is rolled back tells no one.
 */
async function publishDrafts(
  tx: DbTransaction,
  ids: readonly string[],
  who: { organizationId: string; userId: string | null; importId: string },
  now: Date,
): Promise<PublishedLot[]> {
  const published: PublishedLot[] = [];
  for (const part of chunks(ids, ID_CHUNK)) {
    await tx.$executeRaw`
      UPDATE "Lot" SET "originalClosesAt" = "closesAt"
      WHERE "id" = ANY(${part}::uuid[]) AND "organizationId" = ${who.organizationId}::uuid AND "status" = 'draft'`;
    const opened = await tx.lot.updateManyAndReturn({
      where: { id: { in: part }, organizationId: who.organizationId, status: "draft" },
      data: { status: "open", publishedAt: now, version: { increment: 1 } },
      select: PUBLISHED_LOT_SELECT,
    });
    await appendCustodyEvents(
      tx,
      opened.map((lot) => ({
        lotId: lot.id,
        kind: "lot_published",
        data: { importId: who.importId },
        actorUserId: who.userId,
        organizationId: who.organizationId,
        at: now,
      })),
    );
    published.push(...opened);
  }
  if (published.length === 0) return published;
  // One digest per person for the whole import. Matching runs in memory on lots already in hand (a
  // few queries, not one per lot), so it adds little to this transaction.
  published.sort((a, b) => a.number - b.number);
  const seller = await tx.organization.findUniqueOrThrow({
    where: { id: who.organizationId },
    select: { name: true },
  });
  await notifyImportedLotMatches(
    tx,
    { organizationId: who.organizationId, name: seller.name },
    published,
    now,
  );
  return published;
}

/** The import's drafts with what publishing them needs to know, in chunks of ids. */
async function importDrafts(
  client: Pick<DbTransaction, "lot">,
  record: Pick<LotImport, "id" | "createdAt" | "validRows" | "organizationId">,
  now: Date,
): Promise<{ id: string; facts: ImportDraftFacts }[]> {
  const today = now.toISOString().slice(0, 10);
  const out: { id: string; facts: ImportDraftFacts }[] = [];
  for (const part of chunks(lotIdsOf(record), ID_CHUNK)) {
    const rows = await client.lot.findMany({
      where: { id: { in: part }, organizationId: record.organizationId, status: "draft" },
    });
    for (const row of rows) {
      // The same check as publishing one lot (publishLot): complete, and a close time ahead.
      const checked = validateLotInput(lotInputFromRow(row), { today, now, mode: "publish" });
      out.push({
        id: row.id,
        facts: { saleMode: row.saleMode, closesAt: row.closesAt, publishable: checked.ok },
      });
    }
  }
  return out;
}

/** What publishing the import's drafts would open (for the confirmation); null unless it is done. */
export async function importPublishPlanFor(
  record: LotImport,
  now = new Date(),
): Promise<ImportPublishPlan | null> {
  if (record.status !== "done") return null;
  return importPublishPlan((await importDrafts(db(), record, now)).map((d) => d.facts));
}

export type PublishImportResult =
  | { ok: true; published: number; leftAsDrafts: number }
  | { ok: false; code: "NOT_FOUND" | "CONFLICT"; message: string };

/**
 * Publishes every publishable draft of a finished import at once, in one transaction (nobody sees
 * half of it, and the digests commit with it); incomplete drafts, or ones whose close time has
 * passed, stay drafts and are counted. The page asks for the confirmation first (the route checks
 * `confirmed=yes` when the plan opens auctions or tenders, ADR 042).
 */
export async function publishImportDrafts(
  caller: { organizationId: string; userId: string | null },
  importId: string,
  now = new Date(),
): Promise<PublishImportResult> {
  const record = await getLotImport(caller.organizationId, importId, now);
  if (!record) return { ok: false, code: "NOT_FOUND", message: "No such import in your organisation." };
  if (record.status !== "done")
    return { ok: false, code: "CONFLICT", message: "Only a finished import can be published." };
  return db().$transaction(
    async (tx): Promise<PublishImportResult> => {
      const drafts = await importDrafts(tx, record, now);
      const ids = drafts.filter((d) => d.facts.publishable).map((d) => d.id);
      const published = await publishDrafts(
        tx,
        ids,
        { organizationId: caller.organizationId, userId: caller.userId, importId: record.id },
        now,
      );
      return { ok: true, published: published.length, leftAsDrafts: drafts.length - published.length };
    },
    { timeout: 60_000 },
  );
}

/** Marks the import failed and deletes every lot it wrote, in one transaction. */
async function failImport(record: LotImport, message: string, code: string): Promise<void> {
  const ids = lotIdsOf(record);
  await db().$transaction(
    async (tx) => {
      const { count } = await tx.lotImport.updateMany({
        where: { id: record.id, status: "importing" },
        data: {
          status: "failed",
          importedRows: 0,
          finishedAt: new Date(),
          errors: [
            // The code lets the page word it in its language (ADR 067); the English stays for reports.
            { line: null, field: null, message, code },
            ...((record.errors as unknown as ImportIssue[]) ?? []),
          ] as unknown as object[],
        },
      });
      if (count === 0) return;
      for (const part of chunks(ids, ID_CHUNK)) {
        await tx.lot.deleteMany({ where: { id: { in: part }, organizationId: record.organizationId } });
      }
    },
    { timeout: 60_000 },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The organisation's import, or null (unknown id, or another organisation's). An import that has
 * been running for longer than any import takes lost its process: it is cleaned up here.
 */
export async function getLotImport(organizationId: string, importId: string, now = new Date()) {
  if (!UUID.test(importId)) return null;
  const record = await db().lotImport.findFirst({ where: { id: importId, organizationId } });
  if (
    record?.status !== "importing" ||
    now.getTime() - record.createdAt.getTime() < IMPORT_STALLED_AFTER_MS
  ) {
    return record;
  }
  await failImport(
    record,
    "The import stopped before it finished (the server restarted), so nothing was imported. Upload the file again.",
    "import.stalled",
  );
  return db().lotImport.findFirst({ where: { id: importId, organizationId } });
}

export async function listLotImports(organizationId: string, limit = 5) {
  return db().lotImport.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      fileName: true,
      status: true,
      totalRows: true,
      importedRows: true,
      createdAt: true,
    },
  });
}

/** How many of an import's lots are open and how many are still drafts, for its summary. */
export async function importedLotStatuses(
  record: LotImport,
): Promise<{ open: number; draft: number; other: number }> {
  const tally = { open: 0, draft: 0, other: 0 };
  if (record.status !== "done") return tally;
  for (const part of chunks(lotIdsOf(record), ID_CHUNK)) {
    const groups = await db().lot.groupBy({
      by: ["status"],
      where: { id: { in: part }, organizationId: record.organizationId },
      _count: { _all: true },
    });
    for (const group of groups) {
      const key = group.status === "open" || group.status === "draft" ? group.status : "other";
      tally[key] += group._count._all;
    }
  }
  return tally;
}

/** The problems recorded with an import (skipped rows, or why it failed). */
export function importIssues(record: Pick<LotImport, "errors">): ImportIssue[] {
  return Array.isArray(record.errors) ? (record.errors as unknown as ImportIssue[]) : [];
}
