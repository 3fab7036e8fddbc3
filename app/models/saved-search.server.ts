import { lotFiltersToParams, parseLotFilters } from "~/domain/lot-filters.ts";
import { lotMatchesFilters, type MatchableLot } from "~/domain/saved-search-match.ts";
import { type DbClient, db } from "~/utils/db.server.ts";
import { isUuid, lotNumberLabel } from "./lot-json.server.ts";
import { notifyUsers } from "./notification.server.ts";

/**
 * Saved lot searches and "a new lot matches": when a lot is published, the owners of saved
 * searches it matches and the recyclers with a facility that can take it are told, in the
 * publishing transaction.
 */

export const SAVED_SEARCH_NAME_MAX = 100;
/** Enough for every mix of chemistry and region a trader follows; stops unbounded growth. */
export const SAVED_SEARCHES_PER_USER = 50;

export type SavedSearchResult =
  | { ok: true; id: string }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; errors?: Record<string, string> };

/**
 * Saves the /lots filters of `rawQuery` (a query string, "?" optional) under a name. The query is
 * stored normalised: parsed by the same parser as the page, with sort, paging and the view left
 * out, so the stored search means exactly what the page showed.
 */
export async function createSavedSearch(
  caller: { userId: string; organizationId: string },
  rawName: unknown,
  rawQuery: unknown,
): Promise<SavedSearchResult> {
  const errors: Record<string, string> = {};
  const name = typeof rawName === "string" ? rawName.trim().replace(/\s+/g, " ") : "";
  if (name === "") errors.name = "Name must not be empty.";
  else if (name.length > SAVED_SEARCH_NAME_MAX)
    errors.name = `Name must be at most ${SAVED_SEARCH_NAME_MAX} characters.`;
  const queryString = typeof rawQuery === "string" ? rawQuery.trim().replace(/^\?/, "") : "";
  const parsed = parseLotFilters(new URLSearchParams(queryString));
  if (!parsed.ok) {
    errors.query = `The search filters are not valid: ${Object.values(parsed.errors).join(" ")}`;
  }
  if (Object.keys(errors).length > 0 || !parsed.ok) {
    return { ok: false, status: 400, message: "The search was not saved.", errors };
  }
  const query = lotFiltersToParams({ ...parsed.filters, sort: "newest" }).toString();
  const existing = await db().savedSearch.count({ where: { userId: caller.userId } });
  if (existing >= SAVED_SEARCHES_PER_USER) {
    return {
      ok: false,
      status: 409,
      message: `You already have ${SAVED_SEARCHES_PER_USER} saved searches; delete one first.`,
    };
  }
  const row = await db().savedSearch.create({
    data: { userId: caller.userId, organizationId: caller.organizationId, name, query },
  });
  return { ok: true, id: row.id };
}

export async function listSavedSearches(userId: string) {
  const rows = await db().savedSearch.findMany({
    where: { userId, facilityId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, query: true, lastNotifiedAt: true, createdAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    query: row.query,
    lastNotifiedAt: row.lastNotifiedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Deletes one of the user's own saved searches; false when there is no such search of theirs. */
export async function deleteSavedSearch(userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const { count } = await db().savedSearch.deleteMany({ where: { id, userId } });
  return count > 0;
}

type PublishedLot = MatchableLot & { id: string; organizationId: string };

/**
 * Tells everyone a newly published lot is for (kind lot_matches), inside the publishing
 * transaction: owners of saved searches the lot matches, and every member of an organisation with
 * an active facility that accepts the lot's chemistry, form and condition (once per person, however
 * many facilities or searches match). The seller's own organisation is never told.
 */
export async function notifyNewLotMatches(tx: DbClient, lot: PublishedLot, now = new Date()) {
  const reference = `${lotNumberLabel(lot.number)} ${lot.title}`;
  const link = `/lots/${lot.id}`;
  const sellers = await tx.membership.findMany({
    where: { organizationId: lot.organizationId },
    select: { userId: true },
  });
  const told = new Set(sellers.map((m) => m.userId));

  // Saved searches: each is a small query string; the matcher decides in memory.
  const searches = await tx.savedSearch.findMany({
    where: { organizationId: { not: lot.organizationId }, facilityId: null },
    select: { id: true, userId: true, name: true, query: true },
  });
  const byUser = new Map<string, { ids: string[]; names: string[] }>();
  for (const search of searches) {
    const parsed = parseLotFilters(new URLSearchParams(search.query));
    if (!parsed.ok || !lotMatchesFilters(parsed.filters, lot)) continue;
    const entry = byUser.get(search.userId) ?? { ids: [], names: [] };
    entry.ids.push(search.id);
    entry.names.push(search.name);
    byUser.set(search.userId, entry);
  }
  let notices = 0;
  for (const [userId, entry] of byUser) {
    if (told.has(userId)) continue;
    told.add(userId);
    const names = entry.names.map((n) => `"${n}"`).join(", ");
    notices += await notifyUsers(tx, [userId], {
      kind: "lot_matches",
      title: `New lot matches your saved search: ${reference}`,
      body: `It matches ${names}.`,
      link,
      lotId: lot.id,
    });
  }
  const matchedSearchIds = [...byUser.values()].flatMap((e) => e.ids);
  if (matchedSearchIds.length > 0) {
    await tx.savedSearch.updateMany({
      where: { id: { in: matchedSearchIds } },
      data: { lastNotifiedAt: now },
    });
  }

  // Recyclers: a facility implicitly searches for what it accepts — facilityAcceptsLot in the
  // domain, written here as SQL so only accepting facilities are read. Scalar parameters with
  // = ANY(column): the PGlite adapter does not send JavaScript arrays as arrays.
  const facilities = await tx.$queryRaw<{ name: string; organizationId: string }[]>`
    SELECT "name", "organizationId"::text AS "organizationId" FROM "Facility"
    WHERE "active"
      AND "organizationId" <> ${lot.organizationId}::uuid
      AND ${lot.chemistry}::"Chemistry" = ANY("acceptedChemistries")
      AND ${lot.form}::"LotForm" = ANY("acceptedForms")
      AND ${lot.condition}::"BatteryCondition" = ANY("acceptedConditions")
    ORDER BY "name"`;
  const facilityByOrg = new Map<string, string>();
  for (const facility of facilities) {
    if (!facilityByOrg.has(facility.organizationId))
      facilityByOrg.set(facility.organizationId, facility.name);
  }
  for (const [organizationId, facilityName] of facilityByOrg) {
    const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true } });
    const recipients = members.map((m) => m.userId).filter((id) => !told.has(id));
    for (const id of recipients) told.add(id);
    notices += await notifyUsers(tx, recipients, {
      kind: "lot_matches",
      title: `New lot your facility can take: ${reference}`,
      body: `${facilityName} accepts this chemistry, form and condition.`,
      link,
      lotId: lot.id,
      organizationId,
    });
  }
  return notices;
}
