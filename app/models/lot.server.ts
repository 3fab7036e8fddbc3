import { documentsData, lotTermsData } from "~/domain/custody/lot-terms.ts";
import { economyByCode } from "~/domain/economies.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { LotInput } from "~/domain/lot-input.ts";
import { validateLotInput } from "~/domain/lot-input.ts";
import { isUuid, type LotRecord, lotInputFromRow, toLotJson as lotJson } from "~/domain/lot-json.ts";
import { canEdit, canPublish, canWithdraw, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Lot, Prisma } from "~/generated.server/prisma/client.ts";
import { englishDerivedWording } from "~/i18n/lot-wording.server.ts";
import { db } from "~/utils/db.server.ts";
import { publishLotEvent } from "./bidding/lot-events.server.ts";
import { appendCustodyEvent } from "./custody/custody-chain.server.ts";
import { notifyNewLotMatches } from "./new-lot-notices.server.ts";
import { notifyOrganization } from "./notification.server.ts";

export { type LotJson, lotNumberLabel } from "~/domain/lot-json.ts";

/**
 * The API v1 representation of a lot (domain/lot-json.ts), its derived values' sentences in the
 * English the API has always written (the English catalogue, ADR 066).
 */
export function toLotJson(
  lot: LotRecord,
  options: Omit<Parameters<typeof lotJson>[1], "wording"> = {},
): ReturnType<typeof lotJson> {
  return lotJson(lot, { ...options, wording: englishDerivedWording() });
}

/**
 * The lot aggregate: listing, editing, publishing and withdrawing. Every write is scoped to the
 * caller's organisation and is a conditional update on the row's `version` (and status), so two
 * concurrent edits, or an edit racing a first bid, cannot both win. Each change appends its event
 * to the lot's chain of custody in the same transaction (ADR 021).
 */

export interface LotCaller {
  organizationId: string;
  userId: string | null;
}

/** A refused lot change: the one failure shape (ADR 018); the HTTP status comes from its code. */
export type LotFailure = Failure<"NOT_FOUND" | "FORBIDDEN" | "LOT_NOT_EDITABLE" | "CONFLICT" | "VALIDATION">;

export type LotResult = { ok: true; lot: Lot } | LotFailure;

/** States only the lot's own organisation may see. */
export const PRIVATE_STATUSES: readonly LotStatus[] = ["draft", "withdrawn"];

const NOT_FOUND: LotFailure = fail("NOT_FOUND", "No such lot.");
const FORBIDDEN: LotFailure = fail("FORBIDDEN", "Only the organisation that listed this lot can change it.");

function dateOnly(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function bigintOrNull(amount: number | null): bigint | null {
  return amount === null ? null : BigInt(amount);
}

/**
 * The columns a LotInput fills, for `create` and `createMany` (bulk import adds organizationId,
 * createdById and status). Energy is stored in whole Wh.
 */
export function lotDataFromInput(input: LotInput) {
  return {
    title: input.title,
    chemistry: input.chemistry,
    form: input.form,
    condition: input.condition,
    count: input.count,
    massKg: input.massKg,
    energyWh: input.energyKwh === null ? null : Math.round(input.energyKwh * 1000),
    stateOfHealthPct: input.stateOfHealthPct,
    originVehicle: input.originVehicle,
    originOem: input.originOem,
    lat: input.lat,
    lng: input.lng,
    locationLabel: input.locationLabel,
    economyCode: input.economy,
    availableFrom: dateOnly(input.availableFrom),
    saleMode: input.saleMode,
    currency: input.currency,
    startingPriceMinor: bigintOrNull(input.startingPrice),
    reservePriceMinor: bigintOrNull(input.reservePrice),
    askingPriceMinor: bigintOrNull(input.askingPrice),
    closesAt: input.closesAt === null ? null : new Date(input.closesAt),
    description: input.description,
  } satisfies Omit<Prisma.LotUncheckedCreateInput, "organizationId">;
}

/** A stored file to record as one of the lot's documents (see lot-document.server.ts). */
export interface LotDocumentRow {
  kind: "un38_3_summary" | "safety_data_sheet" | "soh_report" | "photo" | "other";
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  sha256: string;
}

/**
 * Creates a lot for the caller's organisation; `input` must have been validated in the matching
 * mode. Documents are inserted in the same statement, so a lot never exists with half its files.
 */
export async function createLot(
  caller: LotCaller,
  input: LotInput,
  options: { publish: boolean; now?: Date; documents?: readonly LotDocumentRow[] },
): Promise<Lot> {
  const now = options.now ?? new Date();
  const data = lotDataFromInput(input);
  const documents = options.documents ?? [];
  // Publishing at once tells matching saved searches and facilities in the same transaction.
  return db().$transaction(async (tx) => {
    const lot = await tx.lot.create({
      data: {
        ...data,
        organizationId: caller.organizationId,
        createdById: caller.userId,
        status: options.publish ? "open" : "draft",
        publishedAt: options.publish ? now : null,
        originalClosesAt: options.publish ? data.closesAt : null,
        ...(documents.length > 0
          ? { documents: { create: documents.map((doc) => ({ ...doc, uploadedById: caller.userId })) } }
          : {}),
      },
    });
    const actor = {
      lotId: lot.id,
      actorUserId: caller.userId,
      organizationId: caller.organizationId,
      at: now,
    };
    await appendCustodyEvent(tx, { ...actor, kind: "lot_listed", data: lotTermsData(lot) });
    if (documents.length > 0) {
      await appendCustodyEvent(tx, { ...actor, kind: "documents_added", data: documentsData(documents) });
    }
    if (options.publish) {
      await appendCustodyEvent(tx, {
        ...actor,
        kind: "lot_published",
        data: { closesAt: lot.closesAt?.toISOString() ?? null },
      });
      await notifyNewLotMatches(tx, lot, now);
    }
    return lot;
  });
}

/**
 * A lot as `viewerOrganizationId` may see it: drafts and withdrawn lots only by their own
 * organisation. Null when the id is malformed, unknown or not visible.
 */
export async function getLotForViewer(lotId: string, viewerOrganizationId: string | null) {
  if (!isUuid(lotId)) return null;
  const lot = await db().lot.findUnique({
    where: { id: lotId },
    include: {
      organization: { select: { id: true, name: true, verificationStatus: true } },
      documents: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!lot) return null;
  if (PRIVATE_STATUSES.includes(lot.status) && lot.organizationId !== viewerOrganizationId) return null;
  // The economy's name from the domain's list (the Economy table is seeded from it on every start),
  // not a query of its own on every lot page view (ADR 044).
  const economy = { code: lot.economyCode, name: economyByCode(lot.economyCode)?.name ?? lot.economyCode };
  return { ...lot, economy };
}

/** The caller's own lot, or why they cannot change it: 404 when they cannot even see it. */
export async function findOwnLot(
  caller: LotCaller,
  lotId: string,
): Promise<{ ok: true; lot: Lot } | LotFailure> {
  if (!isUuid(lotId)) return NOT_FOUND;
  const lot = await db().lot.findUnique({ where: { id: lotId } });
  if (!lot) return NOT_FOUND;
  if (lot.organizationId !== caller.organizationId) {
    return PRIVATE_STATUSES.includes(lot.status) ? NOT_FOUND : FORBIDDEN;
  }
  return { ok: true, lot };
}

/** Why a lot that failed a conditional update was not changed, read after the fact. */
async function explainConflict(lotId: string): Promise<LotFailure> {
  const current = await db().lot.findUnique({
    where: { id: lotId },
    select: { status: true, bidCount: true },
  });
  if (!current) return NOT_FOUND;
  const check = canEdit(current);
  if (!check.ok) return fail("LOT_NOT_EDITABLE", check.message);
  return fail(
    "CONFLICT",
    "Someone else changed this lot at the same time. Reload it and make your change again.",
  );
}

/**
 * Replaces the listing's terms. Only the owner, only while the lot is a draft or open without bids
 * (canEdit), and only if nobody changed it since `expectedVersion` (when given) or since it was read.
 */
export async function updateLot(
  caller: LotCaller,
  lotId: string,
  input: LotInput,
  options: { expectedVersion?: number } = {},
): Promise<LotResult> {
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return found;
  const check = canEdit(found.lot);
  if (!check.ok) return fail("LOT_NOT_EDITABLE", check.message);
  const version = options.expectedVersion ?? found.lot.version;
  const data = lotDataFromInput(input);
  const lot = await db().$transaction(async (tx) => {
    const { count } = await tx.lot.updateMany({
      where: {
        id: lotId,
        organizationId: caller.organizationId,
        version,
        bidCount: 0,
        status: { in: ["draft", "open"] },
      },
      data: {
        ...data,
        // An open lot's published close time moves with the seller's edit; anti-sniping extensions
        // start from here.
        originalClosesAt: found.lot.status === "open" ? data.closesAt : null,
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    const edited = await tx.lot.findUniqueOrThrow({ where: { id: lotId } });
    await appendCustodyEvent(tx, {
      lotId,
      kind: "lot_edited",
      data: lotTermsData(edited),
      actorUserId: caller.userId,
      organizationId: caller.organizationId,
    });
    return edited;
  });
  if (!lot) return explainConflict(lotId);
  return { ok: true, lot };
}

/** Publishes a draft once its stored terms pass the publishing rules (prices, a future close time). */
export async function publishLot(
  caller: LotCaller,
  lotId: string,
  options: { now?: Date } = {},
): Promise<LotResult> {
  const now = options.now ?? new Date();
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return found;
  const allowed = canPublish(found.lot);
  if (!allowed.ok) return fail("LOT_NOT_EDITABLE", allowed.message);
  const checked = validateLotInput(lotInputFromRow(found.lot), {
    today: now.toISOString().slice(0, 10),
    now,
    mode: "publish",
  });
  if (!checked.ok) {
    return fail("VALIDATION", "Complete the listing before publishing it.", { errors: checked.errors });
  }
  // The publish and its "new lot matches" notices commit together.
  const published = await db().$transaction(async (tx) => {
    const { count } = await tx.lot.updateMany({
      where: {
        id: lotId,
        organizationId: caller.organizationId,
        status: "draft",
        version: found.lot.version,
      },
      data: {
        status: "open",
        publishedAt: now,
        originalClosesAt: found.lot.closesAt,
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    const lot = await tx.lot.findUniqueOrThrow({ where: { id: lotId } });
    await appendCustodyEvent(tx, {
      lotId,
      kind: "lot_published",
      data: { closesAt: lot.closesAt?.toISOString() ?? null },
      actorUserId: caller.userId,
      organizationId: caller.organizationId,
      at: now,
    });
    await notifyNewLotMatches(tx, lot, now);
    return lot;
  });
  if (!published) return explainConflict(lotId);
  return { ok: true, lot: published };
}

/** Withdraws the caller's lot; allowed until it is awarded (lot-lifecycle.ts). */
/** Bids still in the running: withdrawing the lot cancels these. */
const LIVE_BID_STATUSES = ["active", "outbid"] as const;

/**
 * What withdrawing this lot would do, for the confirmation (issue 15 item 7): how many live bids
 * are cancelled, from how many bidders. Facts the page words in its language (ADR 066).
 */
export async function withdrawalConsequence(lotId: string): Promise<{ liveBids: number; bidders: number }> {
  const bids = isUuid(lotId)
    ? await db().bid.findMany({
        where: { lotId, status: { in: [...LIVE_BID_STATUSES] } },
        select: { organizationId: true },
      })
    : [];
  return { liveBids: bids.length, bidders: new Set(bids.map((b) => b.organizationId)).size };
}

export async function withdrawLot(caller: LotCaller, lotId: string): Promise<LotResult> {
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return found;
  const allowed = canWithdraw(found.lot);
  if (!allowed.ok) return fail("LOT_NOT_EDITABLE", allowed.message);
  const withdrawn = await db().$transaction(async (tx) => {
    const { count } = await tx.lot.updateMany({
      where: {
        id: lotId,
        organizationId: caller.organizationId,
        status: found.lot.status,
        version: found.lot.version,
      },
      data: { status: "withdrawn", version: { increment: 1 } },
    });
    if (count === 0) return null;
    await appendCustodyEvent(tx, {
      lotId,
      kind: "lot_withdrawn",
      data: { from: found.lot.status },
      actorUserId: caller.userId,
      organizationId: caller.organizationId,
    });
    // The live bids die with the sale (what the confirmation promised), and their bidders hear it.
    const cancelled = await tx.bid.findMany({
      where: { lotId, status: { in: [...LIVE_BID_STATUSES] } },
      select: { organizationId: true },
    });
    if (cancelled.length > 0) {
      await tx.bid.updateMany({
        where: { lotId, status: { in: [...LIVE_BID_STATUSES] } },
        data: { status: "withdrawn", decisionNote: "The seller withdrew the lot." },
      });
      const lot = await tx.lot.findUniqueOrThrow({
        where: { id: lotId },
        select: { number: true, title: true },
      });
      for (const organizationId of new Set(cancelled.map((b) => b.organizationId))) {
        await notifyOrganization(tx, organizationId, {
          kind: "lot_withdrawn",
          title: NOTIFICATION_TITLES.lot_withdrawn.bidder(lotTitleFacts(lot)),
          link: `/lots/${lotId}`,
          lotId,
        });
      }
    }
    await publishLotEvent(tx, { lotId, kind: "withdrawn" });
    return tx.lot.findUniqueOrThrow({ where: { id: lotId } });
  });
  if (!withdrawn) {
    return fail("CONFLICT", "The lot changed while you withdrew it. Reload it and try again.");
  }
  return { ok: true, lot: withdrawn };
}

/** The organisation's own lots, newest first, for "My lots". */
export async function listLotsOfOrganization(
  organizationId: string,
  options: { status?: LotStatus; limit?: number; offset?: number } = {},
) {
  const where = { organizationId, ...(options.status ? { status: options.status } : {}) };
  const [lots, total, counts] = await Promise.all([
    db().lot.findMany({
      where,
      // An import's lots share createdAt (one transaction): the number breaks ties, so pages never
      // repeat or skip a lot (newest number first).
      orderBy: [{ createdAt: "desc" }, { number: "desc" }],
      take: options.limit ?? 50,
      skip: options.offset ?? 0,
      include: { _count: { select: { documents: true } } },
    }),
    db().lot.count({ where }),
    db().lot.groupBy({ by: ["status"], where: { organizationId }, _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<
    Record<LotStatus, number>
  >;
  return { lots, total, byStatus };
}
