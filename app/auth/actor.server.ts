import { redirect } from "@remix-run/node";
import { problem } from "~/api/http.server.ts";
import type { Capability } from "~/domain/codes.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { authenticateApiToken } from "~/models/api-token.server.ts";
import { findMembershipsOfUser } from "~/models/organization.server.ts";
import { findLiveSession, liveWithoutTouchUntil } from "~/models/session.server.ts";
import { betweenWrites } from "~/utils/between-writes.server.ts";
import { requestMemo } from "~/utils/request-memo.server.ts";
import { requestFacts, securityLog } from "~/utils/security-log.server.ts";
import { readSessionId } from "~/utils/session.server.ts";

/**
 * Who is acting: the one place that turns a request into a person, the organisation they act for
 * and what it may do — for pages, the JSON API (session cookie or bearer token) and live streams
 * alike. Models never see the Request: routes resolve the actor here and pass ids and plain values.
 *
 * The active organisation is the session's chosen one, else the first the user joined. Each loader
 * and action resolves for itself: Remix runs a page's loaders in parallel, so a parent layout
 * cannot guard its children. The loaders of one GET share one resolution (request-memo.server.ts).
 */

type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;
export type Membership = Awaited<ReturnType<typeof findMembershipsOfUser>>[number];

/** The organisation an API token acts for. */
export interface TokenOrganization {
  id: string;
  name: string;
  capabilities: Capability[];
}

interface ActorFacts {
  /** The active organisation's id, or null for a user who belongs to none. */
  organizationId: string | null;
  /** The active organisation's capabilities ([] without one). */
  capabilities: readonly Capability[];
  isPlatformAdmin: boolean;
}

export interface SessionActor extends ActorFacts {
  via: "session";
  userId: string;
  user: LiveSession["user"];
  session: LiveSession;
  memberships: Membership[];
  membership: Membership | null;
  organization: Membership["organization"] | null;
}

export interface TokenActor extends ActorFacts {
  via: "token";
  /** Who created the token (null once that user is gone): bids and lots record it as the author. */
  userId: string | null;
  user: null;
  session: null;
  memberships: [];
  membership: null;
  organization: TokenOrganization;
}

export type Actor = SessionActor | TokenActor;
/** A session actor acting for an organisation. */
export type SessionMember = SessionActor & {
  membership: Membership;
  organization: Membership["organization"];
};

export interface Need {
  /** Acting for an organisation (implied by capability and role). */
  organization?: boolean;
  capability?: Capability;
  role?: "owner";
  /** A platform administrator. */
  admin?: boolean;
}

export type Refusal = { status: 401 | 403; code: string; message: string };

function sessionActor(session: LiveSession, memberships: Membership[]): SessionActor {
  const membership =
    memberships.find((m) => m.organizationId === session.activeOrganizationId) ?? memberships[0] ?? null;
  return {
    via: "session",
    userId: session.user.id,
    user: session.user,
    session,
    memberships,
    membership,
    organization: membership?.organization ?? null,
    organizationId: membership?.organizationId ?? null,
    capabilities: membership?.organization.capabilities ?? [],
    isPlatformAdmin: session.user.isPlatformAdmin,
  };
}

/**
 * The actor behind a request, or null for a visitor. With `tokens`, an `Authorization: Bearer`
 * header is read instead of the session cookie (the API); a header that is not a live token is a
 * visitor, never a fall-back to the cookie.
 */
export async function getActor(request: Request): Promise<SessionActor | null>;
export async function getActor(request: Request, options: { tokens: boolean }): Promise<Actor | null>;
export async function getActor(request: Request, options: { tokens?: boolean } = {}): Promise<Actor | null> {
  // The root loader and the page's loader of one page request both ask: resolved once (ADR 053).
  const key = `actor ${options.tokens ? (request.headers.get("Authorization") ?? "") : ""}\n${request.headers.get("Cookie") ?? ""}`;
  return requestMemo(key, () => resolveActor(request, options));
}

async function resolveActor(request: Request, options: { tokens?: boolean }): Promise<Actor | null> {
  const authorization = options.tokens ? request.headers.get("Authorization") : null;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const record = match ? await authenticateApiToken(match[1]) : null;
    if (!record) return null;
    return {
      via: "token",
      userId: record.createdById,
      user: null,
      session: null,
      memberships: [],
      membership: null,
      organization: record.organization,
      organizationId: record.organization.id,
      capabilities: record.organization.capabilities,
      isPlatformAdmin: false,
    };
  }
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  return sessionActors.get(sessionId, async () => {
    const session = await findLiveSession(sessionId);
    return session ? sessionActor(session, await findMembershipsOfUser(session.user.id)) : null;
  });
}

// A session's actor takes five queries (session, user, memberships, organisations, economies) on
// every signed-in request; on the embedded database it is kept while nothing is written (a
// revocation, a new membership, a renamed organisation are writes) and until the session expires or
// is due its hourly touch (ADR 070).
const sessionActors = betweenWrites<SessionActor>({
  until: (actor) => liveWithoutTouchUntil(actor.session),
  maxEntries: 10_000,
});

/**
 * Until a user opens the link emailed at sign-up, the account may set up its organisation and save
 * drafts but not publish lots or bid (README, business limits; ADR 038). Token actors pass: a
 * token is made by a user whose address is verified (settings.api-tokens.tsx).
 */
export function emailVerificationRefusal(actor: Actor): Failure<"EMAIL_NOT_VERIFIED"> | null {
  if (actor.via === "token" || actor.user.emailVerifiedAt) return null;
  return fail(
    "EMAIL_NOT_VERIFIED",
    "Confirm your email address first: open the link we emailed you, or ask for a new one at /verify-email.",
  );
}

/** Why an actor may not go on, or null when it meets the need. Pure: the same rule for every surface. */
export function refusalFor(actor: Actor | null, need: Need = {}): Refusal | null {
  if (!actor) return { status: 401, code: "UNAUTHENTICATED", message: "Authentication required." };
  if (need.admin && !actor.isPlatformAdmin)
    return { status: 403, code: "FORBIDDEN", message: "This page is for platform administrators." };
  const needsOrganization = need.organization || need.capability !== undefined || need.role !== undefined;
  if (needsOrganization && !actor.organizationId)
    return { status: 403, code: "NO_ORGANIZATION", message: "You are not a member of any organisation yet." };
  if (need.capability && !actor.capabilities.includes(need.capability))
    return {
      status: 403,
      code: "CAPABILITY_REQUIRED",
      message: `Your organisation does not have the ${need.capability} capability needed for this page.`,
    };
  if (need.role === "owner" && actor.via === "session" && actor.membership?.role !== "owner")
    return { status: 403, code: "OWNER_REQUIRED", message: "Only an owner of the organisation can do this." };
  return null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname.replace(/\.data$/, "")}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * A page's actor (session cookie only): a visitor is sent to log in and back, anyone else who
 * does not meet the need gets a 403 page saying why.
 */
export async function requireActor(
  request: Request,
  need: Need & ({ organization: true } | { capability: Capability } | { role: "owner" }),
): Promise<SessionMember>;
export async function requireActor(request: Request, need?: Need): Promise<SessionActor>;
export async function requireActor(request: Request, need: Need = {}): Promise<SessionActor> {
  const actor = await getActor(request);
  const refusal = refusalFor(actor, need);
  if (refusal) logRefusal(request, actor, refusal);
  if (refusal?.status === 401) throw loginRedirect(request);
  if (refusal) throw new Response(refusal.message, { status: refusal.status });
  // An administrator's write, logged before it runs (a GET only reads).
  if (need.admin && request.method !== "GET" && request.method !== "HEAD") {
    const { resource, ip } = requestFacts(request);
    securityLog({ event: "admin_action", actor: { userId: actor?.userId, ip }, resource });
  }
  return actor as SessionActor;
}

function logRefusal(request: Request, actor: Actor | null, refusal: Refusal) {
  const { resource, ip } = requestFacts(request);
  securityLog({
    event: "authorization_refused",
    actor: { userId: actor?.userId, organizationId: actor?.organizationId, ip },
    resource,
    reason: refusal.code,
    status: refusal.status,
  });
}

/** An API actor that acts for an organisation; an API request without one is unauthenticated. */
export type ApiActor = (TokenActor | SessionMember) & { organization: TokenOrganization };

/** The API's actor (bearer token or session), or null: a session without an organisation counts as none. */
export async function getApiActor(request: Request): Promise<ApiActor | null> {
  const actor = await getActor(request, { tokens: true });
  return actor?.organizationId ? (actor as ApiActor) : null;
}

/** The API's actor, with refusals as problem+json (401 with WWW-Authenticate, 403 with the code). */
export async function requireApiActor(
  request: Request,
  // role "owner": a session member who is not an owner is refused (OWNER_REQUIRED); a token passes,
  // as on pages, since only owners create tokens.
  need: Pick<Need, "capability" | "role"> = {},
): Promise<ApiActor> {
  const actor = await getApiActor(request);
  const refusal = refusalFor(actor, { organization: true, ...need });
  if (refusal) logRefusal(request, actor, refusal);
  if (refusal?.status === 401) {
    throw problem(401, refusal.message, {
      code: refusal.code,
      detail: "Send an organisation API token as `Authorization: Bearer <token>`, or a session cookie.",
      headers: { "WWW-Authenticate": 'Bearer realm="packloop"' },
    });
  }
  if (refusal?.code === "CAPABILITY_REQUIRED")
    throw problem(403, `The ${need.capability} capability is required.`, { code: refusal.code });
  if (refusal) throw problem(refusal.status, refusal.message, { code: refusal.code });
  return actor as ApiActor;
}
