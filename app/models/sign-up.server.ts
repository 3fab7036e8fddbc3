import type { Capability } from "~/domain/codes.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { recipientLanguage } from "~/i18n/recipient-language.ts";
import { queueEmail } from "~/services/email.server.ts";
import { type DbClient, db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { hashToken, newToken } from "~/utils/tokens.server.ts";
import {
  createUserWithOrganization,
  EmailTakenError,
  findUserByEmail,
  normalizeEmail,
} from "./user.server.ts";

/**
 * Sign-up and the proof of the address (issue 15). Sign-up answers the same whether or not the
 * address already has an account — "check your email" — so the form does not reveal who is
 * registered (as password reset already did not): a new address gets a verification link, a known
 * one a note that someone tried to sign up with it. The link, used once within a day, marks the
 * address verified, sends the welcome email and signs the user in. Until then the account may set
 * up its organisation and save drafts, but not publish or bid (README, business limits; ADR 038).
 */

export const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  organizationName: string;
  economyCode: string;
  capabilities: Capability[];
}

async function queueVerificationLink(
  tx: DbClient,
  user: { id: string; email: string; name: string; language?: string | null },
  baseUrl: string,
  now: Date,
  pageLanguage?: LanguageCode,
) {
  const t = translatorFor(recipientLanguage(user.language, pageLanguage));
  const { token, tokenHash } = newToken();
  await tx.emailVerification.create({
    data: { userId: user.id, tokenHash, expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS) },
  });
  await queueEmail(
    {
      to: user.email,
      kind: "email_verification",
      subject: t("email.verification.subject"),
      text: [
        t("email.hello", { name: user.name }),
        "",
        t("email.verification.confirm"),
        `${baseUrl}/verify-email/${token}`,
        "",
        t("email.verification.until"),
        t("email.verification.ignore"),
      ].join("\n"),
    },
    tx,
  );
}

/** Creates the account and mails the link, or mails the owner of a known address; the caller answers the same. */
export async function signUp(
  input: SignUpInput,
  baseUrl: string,
  now = new Date(),
  pageLanguage?: LanguageCode,
): Promise<void> {
  const existing = await findUserByEmail(input.email);
  if (existing) {
    const t = translatorFor(recipientLanguage(existing.language, pageLanguage));
    // Hash anyway, so the answer takes as long as for a new account.
    await hashPassword(input.password);
    await queueEmail({
      to: existing.email,
      kind: "signup_existing_account",
      subject: t("email.existingAccount.subject"),
      text: [
        t("email.hello", { name: existing.name }),
        "",
        t("email.existingAccount.tried"),
        t("email.existingAccount.logIn", { login: `${baseUrl}/login`, forgot: `${baseUrl}/forgot-password` }),
        "",
        t("email.existingAccount.ignore"),
      ].join("\n"),
    });
    return;
  }
  try {
    await createUserWithOrganization({ ...input, emailVerifiedAt: null }, (tx, { user }) =>
      queueVerificationLink(tx, user, baseUrl, now, pageLanguage),
    );
  } catch (error) {
    // The address was registered by a sign-up racing this one: the same answer, as above.
    if (!(error instanceof EmailTakenError)) throw error;
  }
}

/** Mails a fresh link to a signed-in user whose address is not verified yet; false when it already is. */
export async function resendVerificationLink(
  userId: string,
  baseUrl: string,
  now = new Date(),
  pageLanguage?: LanguageCode,
) {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt) return false;
  await db().$transaction((tx) => queueVerificationLink(tx, user, baseUrl, now, pageLanguage));
  return true;
}

/** The link's user and address while it is usable (for the confirmation page), else null. */
export async function findUsableVerification(token: string, now = new Date()) {
  const verification = await db().emailVerification.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true } } },
  });
  if (!verification || verification.usedAt || verification.expiresAt <= now) return null;
  return verification;
}

/**
 * Uses the link up and marks the address verified; the first verification also queues the welcome
 * email. Returns the user and the organisation to sign in to, or null for a used or expired link.
 */
export async function verifyEmail(
  token: string,
  baseUrl: string,
  now = new Date(),
  pageLanguage?: LanguageCode,
) {
  const verification = await findUsableVerification(token, now);
  if (!verification) return null;
  return db().$transaction(async (tx) => {
    const claimed = await tx.emailVerification.updateMany({
      where: { id: verification.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: verification.userId },
      include: { memberships: { orderBy: { createdAt: "asc" }, take: 1, include: { organization: true } } },
    });
    if (!user.emailVerifiedAt) {
      await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
      const organization = user.memberships[0]?.organization;
      const t = translatorFor(recipientLanguage(user.language, pageLanguage));
      await queueEmail(
        {
          to: normalizeEmail(user.email),
          kind: "welcome",
          subject: t("email.welcome.subject"),
          text: [
            t("email.hello", { name: user.name }),
            "",
            organization
              ? t("email.welcome.confirmedWith", { organization: organization.name })
              : t("email.welcome.confirmed"),
            t("email.welcome.next"),
            t("email.welcome.list", { url: `${baseUrl}/dashboard` }),
            t("email.welcome.verify", { url: `${baseUrl}/settings/verification` }),
            t("email.welcome.invite", { url: `${baseUrl}/settings/organization` }),
          ].join("\n"),
        },
        tx,
      );
    }
    return { userId: user.id, organizationId: user.memberships[0]?.organizationId ?? null };
  });
}
