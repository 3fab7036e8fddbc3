import { translatorFor } from "~/i18n/i18n.server.ts";
import { recipientLanguage } from "~/i18n/recipient-language.ts";
import { queueEmail } from "~/services/email.server.ts";
import { db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { hashToken, newToken } from "~/utils/tokens.server.ts";
import { normalizeEmail } from "./user.server.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Emails a reset link when the address belongs to an account. The caller answers the same either
 * way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(email: string, baseUrl: string, now = new Date()) {
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!user) return;
  const { token, tokenHash } = newToken();
  const t = translatorFor(recipientLanguage(user.language));
  await db().$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash, expiresAt: new Date(now.getTime() + RESET_TTL_MS) },
    });
    await queueEmail(
      {
        to: user.email,
        kind: "password_reset",
        subject: t("email.passwordReset.subject"),
        text: [
          t("email.hello", { name: user.name }),
          "",
          t("email.passwordReset.choose"),
          `${baseUrl}/reset-password/${token}`,
          "",
          t("email.passwordReset.ignore"),
        ].join("\n"),
      },
      tx,
    );
  });
}

export async function findUsableReset(token: string, now = new Date()) {
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= now) return null;
  return reset;
}

/** Sets the new password, uses the token up and signs the user out everywhere. */
export async function resetPassword(token: string, password: string, now = new Date()) {
  const reset = await findUsableReset(token, now);
  if (!reset) return null;
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.updateMany({
      where: { userId: reset.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    return { userId: reset.userId };
  });
}
