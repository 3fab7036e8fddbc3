import type { Capability } from "~/domain/codes.ts";
import { type Organization, Prisma, type User } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { hashPassword, verifyPassword } from "~/utils/password.server.ts";
import { availableSlug } from "./organization.server.ts";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: normalizeEmail(email) } });
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * The user, the organisation and the owner membership, all or nothing. The address counts as
 * verified unless `emailVerifiedAt: null` says otherwise: sign-up (sign-up.server.ts) passes null
 * and mails a link; seeds and test fixtures make accounts whose address nobody needs to prove.
 * `inTransaction` runs in the same transaction (sign-up queues its emails there).
 */
export async function createUserWithOrganization(
  input: {
    name: string;
    email: string;
    password: string;
    organizationName: string;
    economyCode: string;
    capabilities: Capability[];
    emailVerifiedAt?: Date | null;
  },
  inTransaction?: (
    tx: DbTransaction,
    created: { user: { id: string; email: string; name: string } },
  ) => Promise<void>,
): Promise<{ user: User; organization: Organization }> {
  const passwordHash = await hashPassword(input.password);
  const slug = await availableSlug(input.organizationName);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          name: input.name,
          email: normalizeEmail(input.email),
          passwordHash,
          emailVerifiedAt: input.emailVerifiedAt === undefined ? new Date() : input.emailVerifiedAt,
        },
      });
      const organization = await tx.organization.create({
        data: {
          name: input.organizationName,
          slug,
          economyCode: input.economyCode,
          capabilities: input.capabilities,
        },
      });
      await tx.membership.create({
        data: { userId: user.id, organizationId: organization.id, role: "owner" },
      });
      await inTransaction?.(tx, { user });
      return { user, organization };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Either the email was registered meanwhile, or another sign-up took the same slug.
      if (await findUserByEmail(input.email)) throw new EmailTakenError();
      return createUserWithOrganization(input, inTransaction);
    }
    throw error;
  }
}

// Verifying against a fixed hash when the email is unknown keeps the response time the same
// whether or not an account exists, so log-in does not reveal which emails are registered.
let decoyHash: Promise<string> | null = null;

export async function verifyLogin(email: string, password: string) {
  const user = await findUserByEmail(email);
  if (!user) {
    decoyHash ??= hashPassword("decoy-password-never-matches");
    await verifyPassword(await decoyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function setPassword(userId: string, password: string) {
  await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
}

/** Saves the UI language a user chose (a code from app/i18n/languages.ts, checked by the caller). */
export async function setUserLanguage(userId: string, language: string) {
  await db().user.update({ where: { id: userId }, data: { language } });
}

/**
 * Remembers the zone the user's browser reports (ADR 040), for the times in its notifications and
 * emails; written only when it changed, so a page view costs no write.
 */
export async function rememberTimeZone(user: { id: string; timeZone: string | null }, zone: string) {
  if (user.timeZone === zone) return;
  await db().user.update({ where: { id: user.id }, data: { timeZone: zone } });
}
