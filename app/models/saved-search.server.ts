import { type Failure, fail } from "~/domain/failure.ts";
import { lotFiltersToParams, parseLotFilters } from "~/domain/lot-filters.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { db } from "~/utils/db.server.ts";

/**
 * Saved lot searches: a member keeps the /lots filters under a name, lists and deletes them. Who
 * hears of a newly published lot that matches one is new-lot-notices.server.ts.
 */

export const SAVED_SEARCH_NAME_MAX = 100;
/** Enough for every mix of chemistry and region a trader follows; stops unbounded growth. */
export const SAVED_SEARCHES_PER_USER = 50;

export type SavedSearchResult = { ok: true; id: string } | Failure<"VALIDATION" | "TOO_MANY_SAVED_SEARCHES">;

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
    return fail("VALIDATION", "The search was not saved.", { errors });
  }
  const query = lotFiltersToParams({ ...parsed.filters, sort: "newest" }).toString();
  const existing = await db().savedSearch.count({ where: { userId: caller.userId } });
  if (existing >= SAVED_SEARCHES_PER_USER) {
    return fail(
      "TOO_MANY_SAVED_SEARCHES",
      `You already have ${SAVED_SEARCHES_PER_USER} saved searches; delete one first.`,
    );
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
