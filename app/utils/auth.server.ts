import { redirect } from "@remix-run/node";
import type { Capability } from "~/domain/codes.ts";
import { findMembershipsOfUser } from "~/models/organization.server.ts";
import { getLiveSession } from "./session.server.ts";

/**
 * Guards used by every loader and action. Each loader authorises for itself: Remix runs a page's
 * loaders in parallel, so a parent layout cannot guard its children.
 */

export async function getUser(request: Request) {
  const session = await getLiveSession(request);
  return session ? { user: session.user, session } : null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname.replace(/\.data$/, "")}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(request: Request) {
  const found = await getUser(request);
  if (!found) throw loginRedirect(request);
  return found;
}

export async function requireMembership(request: Request) {
  const { user, session } = await requireUser(request);
  const memberships = await findMembershipsOfUser(user.id);
  const membership =
    memberships.find((m) => m.organizationId === session.activeOrganizationId) ?? memberships[0];
  if (!membership) {
    throw new Response("You are not a member of any organisation yet.", { status: 403 });
  }
  return { user, session, membership, organization: membership.organization, memberships };
}

export async function requireCapability(request: Request, capability: Capability) {
  const context = await requireMembership(request);
  if (!context.organization.capabilities.includes(capability)) {
    throw new Response(`Your organisation does not have the ${capability} capability needed for this page.`, {
      status: 403,
    });
  }
  return context;
}

export async function requireOrganizationOwner(request: Request) {
  const context = await requireMembership(request);
  if (context.membership.role !== "owner") {
    throw new Response("Only an owner of the organisation can do this.", { status: 403 });
  }
  return context;
}

export async function requirePlatformAdmin(request: Request) {
  const found = await requireUser(request);
  if (!found.user.isPlatformAdmin) {
    throw new Response("This page is for platform administrators.", { status: 403 });
  }
  return found;
}
