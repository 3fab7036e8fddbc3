import { LOT_EVENTS_CHANNEL, NOTIFICATION_EVENT_USERS, type NotificationEvent } from "~/domain/lot-events.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { hasNoticeMoment, localizeNotice } from "~/domain/notice-moments.ts";
import type { NoticeBody } from "~/domain/notice-text.ts";
import { isNotificationKind, type NoticeTitle, type NotificationKind } from "~/domain/notification-titles.ts";
import { timeZoneOr } from "~/domain/time-zone.ts";
import { formatDateIn } from "~/i18n/format.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { DEFAULT_LANGUAGE, isLanguageCode, LANGUAGE_CODES, type LanguageCode } from "~/i18n/languages.ts";
import { noticeBodyIn, noticeTitleIn } from "~/i18n/notice-title.ts";
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
  /** A catalogue title (NOTIFICATION_TITLES), worded in each recipient's language, or fixed text. */
  title: string | NoticeTitle;
  /** Catalogue lines (`notices.*`, domain/notice-text.ts) worded per recipient, or fixed text. */
  body?: NoticeBody;
  /** A path inside the app, e.g. /lots/<id>; emails turn it into a full URL (appUrl: APP_URL…). */
  link?: string;
  lotId?: string;
  organizationId?: string;
  /** Also queue an email (default true). */
  email?: boolean;
}

/** One recipient's copy: the title in their language, moments in their zone. */
interface NoticeCopy {
  title: string;
  body?: string;
  link?: string;
  language: LanguageCode;
}

/**
 * The email of a notice in its recipient's language: the title, the body, the link, and where to
 * change which notices are emailed. The body is the notice's body as the recipient reads it in the
 * bell (`notices.*` lines in their language, moments in their zone).
 */
function emailText(copy: NoticeCopy): string {
  const base = appUrl();
  const t = translatorFor(copy.language);
  const lines = [copy.title, ""];
  if (copy.body) lines.push(copy.body, "");
  if (copy.link) lines.push(t("notifications.email.open"), `${base}${copy.link}`, "");
  lines.push(t("notifications.email.settings", { url: `${base}/settings/notifications` }));
  return lines.join("\n");
}

function languageOf(saved: string | null | undefined): LanguageCode {
  return isLanguageCode(saved) ? saved : DEFAULT_LANGUAGE;
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
  // Each recipient reads the title in their saved language (User.language, else English; issue
  // 14) and the moments in the wording (noticeMoment) in their zone, named (ADR 040).
  const worded = typeof message.title !== "string";
  const titleText =
    typeof message.title === "string"
      ? message.title
      : Object.values(message.title.values)
          .filter((value) => typeof value !== "object")
          .join(" ");
  const englishBody = noticeBodyIn(message.body, DEFAULT_LANGUAGE);
  const timed = hasNoticeMoment(titleText) || hasNoticeMoment(englishBody);
  const sendEmail = message.email !== false;
  const users =
    timed || sendEmail || worded
      ? await tx.user.findMany({
          where: { id: { in: unique } },
          select: { id: true, email: true, timeZone: true, language: true, emailOptOuts: true },
        })
      : [];
  const userOf = new Map(users.map((user) => [user.id, user]));
  const copyFor = (user: { timeZone: string | null; language: string | null } | undefined): NoticeCopy => {
    const language = languageOf(user?.language);
    const zone = user?.timeZone;
    const title = noticeTitleIn(message.title, language);
    // A moment in a translated title is written the language's way; English keeps ADR 040's form.
    const moment =
      language === DEFAULT_LANGUAGE
        ? undefined
        : (iso: string) => formatDateIn(language, iso, { timeZone: timeZoneOr(zone) });
    const body = language === DEFAULT_LANGUAGE ? englishBody : noticeBodyIn(message.body, language);
    return {
      title: timed ? localizeNotice(title, zone, moment) : title,
      body: body === undefined || !timed ? body : localizeNotice(body, zone, moment),
      link: message.link,
      language,
    };
  };
  await tx.notification.createMany({
    data: unique.map((userId) => {
      const copy = copyFor(userOf.get(userId));
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
      const copy = copyFor(user);
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
  // Each refreshed notice keeps its reader's language: the title and body in every language,
  // picked by the reader's saved one in the same single UPDATE (English when none is saved).
  const titles = Object.fromEntries(
    LANGUAGE_CODES.map((language) => [language, noticeTitleIn(message.title, language)]),
  );
  const bodies = Object.fromEntries(
    LANGUAGE_CODES.map((language) => [language, noticeBodyIn(message.body, language) ?? null]),
  );
  const refreshed = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "Notification" n
    SET body = COALESCE(${JSON.stringify(bodies)}::jsonb ->> u.language, ${bodies[DEFAULT_LANGUAGE]}),
      title = COALESCE(${JSON.stringify(titles)}::jsonb ->> u.language, ${titles[DEFAULT_LANGUAGE]}),
      "createdAt" = now()
    FROM "User" u
    WHERE u.id = n."userId" AND n.kind = ${message.kind} AND n."lotId" = ${message.lotId}::uuid
      AND n."readAt" IS NULL
      AND n."userId" IN (SELECT "userId" FROM "Membership" WHERE "organizationId" = ${organizationId}::uuid)
    RETURNING n."userId"`;
  const done = new Set(refreshed.map((r) => r.userId));
  const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true } });
  const fresh = members.map((m) => m.userId).filter((id) => !done.has(id));
  return refreshed.length + (await notifyUsers(tx, fresh, { ...message, organizationId }));
}
