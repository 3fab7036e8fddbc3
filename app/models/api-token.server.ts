import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { hashToken } from "~/utils/tokens.server.ts";

// Tokens look like "plk_<43 base64url chars>": the prefix makes leaked tokens easy to recognise
// (secret scanners), and only their sha256 is stored.
const TOKEN_PREFIX = "plk_";

export async function createApiToken(input: {
  organizationId: string;
  createdById: string;
  name: string;
  expiresAt?: Date | null;
}) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = await db().apiToken.create({
    data: {
      organizationId: input.organizationId,
      createdById: input.createdById,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { token, record };
}

export async function listApiTokens(organizationId: string) {
  return db().apiToken.findMany({
    where: { organizationId, revokedAt: null },
    include: { createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken(organizationId: string, tokenId: string, now = new Date()) {
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, organizationId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count === 1;
}

// lastUsedAt is refreshed at most once a minute per token, so busy API clients do not write on
// every request.
const TOUCH_INTERVAL_MS = 60_000;

/** The organisation a live bearer token acts for, or null. */
export async function authenticateApiToken(token: string, now = new Date()) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const record = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: true },
  });
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return record;
}
