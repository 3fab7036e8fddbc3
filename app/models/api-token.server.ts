import { randomBytes } from "node:crypto";
import { isUuid } from "~/domain/lot-json.ts";
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
  if (!isUuid(tokenId)) return false;
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, organizationId, revokedAt: null },
    data: { revokedAt: now },
  });
  // This instance stops honouring the token at once; others within VERIFIED_TTL_MS.
  verified.clear();
  return count === 1;
}

// lastUsedAt is refreshed at most once a minute per token, so busy API clients do not write on
// every request.
const TOUCH_INTERVAL_MS = 60_000;

async function findLiveToken(tokenHash: string) {
  return db().apiToken.findUnique({ where: { tokenHash }, include: { organization: true } });
}
type TokenRecord = NonNullable<Awaited<ReturnType<typeof findLiveToken>>>;

/**
 * Verified tokens are remembered for a few seconds: an API client sends its token with every
 * request, and at hundreds of bids a second the lookup (a join to the organisation) was a query
 * per request. A revocation on this instance clears the cache at once; another instance honours a
 * revoked token, or an organisation's old capabilities, for at most VERIFIED_TTL_MS. Expiry is
 * still checked on every use. Only live tokens are cached, so unknown tokens always hit the database.
 */
const VERIFIED_TTL_MS = 5_000;
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { record: TokenRecord; until: number }>();

/** The organisation a live bearer token acts for, or null. */
export async function authenticateApiToken(token: string, now = new Date()) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const tokenHash = hashToken(token);
  const cached = verified.get(tokenHash);
  let record: TokenRecord | null;
  if (cached && cached.until > now.getTime()) {
    record = cached.record;
  } else {
    record = await findLiveToken(tokenHash);
    if (record && !record.revokedAt) {
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(tokenHash, { record, until: now.getTime() + VERIFIED_TTL_MS });
    } else {
      verified.delete(tokenHash);
    }
  }
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    // Marked before the write so concurrent requests with a cached record do not all write it.
    record.lastUsedAt = now;
    await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return record;
}
