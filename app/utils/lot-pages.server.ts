import type { LotFailure } from "~/models/lot.server.ts";
import { listLotQuestions } from "~/models/lot-question.server.ts";
import { isWatching } from "~/models/lot-watch.server.ts";
import { findMembershipsOfUser } from "~/models/organization.server.ts";
import { getUser } from "./auth.server.ts";

/**
 * What the lot pages need to know about whoever is looking. Lot pages are public for published
 * lots, so unlike require* this returns null for visitors instead of redirecting.
 */
export async function getLotViewer(request: Request) {
  const found = await getUser(request);
  if (!found) return null;
  const memberships = await findMembershipsOfUser(found.user.id);
  const membership =
    memberships.find((m) => m.organizationId === found.session.activeOrganizationId) ?? memberships[0];
  return {
    userId: found.user.id,
    organizationId: membership?.organizationId ?? null,
    capabilities: membership?.organization.capabilities ?? [],
  };
}

/** HTTP status for a failed lot operation, shared by the pages and the API. */
export function lotFailureStatus(failure: LotFailure): number {
  switch (failure.reason) {
    case "not_found":
      return 404;
    case "forbidden":
      return 403;
    case "not_editable":
    case "conflict":
      return 409;
    case "invalid":
      return 400;
  }
}

/** Throws the failure as a page error (the root ErrorBoundary shows the message). */
export function throwLotFailure(failure: LotFailure): never {
  throw new Response(failure.message, { status: lotFailureStatus(failure) });
}

/**
 * The lot page's watch button and questions for this viewer: whether they watch the lot, which
 * questions they may see, and whether they may ask (logged in, another organisation, lot open).
 */
export async function lotEngagement(
  viewer: Awaited<ReturnType<typeof getLotViewer>>,
  lot: { id: string; organizationId: string; status: string },
) {
  const isSeller = viewer !== null && viewer.organizationId === lot.organizationId;
  const [watching, questions] = await Promise.all([
    viewer && !isSeller ? isWatching(viewer.userId, lot.id) : Promise.resolve(false),
    listLotQuestions(lot, viewer),
  ]);
  return {
    canWatch: viewer !== null && !isSeller,
    watching,
    questions,
    canAsk: viewer !== null && viewer.organizationId !== null && !isSeller && lot.status === "open",
    isSeller,
  };
}
