import { hash } from "node:crypto";
import {
  type ChainVerdict,
  hashEvent,
  isCustodyKind,
  type JsonValue,
  type StoredCustodyEvent,
  verifyEvents,
} from "~/domain/custody/chain.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { type DbClient, type DbTransaction, db } from "~/utils/db.server.ts";

/**
 * A lot's chain of custody (ADR 021, issue 12 item 4): an append-only, hash-chained stream of
 * events in `AuditEvent`, stream `lot:<lotId>`, sequences 1, 2, 3… Each event's hash covers the
 * previous hash and its RFC 8785 canonical JSON (app/domain/custody/chain.ts).
 *
 * HOW TO RECORD A STEP (deals, shipments, certificates…): inside the transaction that makes the
 * change, call
 *
 *     await appendCustodyEvent(tx, {
 *       lotId,                      // the lot the step concerns
 *       kind: "milestone_picked_up", // lower snake_case, ≤ 64 characters
 *       data: { shipmentId, … },    // plain JSON: strings, numbers, booleans, null, arrays, objects
 *                                   // (no bigint: write minor units as strings; no Date: ISO text)
 *       actorUserId,                // who did it, when a person did (else null)
 *       organizationId,             // on whose behalf
 *       at,                         // when it happened (default: now)
 *     });
 *
 * It joins the caller's transaction, so the event commits or rolls back with the change. A
 * correction is a new event: `{ kind: "correction" (or any kind), corrects: <sequence>, data }`.
 * Events are never updated or deleted (a trigger refuses it; migration custody_chain).
 *
 * Concurrency: the append locks the lot row (FOR NO KEY UPDATE: it does not block inserts that
 * merely reference the lot, such as bids) for the rest of the caller's transaction, reads the head
 * and inserts the next sequence; the unique (stream, sequence) is the backstop. Two writers on one
 * lot are therefore serialised and can never fork its chain.
 */

/**
 * SHA-256 of a UTF-8 string as hex. node:crypto's one-shot `hash` (Node ≥ 20.12) costs about half
 * of a createHash object per call, which a 10,000-event verification makes 10,000 of.
 */
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}

export function lotStream(lotId: string): string {
  return `lot:${lotId}`;
}

export interface CustodyAppend {
  lotId: string;
  kind: string;
  data?: JsonValue;
  actorUserId?: string | null;
  organizationId?: string | null;
  /** The sequence of an earlier event of this lot that this one corrects. */
  corrects?: number | null;
  at?: Date;
}

export interface CustodyEventRecord extends StoredCustodyEvent {
  id: string;
}

/** Thrown for a call the code should never make (a bad kind, a correction of nothing, no lot). */
export class CustodyAppendError extends Error {}

/** Appends one event to the lot's chain in the caller's transaction; returns the stored event. */
export async function appendCustodyEvent(
  tx: DbTransaction,
  input: CustodyAppend,
): Promise<CustodyEventRecord> {
  if (!isCustodyKind(input.kind)) throw new CustodyAppendError(`Not an event kind: "${input.kind}".`);
  const stream = lotStream(input.lotId);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Lot" WHERE "id" = ${input.lotId}::uuid FOR NO KEY UPDATE`;
  if (locked.length === 0) throw new CustodyAppendError(`No lot ${input.lotId}.`);
  const head = await tx.auditEvent.findFirst({
    where: { stream },
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  const sequence = (head?.sequence ?? 0) + 1;
  const corrects = input.corrects ?? null;
  if (corrects !== null && (!Number.isInteger(corrects) || corrects < 1 || corrects >= sequence)) {
    throw new CustodyAppendError(`Lot ${input.lotId} has no event ${corrects} to correct.`);
  }
  // Round-trip the data through JSON so what is hashed is exactly what the jsonb column gives back.
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as JsonValue;
  const fields = {
    sequence,
    kind: input.kind,
    occurredAt: new Date(Math.floor((input.at ?? new Date()).getTime())),
    lotId: input.lotId,
    actorUserId: input.actorUserId ?? null,
    organizationId: input.organizationId ?? null,
    data,
    corrects,
  };
  const prevHash = head?.hash ?? null;
  const hash = hashEvent(prevHash, fields, sha256Hex);
  const row = await tx.auditEvent.create({
    data: { ...fields, stream, data: data as object, prevHash, hash },
    select: { id: true },
  });
  return { ...fields, id: row.id, prevHash, hash };
}

/**
 * Appends one event to each of many lots in the caller's transaction (bulk import): the same rules
 * as appendCustodyEvent — the lots are locked (in id order, so two bulk writers cannot deadlock),
 * heads read, next sequences inserted — in a few statements instead of three per lot. Several
 * inputs for one lot are appended in the order given. Returns how many events were written.
 */
export async function appendCustodyEvents(
  tx: DbTransaction,
  inputs: readonly CustodyAppend[],
): Promise<number> {
  if (inputs.length === 0) return 0;
  for (const input of inputs) {
    if (!isCustodyKind(input.kind)) throw new CustodyAppendError(`Not an event kind: "${input.kind}".`);
    if (input.corrects !== undefined && input.corrects !== null) {
      throw new CustodyAppendError("A correction is appended on its own (appendCustodyEvent).");
    }
  }
  const lotIds = [...new Set(inputs.map((input) => input.lotId))].sort();
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "Lot" WHERE "id" = ANY(${lotIds}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`;
  if (locked.length !== lotIds.length) throw new CustodyAppendError("Some of the lots do not exist.");
  const heads = await tx.$queryRaw<{ stream: string; sequence: number; hash: string }[]>`
    SELECT DISTINCT ON ("stream") "stream", "sequence", "hash" FROM "AuditEvent"
    WHERE "stream" = ANY(${lotIds.map(lotStream)}::text[])
    ORDER BY "stream", "sequence" DESC`;
  const head = new Map(
    heads.map((row) => [row.stream, { sequence: Number(row.sequence), hash: row.hash.trim() }]),
  );
  const rows = inputs.map((input) => {
    const stream = lotStream(input.lotId);
    const previous = head.get(stream);
    const data = JSON.parse(JSON.stringify(input.data ?? {})) as JsonValue;
    const fields = {
      sequence: (previous?.sequence ?? 0) + 1,
      kind: input.kind,
      occurredAt: new Date(Math.floor((input.at ?? new Date()).getTime())),
      lotId: input.lotId,
      actorUserId: input.actorUserId ?? null,
      organizationId: input.organizationId ?? null,
      data,
      corrects: null,
    };
    const prevHash = previous?.hash ?? null;
    const hash = hashEvent(prevHash, fields, sha256Hex);
    head.set(stream, { sequence: fields.sequence, hash });
    return { ...fields, stream, data: data as object, prevHash, hash };
  });
  const { count } = await tx.auditEvent.createMany({ data: rows });
  return count;
}

/** A stored event with who did it, for the lot page. */
export interface CustodyEventView extends CustodyEventRecord {
  actorName: string | null;
}

/**
 * The lot's events in sequence order (possibly none), in one query that returns one value: the
 * database builds the chain as one JSON object of columns (an array per field, in sequence order),
 * which is parsed once. Read as rows (one object per event, each column converted by the driver
 * and then by Prisma) a 10,000-event chain cost more than verifying it; as one value, columns
 * rather than an array per event, least of the shapes tried (tests/bench/custody-chain.bench.ts,
 * ADR 032). Times travel as epoch milliseconds, exact at the column's millisecond precision.
 */
export async function readCustodyChain(lotId: string, client: DbClient = db()): Promise<CustodyEventView[]> {
  if (!isUuid(lotId)) return [];
  const [row] = await client.$queryRaw<{ chain: string }[]>`
    SELECT json_build_object(
      'id', array_agg(e."id"), 'sequence', array_agg(e."sequence"), 'kind', array_agg(e."kind"),
      'at', array_agg((extract(epoch FROM e."occurredAt") * 1000)::bigint), 'lotId', array_agg(e."lotId"),
      'user', array_agg(e."actorUserId"), 'organization', array_agg(e."organizationId"),
      'data', array_agg(e."data"), 'corrects', array_agg(e."corrects"),
      'prevHash', array_agg(rtrim(e."prevHash")), 'hash', array_agg(rtrim(e."hash"))
    )::text AS "chain"
    FROM (SELECT * FROM "AuditEvent" WHERE "stream" = ${lotStream(lotId)} ORDER BY "sequence") e`;
  const chain = JSON.parse(row?.chain ?? "{}") as Partial<ChainColumns>;
  // No events: every aggregate is null.
  if (!chain.id) return [];
  const columns = chain as ChainColumns;
  // A chain has few distinct actors: their names in one query, not one join per event.
  const actorIds = [...new Set(columns.user.filter((id): id is string => id !== null))];
  const actors =
    actorIds.length === 0
      ? []
      : await client.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  return columns.id.map((id, i) => {
    const actorUserId = columns.user[i] ?? null;
    return {
      id,
      sequence: columns.sequence[i] as number,
      kind: columns.kind[i] as string,
      occurredAt: new Date(columns.at[i] as number),
      lotId: columns.lotId[i] ?? "",
      actorUserId,
      organizationId: columns.organization[i] ?? null,
      data: columns.data[i] as JsonValue,
      corrects: columns.corrects[i] ?? null,
      prevHash: columns.prevHash[i] ?? null,
      hash: columns.hash[i] as string,
      actorName: actorUserId ? (names.get(actorUserId) ?? null) : null,
    };
  });
}

/** The chain as readCustodyChain's query writes it: one array per field, in sequence order. */
interface ChainColumns {
  id: string[];
  sequence: number[];
  kind: string[];
  at: number[];
  lotId: (string | null)[];
  user: (string | null)[];
  organization: (string | null)[];
  data: JsonValue[];
  corrects: (number | null)[];
  prevHash: (string | null)[];
  hash: string[];
}

export type ChainReport = ChainVerdict & { events: CustodyEventView[]; head: ChainHeadRow | null };

/** Reads and verifies the lot's chain, naming the first broken sequence when one was changed. */
export async function verifyChain(lotId: string, client: DbClient = db()): Promise<ChainReport> {
  const events = await readCustodyChain(lotId, client);
  const verdict = verifyEvents(events, sha256Hex, { lotId });
  const last = events.at(-1);
  return { ...verdict, events, head: last ? { sequence: last.sequence, hash: last.hash } : null };
}

export interface ChainHeadRow {
  sequence: number;
  hash: string;
}

/** The lot's last event (its sequence and hash), or null before its first. */
export async function chainHead(lotId: string, client: DbClient = db()): Promise<ChainHeadRow | null> {
  if (!isUuid(lotId)) return null;
  const head = await client.auditEvent.findFirst({
    where: { stream: lotStream(lotId) },
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  return head ? { sequence: head.sequence, hash: head.hash.trim() } : null;
}
