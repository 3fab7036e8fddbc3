import { anchorDigest, type ChainHead } from "~/domain/custody/chain.ts";
import { startBackgroundLoop } from "~/utils/background-loop.server.ts";
import { db } from "~/utils/db.server.ts";
import { sha256Hex } from "./custody-chain.server.ts";

/**
 * Daily anchors (ADR 021): once a UTC day, SHA-256 over every lot chain's head (lot id, last
 * sequence, last hash; sorted by lot id, RFC 8785 JSON), published at /transparency/anchors. A
 * chain rewritten afterwards — even one re-hashed end to end, or cut short — no longer yields a
 * head that the published digests were made from.
 */

export interface AnchorRow {
  day: string;
  digest: string;
  lotCount: number;
  createdAt: Date;
}

function dayDate(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day}`);
  return new Date(`${day}T00:00:00.000Z`);
}

function toRow(row: { day: Date; digest: string; lotCount: number; createdAt: Date }): AnchorRow {
  return {
    day: row.day.toISOString().slice(0, 10),
    digest: row.digest.trim(),
    lotCount: row.lotCount,
    createdAt: row.createdAt,
  };
}

/** Every lot chain's head as it stands now. */
export async function allChainHeads(): Promise<ChainHead[]> {
  const rows = await db().$queryRaw<{ lotId: string; sequence: number; hash: string }[]>`
    SELECT DISTINCT ON ("stream") "lotId"::text AS "lotId", "sequence", "hash"
    FROM "AuditEvent"
    WHERE "stream" LIKE 'lot:%' AND "lotId" IS NOT NULL
    ORDER BY "stream", "sequence" DESC`;
  return rows.map((row) => ({ lotId: row.lotId, sequence: Number(row.sequence), hash: row.hash.trim() }));
}

/**
 * Publishes the anchor of `day` (YYYY-MM-DD, UTC) over the heads as they stand when it runs, once:
 * a day that already has its anchor keeps it, and that row is returned.
 */
export async function publishDailyAnchor(day: string): Promise<{ anchor: AnchorRow; created: boolean }> {
  const date = dayDate(day);
  const existing = await db().custodyAnchor.findUnique({ where: { day: date } });
  if (existing) return { anchor: toRow(existing), created: false };
  const heads = await allChainHeads();
  const digest = anchorDigest(heads, sha256Hex);
  const inserted = await db().$executeRaw`
    INSERT INTO "CustodyAnchor" ("day", "digest", "lotCount")
    VALUES (${date}::date, ${digest}, ${heads.length})
    ON CONFLICT ("day") DO NOTHING`;
  const row = await db().custodyAnchor.findUniqueOrThrow({ where: { day: date } });
  return { anchor: toRow(row), created: inserted > 0 };
}

/** The published anchors, newest first. */
export async function listAnchors(limit = 366): Promise<AnchorRow[]> {
  const rows = await db().custodyAnchor.findMany({ orderBy: { day: "desc" }, take: limit });
  return rows.map(toRow);
}

export const ANCHOR_CHECK_INTERVAL_MS = 10 * 60_000;

/**
 * Publishes today's anchor (UTC) at start and checks again every ten minutes, on a timer that does
 * not keep the process alive. Idempotent per day, so several instances may run it. Returns stop.
 */
export function startAnchorLoop(report: (error: unknown) => void, intervalMs = ANCHOR_CHECK_INTERVAL_MS) {
  return startBackgroundLoop(
    () => publishDailyAnchor(new Date().toISOString().slice(0, 10)),
    report,
    intervalMs,
    {
      runAtStart: true,
    },
  );
}
