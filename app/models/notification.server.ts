import { LOT_EVENTS_CHANNEL, NOTIFICATION_EVENT_USERS, type NotificationEvent } from "~/domain/lot-events.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { hasNoticeMoment, localizeNotice } from "~/domain/notice-moments.ts";
import { isNotificationKind, type NotificationKind } from "~/domain/notification-titles.ts";
import { appUrl, queueEmail } from "~/services/email.server.ts";
import { type DbClient, db } from "~/utils/db.server.ts";

/**
 * In-app notifications (the bell) and their emails. Every notice is a Notification row per user,
 * written in the caller's transaction so a notice exists exactly when the thing it reports was
 * committed; the email goes through the outbox in the same transaction (see email.server.ts).
 */

export { NOTIFICATION_KINDS, type NotificationKind } from "~/domain/notification-titles.ts";

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

/**
 * Tells the open bells of `userIds` that their unread count changed. NOTIFY in a transaction is
 * delivered at its commit, so a bell never counts a notice that was rolled back.
 */
async function publishBellChange(tx: DbClient, userIds: readonly string[]) {
  for (let i = 0; i < userIds.length; i += NOTIFICATION_EVENT_USERS) {
    const event: NotificationEvent = {
      kind: "notification",
      userIds: userIds.slice(i, i + NOTIFICATION_EVENT_USERS),
    };
    await tx.$executeRaw`SELECT pg_notify(${LOT_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
  }
}

/** The unread count a bell shows, and when it was read (the stream's order). */
export async function bellState(userId: string) {
  const at = Date.now();
  return { unread: await unreadCount(userId), at };
}

/** Notifies each user once (duplicates in `userIds` are ignored). */
export async function notifyUsers(tx: DbClient, userIds: readonly string[], message: NotificationMessage) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  // Moments in the wording (noticeMoment) are written in each recipient's zone, named (ADR 040).
  const timed = hasNoticeMoment(message.title) || hasNoticeMoment(message.body);
  const sendEmail = message.email !== false;
  const users =
    timed || sendEmail
      ? await tx.user.findMany({
          where: { id: { in: unique } },
          select: { id: true, email: true, timeZone: true, emailOptOuts: true },
        })
      : [];
  const zoneOf = new Map(users.map((user) => [user.id, user.timeZone]));
  const copyFor = (zone: string | null | undefined): NotificationMessage =>
    timed
      ? {
          ...message,
          title: localizeNotice(message.title, zone),
          body: message.body === undefined ? undefined : localizeNotice(message.body, zone),
        }
      : message;
  await tx.notification.createMany({
    data: unique.map((userId) => {
      const copy = copyFor(zoneOf.get(userId));
      return {
        userId,
        organizationId: message.organizationId ?? null,
        kind: message.kind,
        title: copy.title,
        body: copy.body ?? null,
        link: message.link ?? null,
        lotId: message.lotId ?? null,
      };
    }),
  });
  await publishBellChange(tx, unique);
  if (sendEmail) {
    for (const user of users) {
      // The in-app notice above is always written; the email only for those who did not opt out of
      // this kind (settings/notifications).
      if (user.emailOptOuts.includes(message.kind)) continue;
      const copy = copyFor(user.timeZone);
      await queueEmail(
        { to: user.email, subject: copy.title, text: emailText(copy), kind: message.kind },
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

/** The kinds a person has asked not to be emailed about. */
export async function emailOptOutsOf(userId: string): Promise<NotificationKind[]> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { emailOptOuts: true } });
  return (user?.emailOptOuts ?? []).filter(isNotificationKind);
}

/** Replaces a person's email opt-outs with `kinds` (only known kinds are kept). */
export async function setEmailOptOuts(userId: string, kinds: readonly NotificationKind[]) {
  await db().user.update({
    where: { id: userId },
    data: { emailOptOuts: [...new Set(kinds)].filter(isNotificationKind) },
  });
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
  const { count } = await db().notification.updateMany({
    where: { id: notificationId, userId, readAt: null },
    data: { readAt: now },
  });
  if (count > 0) await publishBellChange(db(), [userId]);
  return { link: found.link };
}

export async function markAllNotificationsRead(userId: string, now = new Date()) {
  const { count } = await db().notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now },
  });
  if (count > 0) await publishBellChange(db(), [userId]);
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
