import { db } from "~/utils/db.server.ts";
import { getLiveSession } from "~/utils/session.server.ts";
import { unreadCount } from "./notification.server.ts";

/** What the page header needs to know about whoever is looking, or null for visitors. */
export async function getCurrentViewer(request: Request) {
  const session = await getLiveSession(request);
  if (!session) return null;
  // The bell's count: one count on the (userId, readAt) index, alongside the memberships.
  const [memberships, unreadNotifications] = await Promise.all([
    db().membership.findMany({
      where: { userId: session.userId },
      select: { organizationId: true, organization: { select: { name: true, capabilities: true } } },
      orderBy: { createdAt: "asc" },
    }),
    unreadCount(session.userId),
  ]);
  const active = memberships.find((m) => m.organizationId === session.activeOrganizationId) ?? memberships[0];
  return {
    name: session.user.name,
    email: session.user.email,
    isPlatformAdmin: session.user.isPlatformAdmin,
    organizationName: active?.organization.name ?? null,
    capabilities: active?.organization.capabilities ?? [],
    unreadNotifications,
  };
}
