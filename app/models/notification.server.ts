import { isUuid } from "~/domain/lot-json.ts";
import { appUrl, queueEmail } from "~/services/email.server.ts";
import { type DbClient, db } from "~/utils/db.server.ts";

/**
 * In-app notifications (the bell) and their emails. Every notice is a Notification row per user,
 * written in the caller's transaction so a notice exists exactly when the thing it reports was
 * committed; the email goes through the outbox in the same transaction (see email.server.ts).
 */

export const NOTIFICATION_KINDS = [
  "outbid",
  "ending_soon",
  "won",
  "lost",
  "award_provisional",
  "award_confirmed",
  "award_lapsed",
  "award_declined",
  "lot_closed",
  "relisted",
  "purchase_requested",
  "purchase_accepted",
  "purchase_declined",
  "booking_requested",
  "booking_accepted",
  "booking_declined",
  "booking_cancelled",
  "lot_matches",
  "lot_withdrawn",
  "invited_to_bid",
  "question_asked",
  "question_answered",
  "deal_created",
  "deal_funded",
  "deal_lapsed",
  "deal_released",
  "deal_settled",
  "deal_cancelled",
  "deal_paid_out",
  "deal_refunded",
  "dispute_opened",
  "dispute_proposal",
  "dispute_agreed",
  "dispute_withdrawn",
  "dispute_escalated",
  "dispute_decided",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationMessage {
  kind: NotificationKind;
  title: string;
  body?: string;
  /** A path inside the app, e.g. /lots/<id>; emails turn it into a full URL (appUrl: APP_URL…). */
  link?: string;
  lotId?: string;
  organizationId?: string;
  /** Also queue an email (default true). */
  email?: boolean;
}

function emailText(message: NotificationMessage): string {
  const base = appUrl();
  const lines = [message.title, ""];
  if (message.body) lines.push(message.body, "");
  if (message.link) lines.push(`${base}${message.link}`);
  return lines.join("\n");
}

/** Notifies each user once (duplicates in `userIds` are ignored). */
export async function notifyUsers(tx: DbClient, userIds: readonly string[], message: NotificationMessage) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  await tx.notification.createMany({
    data: unique.map((userId) => ({
      userId,
      organizationId: message.organizationId ?? null,
      kind: message.kind,
      title: message.title,
      body: message.body ?? null,
      link: message.link ?? null,
      lotId: message.lotId ?? null,
    })),
  });
  if (message.email !== false) {
    const users = await tx.user.findMany({ where: { id: { in: unique } }, select: { email: true } });
    for (const user of users) {
      await queueEmail(
        { to: user.email, subject: message.title, text: emailText(message), kind: message.kind },
        tx,
      );
    }
  }
  return unique.length;
}

/** Every member of an organisation (the seller, a bidder, a recycler). */
export async function notifyOrganization(tx: DbClient, organizationId: string, message: NotificationMessage) {
  const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true } });
  return notifyUsers(
    tx,
    members.map((m) => m.userId),
    { ...message, organizationId },
  );
}

/** Everyone watching a lot, except `exceptUserIds` (e.g. the person whose action caused it). */
export async function notifyLotWatchers(
  tx: DbClient,
  lotId: string,
  message: NotificationMessage,
  exceptUserIds: readonly string[] = [],
) {
  const watches = await tx.lotWatch.findMany({ where: { lotId }, select: { userId: true } });
  const skip = new Set(exceptUserIds);
  return notifyUsers(
    tx,
    watches.map((w) => w.userId).filter((id) => !skip.has(id)),
    { ...message, lotId },
  );
}

export async function unreadCount(userId: string): Promise<number> {
  return db().notification.count({ where: { userId, readAt: null } });
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** One page of a user's notifications, newest first, with the total for the pager. */
export async function listNotifications(userId: string, page = 1, pageSize = NOTIFICATIONS_PAGE_SIZE) {
  const safePage = Number.isInteger(page) && page >= 1 ? page : 1;
  const [items, total, unread] = await Promise.all([
    db().notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (safePage - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    db().notification.count({ where: { userId } }),
    unreadCount(userId),
  ]);
  return { items, total, unread, page: safePage, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * Marks one of the user's notifications read and returns where it points (null when it is not
 * theirs or has no link). Scoped by userId so nobody can read or mark another user's notices.
 */
export async function openNotification(userId: string, notificationId: string, now = new Date()) {
  if (!isUuid(notificationId)) return null;
  const found = await db().notification.findFirst({
    where: { id: notificationId, userId },
    select: { link: true },
  });
  if (!found) return null;
  await db().notification.updateMany({
    where: { id: notificationId, userId, readAt: null },
    data: { readAt: now },
  });
  return { link: found.link };
}

export async function markAllNotificationsRead(userId: string, now = new Date()) {
  const { count } = await db().notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}

/**
 * Like notifyOrganization, but a member who still has an unread notice of the same kind about the
 * same lot gets that notice refreshed (new body, new time) instead of another one and another
 * email. In a hot auction an organisation can be outbid many times a minute: one live notice per
 * lot is what a person wants, and it keeps the bid path to one UPDATE when nothing is new.
 */
export async function notifyOrganizationOncePerLot(
  tx: DbClient,
  organizationId: string,
  message: NotificationMessage & { lotId: string },
) {
  const refreshed = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "Notification" SET body = ${message.body ?? null}, title = ${message.title}, "createdAt" = now()
    WHERE kind = ${message.kind} AND "lotId" = ${message.lotId}::uuid AND "readAt" IS NULL
      AND "userId" IN (SELECT "userId" FROM "Membership" WHERE "organizationId" = ${organizationId}::uuid)
    RETURNING "userId"`;
  const done = new Set(refreshed.map((r) => r.userId));
  const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true } });
  const fresh = members.map((m) => m.userId).filter((id) => !done.has(id));
  return refreshed.length + (await notifyUsers(tx, fresh, { ...message, organizationId }));
}
