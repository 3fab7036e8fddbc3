import { getActor } from "~/auth/actor.server.ts";
import { parseLotFilters } from "~/domain/lot-filters.ts";
import { searchingOrganization } from "~/models/lot-search.server.ts";
import { requestVersion } from "~/utils/data-version.server.ts";
import { getDatabase } from "~/utils/db.server.ts";
import type { HoleValues } from "~/utils/viewer-holes.server.ts";
import { rootData } from "./root-data.server.ts";

/**
 * Pages one render of which may be shown to many members (ADR 072): what each reads about its
 * viewer beyond the root's data, so that the page cache's key holds all of it. A page belongs here
 * only if its loader reads nothing else about who is looking; the test in
 * tests/integration/member-page-cache.test.ts compares a shared answer with the page rendered for
 * that member alone.
 */
type Organization = { id: string; capabilities: readonly string[] } | null;

const SHARED_PAGES: Record<string, (url: URL, organization: Organization) => unknown> = {
  // lots._index.tsx: the list (own drafts only when asked for), "List a lot", "Save this search".
  "/lots": (url, organization) => {
    const parsed = parseLotFilters(url.searchParams);
    return [
      organization !== null,
      organization?.capabilities ?? [],
      parsed.ok ? searchingOrganization(parsed.filters, organization?.id ?? null) : null,
    ];
  },
  // facilities._index.tsx: the same facilities for everyone; "Publish a facility" for recyclers.
  "/facilities": (_url, organization) => [organization?.capabilities ?? []],
};

export interface MemberPageView {
  /** Everything the page's loaders read about the member, with their name, email and organisation as holes. */
  key: string;
  /** What fills the holes for this member. */
  holes: HoleValues;
}

/**
 * A signed-in member's view of a page shared among members, or null (not such a page, not signed
 * in). Reads the root's data as the render will — session, bell, language, time zone, currency —
 * inside the request's memo, so the render does not read it again.
 */
export async function memberPageView(request: Request): Promise<MemberPageView | null> {
  const url = new URL(request.url);
  const page = SHARED_PAGES[url.pathname.replace(/\.data$/, "")];
  if (!page) return null;
  // The database's version before anything else is read, once for the request (the page cache
  // stores the render under it): on PostgreSQL the session and the bell are then kept under it
  // between writes (between-writes.server.ts), so a served page costs this one round trip. A
  // write of the member's own below (a session's hourly touch, a remembered time zone) moves the
  // version, and that render is not kept.
  await requestVersion(getDatabase().dataVersion);
  const actor = await getActor(request);
  if (!actor) return null;
  const root = await rootData(request, { holes: true });
  return {
    key: JSON.stringify([root, page(url, actor.organization)]),
    holes: {
      name: actor.user.name,
      email: actor.user.email,
      organizationName: actor.organization?.name ?? "",
    },
  };
}
