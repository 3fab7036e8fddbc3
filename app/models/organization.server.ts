import type { Capability } from "~/domain/codes.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { db } from "~/utils/db.server.ts";

export async function findMembershipsOfUser(userId: string) {
  return db().membership.findMany({
    where: { userId },
    include: { organization: { include: { economy: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export async function listMembers(organizationId: string) {
  return db().membership.findMany({
    where: { organizationId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "organisation"
  );
}

/** A slug not yet taken: the name's slug, or the slug with a short numeric suffix. */
export async function availableSlug(name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await db().organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
      (o) => o.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function updateOrganizationProfile(
  organizationId: string,
  input: {
    name: string;
    economyCode: string;
    capabilities: Capability[];
    website: string | null;
    description: string | null;
  },
) {
  return db().organization.update({ where: { id: organizationId }, data: input });
}

/**
 * The currency the organisation's members see converted amounts in (ADR 051); null resets it to
 * its economy's currency. The caller has validated the code (domain/display-currency.ts).
 */
export async function updateOrganizationDisplayCurrency(
  organizationId: string,
  displayCurrency: string | null,
) {
  return db().organization.update({ where: { id: organizationId }, data: { displayCurrency } });
}

/** What the dashboard shows about one organisation, scoped to it. */
export async function organizationOverview(organizationId: string) {
  const [lotsByStatus, facilities, openBids, members] = await Promise.all([
    db().lot.groupBy({
      by: ["status"],
      where: { organizationId },
      _count: { _all: true },
      _sum: { massKg: true },
    }),
    db().facility.findMany({
      where: { organizationId },
      select: {
        id: true,
        name: true,
        economyCode: true,
        capacityWindows: { select: { capacityKg: true, bookedKg: true } },
      },
      orderBy: { name: "asc" },
    }),
    db().bid.count({ where: { organizationId, status: "active" } }),
    db().membership.count({ where: { organizationId } }),
  ]);
  return {
    lotsByStatus: lotsByStatus.map((row) => ({
      status: row.status,
      count: row._count._all,
      massKg: row._sum.massKg ?? 0,
    })),
    facilities: facilities.map((f) => ({
      id: f.id,
      name: f.name,
      economyCode: f.economyCode,
      capacityKg: f.capacityWindows.reduce((sum, w) => sum + w.capacityKg, 0),
      bookedKg: f.capacityWindows.reduce((sum, w) => sum + w.bookedKg, 0),
    })),
    activeBids: openBids,
    members,
  };
}

/** Public headline figures for the home page. */
export async function marketplaceFigures() {
  // One query rather than five: the home page asks on every view, and on the embedded database
  // each query is CPU in the server's own thread (ADR 044).
  const [row] = await db().$queryRaw<
    { openLots: number; openMassKg: number; facilities: number; economies: number }[]
  >`SELECT
      (SELECT count(*)::int FROM "Lot" WHERE "status" = 'open') AS "openLots",
      (SELECT coalesce(sum("massKg"), 0)::float8 FROM "Lot" WHERE "status" = 'open') AS "openMassKg",
      (SELECT count(*)::int FROM "Facility" WHERE "active") AS "facilities",
      (SELECT count(*)::int FROM (
         SELECT "economyCode" FROM "Facility" WHERE "active"
         UNION SELECT "economyCode" FROM "Lot" WHERE "status" = 'open') AS e) AS "economies"`;
  return {
    openLots: row?.openLots ?? 0,
    tonnesListed: Math.round((row?.openMassKg ?? 0) / 1000),
    facilities: row?.facilities ?? 0,
    economies: row?.economies ?? 0,
  };
}

/** Removes a member; the last owner cannot be removed, so an organisation is never orphaned. */
export async function removeMember(
  organizationId: string,
  membershipId: string,
): Promise<{ ok: true } | Failure<"MEMBERSHIP_NOT_FOUND" | "LAST_OWNER">> {
  return db().$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId } });
    if (!membership) return fail("MEMBERSHIP_NOT_FOUND", "That person is not a member.");
    if (membership.role === "owner") {
      const owners = await tx.membership.count({ where: { organizationId, role: "owner" } });
      if (owners <= 1) return fail("LAST_OWNER", "The last owner cannot be removed.");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.session.updateMany({
      where: { userId: membership.userId, activeOrganizationId: organizationId },
      data: { activeOrganizationId: null },
    });
    return { ok: true as const };
  });
}

/** Whether an organisation's verification was granted (the allocation plan's higher limit). */
export async function isOrganizationVerified(organizationId: string): Promise<boolean> {
  const organization = await db().organization.findUnique({
    where: { id: organizationId },
    select: { verificationStatus: true },
  });
  return organization?.verificationStatus === "verified";
}
