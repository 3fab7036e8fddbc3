import { type Failure, fail } from "~/domain/failure.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { db } from "~/utils/db.server.ts";
import { isUuid } from "./facility.server.ts";
import { findOwnLot, type LotCaller } from "./lot.server.ts";
import { notifyOrganization } from "./notification.server.ts";

/**
 * "Invite to bid" from "Where this lot can go" (issue 15 item 6): the seller points a recycler at
 * its open lot. The invitation is only a notice (kind "invited_to_bid") to every member of the
 * facility's organisation, with an email; it gives the recycler no right the lot page does not.
 * Once per lot and recycler: a second click tells the seller it was sent already.
 */
export type InviteResult =
  | { ok: true; facilityName: string; organizationName: string }
  | Failure<"NOT_FOUND" | "FORBIDDEN" | "LOT_NOT_OPEN" | "OWN_FACILITY" | "ALREADY_INVITED">;

export async function inviteFacilityToBid(
  caller: LotCaller,
  lotId: string,
  facilityId: string,
): Promise<InviteResult> {
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return fail(found.code === "FORBIDDEN" ? "FORBIDDEN" : "NOT_FOUND", found.message);
  const { lot } = found;
  if (lot.status !== "open")
    return fail("LOT_NOT_OPEN", "Only a published lot that takes bids can be offered to a recycler.");
  const facility = isUuid(facilityId)
    ? await db().facility.findFirst({
        where: { id: facilityId, active: true },
        select: { name: true, organizationId: true, organization: { select: { name: true } } },
      })
    : null;
  if (!facility) return fail("NOT_FOUND", "No such facility.", { field: "facilityId" });
  if (facility.organizationId === caller.organizationId)
    return fail("OWN_FACILITY", "This is your own organisation's facility.", { field: "facilityId" });
  return db().$transaction(async (tx): Promise<InviteResult> => {
    // One invitation per lot and recycler; the lot row lock orders two clicks racing.
    await tx.$queryRaw`SELECT id FROM "Lot" WHERE id = ${lotId}::uuid FOR UPDATE`;
    const earlier = await tx.notification.count({
      where: { kind: "invited_to_bid", lotId, organizationId: facility.organizationId },
    });
    if (earlier > 0)
      return fail("ALREADY_INVITED", `${facility.organization.name} was already invited to bid on this lot.`);
    await notifyOrganization(tx, facility.organizationId, {
      kind: "invited_to_bid",
      title: NOTIFICATION_TITLES.invited_to_bid.recycler(lotTitleFacts(lot)),
      body: noticeText("invitedToBid", { facility: facility.name }),
      link: `/lots/${lotId}`,
      lotId,
    });
    return { ok: true, facilityName: facility.name, organizationName: facility.organization.name };
  });
}
