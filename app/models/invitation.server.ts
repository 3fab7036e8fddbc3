import { type Failure, fail } from "~/domain/failure.ts";
import type { MembershipRole } from "~/generated.server/prisma/client.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { recipientLanguage } from "~/i18n/recipient-language.ts";
import { queueEmail } from "~/services/email.server.ts";
import { db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { hashToken, newToken } from "~/utils/tokens.server.ts";
import { normalizeEmail } from "./user.server.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteOutcome = { ok: true } | Failure<"ALREADY_MEMBER">;

export type AcceptInvitationOutcome =
  | { ok: true; userId: string; organizationId: string }
  | Failure<"INVITATION_INVALID" | "INVITATION_FOR_ANOTHER_ACCOUNT" | "NEW_ACCOUNT_REQUIRED">;

/** Invites a colleague by email; the link in the email is the only copy of the token. */
export async function inviteColleague(input: {
  organizationId: string;
  organizationName: string;
  invitedBy: { id: string; name: string };
  email: string;
  role: MembershipRole;
  baseUrl: string;
  /** The inviter's page language: the email's, unless the address is a user's with one saved. */
  language?: LanguageCode;
  now?: Date;
}): Promise<InviteOutcome> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const existingMember = await db().membership.findFirst({
    where: { organizationId: input.organizationId, user: { email } },
  });
  if (existingMember) return fail("ALREADY_MEMBER", "This person is already a member.", { field: "email" });

  const { token, tokenHash } = newToken();
  const known = await db().user.findUnique({ where: { email }, select: { language: true } });
  const t = translatorFor(recipientLanguage(known?.language, input.language));
  const names = { inviter: input.invitedBy.name, organization: input.organizationName };
  await db().$transaction(async (tx) => {
    // A new invitation replaces any earlier pending one for the same address.
    await tx.invitation.updateMany({
      where: { organizationId: input.organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.invitation.create({
      data: {
        organizationId: input.organizationId,
        email,
        role: input.role,
        tokenHash,
        invitedById: input.invitedBy.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    await queueEmail(
      {
        to: email,
        kind: "invitation",
        subject: t("email.invitation.subject", names),
        text: [
          t(input.role === "owner" ? "email.invitation.asOwner" : "email.invitation.asMember", names),
          "",
          t("email.invitation.accept"),
          `${input.baseUrl}/invitations/${token}`,
          "",
          t("email.invitation.ignore"),
        ].join("\n"),
      },
      tx,
    );
  });
  return { ok: true };
}

export async function listPendingInvitations(organizationId: string, now = new Date()) {
  return db().invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    include: { invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(organizationId: string, invitationId: string, now = new Date()) {
  const { count } = await db().invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** The pending invitation a token stands for, or null when unknown, used, revoked or expired. */
export async function findPendingInvitation(token: string, now = new Date()) {
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { id: true, name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now)
    return null;
  const existingUser = await db().user.findUnique({
    where: { email: invitation.email },
    select: { id: true },
  });
  return { ...invitation, existingUserId: existingUser?.id ?? null };
}

/**
 * Accepts an invitation: joins an existing account (which must be the one logged in) or creates
 * the account. The invitation is claimed with a conditional update so it can be used only once.
 */
export async function acceptInvitation(input: {
  token: string;
  loggedInUserId: string | null;
  newAccount?: { name: string; password: string };
  now?: Date;
}): Promise<AcceptInvitationOutcome> {
  const now = input.now ?? new Date();
  const invitation = await findPendingInvitation(input.token, now);
  if (!invitation) return fail("INVITATION_INVALID", "This invitation is no longer valid.");
  // Checked before the invitation is claimed: a refused attempt must leave it usable.
  if (invitation.existingUserId && input.loggedInUserId !== invitation.existingUserId) {
    return fail("INVITATION_FOR_ANOTHER_ACCOUNT", `Log in as ${invitation.email} to accept this invitation.`);
  }
  if (!invitation.existingUserId && !input.newAccount) {
    return fail("NEW_ACCOUNT_REQUIRED", "Choose a name and a password.");
  }
  const passwordHash = input.newAccount ? await hashPassword(input.newAccount.password) : null;

  return db().$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) return fail("INVITATION_INVALID", "This invitation is no longer valid.");

    let userId: string;
    if (invitation.existingUserId) {
      userId = invitation.existingUserId;
    } else {
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.newAccount!.name,
          passwordHash: passwordHash!,
          emailVerifiedAt: now,
        },
      });
      userId = user.id;
    }
    await tx.membership.upsert({
      where: { userId_organizationId: { userId, organizationId: invitation.organizationId } },
      create: { userId, organizationId: invitation.organizationId, role: invitation.role },
      update: {},
    });
    return { ok: true as const, userId, organizationId: invitation.organizationId };
  });
}
