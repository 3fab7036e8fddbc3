import { db } from "~/utils/db.server.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// lastSeenAt is bookkeeping for the "active sessions" list; refreshing it at most hourly keeps
// ordinary page views from writing on every request.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export async function createSession(input: {
  userId: string;
  organizationId: string | null;
  userAgent?: string | null;
  ipAddress?: string | null;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  return db().session.create({
    data: {
      userId: input.userId,
      activeOrganizationId: input.organizationId,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ipAddress: input.ipAddress ?? null,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      lastSeenAt: now,
    },
  });
}

/** The live session with its user, or null when unknown, expired or revoked. */
export async function findLiveSession(sessionId: string, now = new Date()) {
  const session = await db().session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session;
}

/**
 * Until when a live session stays live without being read again: its expiry, or its next touch of
 * lastSeenAt, whichever comes first (a session actor kept between writes, ADR 070).
 */
export function liveWithoutTouchUntil(session: { expiresAt: Date; lastSeenAt: Date }): number {
  return Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + TOUCH_INTERVAL_MS);
}

export async function revokeSession(sessionId: string, now = new Date()) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

export async function revokeAllSessionsOfUser(userId: string, now = new Date()) {
  await db().session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

export async function setActiveOrganization(sessionId: string, organizationId: string) {
  await db().session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
}
