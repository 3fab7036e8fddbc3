import nodemailer from "nodemailer";
import { db } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";

/**
 * Every email is written to the OutboxEmail table first (in the caller's transaction when one is
 * given), so nothing is lost if SMTP is down. With SMTP_URL set, deliverPendingEmails() sends
 * them; without it they stay in the outbox, readable by platform admins at /admin/outbox, so
 * password resets and invitations work on a machine with no mail server.
 */

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

type OutboxWriter = { outboxEmail: { create: (args: { data: EmailMessage }) => Promise<unknown> } };

export async function queueEmail(message: EmailMessage, tx: OutboxWriter = db()) {
  await tx.outboxEmail.create({ data: message });
  if (env().SMTP_URL) void deliverPendingEmails().catch(() => {});
}

const MAX_ATTEMPTS = 5;

/**
 * Sends pending emails by SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED so several server
 * instances can drain the same outbox without sending an email twice.
 */
export async function deliverPendingEmails(batchSize = 20): Promise<number> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) return 0;
  const transport = nodemailer.createTransport(SMTP_URL);
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<
        { id: string; to: string; subject: string; text: string; attempts: number }[]
      >`
        SELECT id, "to", subject, text, attempts FROM "OutboxEmail"
        WHERE status = 'pending' ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        try {
          await transport.sendMail({ from: EMAIL_FROM, to: row.to, subject: row.subject, text: row.text });
          await tx.outboxEmail.update({
            where: { id: row.id },
            data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 } },
          });
        } catch (error) {
          await tx.outboxEmail.update({
            where: { id: row.id },
            data: {
              attempts: { increment: 1 },
              lastError: (error as Error).message.slice(0, 500),
              status: row.attempts + 1 >= MAX_ATTEMPTS ? "failed" : "pending",
            },
          });
        }
      }
      return rows.length;
    },
    { timeout: 60_000 },
  );
}

/**
 * The public base URL for links in emails: APP_URL, a host on ALLOWED_HOSTS as the request came
 * in, or the address the server was started on — never a Host header (public-url.server.ts).
 */
export function appUrl(request?: Request): string {
  return publicBaseUrl(request);
}
