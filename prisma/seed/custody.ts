// The demo lots' chains of custody (ADR 021): listed, published, award confirmed, booking accepted,
// at the times the demo data gives them, appended in bulk as the app would have appended them.
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { appendCustodyEvents, type CustodyAppend } from "~/models/custody/custody-chain.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";

type LotRow = Prisma.LotCreateManyInput & { id: string };

export async function seedCustody(
  tx: DbTransaction,
  lots: readonly { row: LotRow }[],
  awards: readonly Prisma.AwardCreateManyInput[],
  bookings: readonly Prisma.CapacityBookingCreateManyInput[],
): Promise<number> {
  const events: CustodyAppend[] = [];
  for (const { row } of lots) {
    const who = { lotId: row.id, organizationId: row.organizationId, actorUserId: row.createdById ?? null };
    events.push({
      ...who,
      kind: "lot_listed",
      at: new Date(row.createdAt as Date),
      data: {
        title: row.title,
        chemistry: row.chemistry,
        form: row.form,
        condition: row.condition,
        count: row.count,
        massKg: row.massKg,
        economy: row.economyCode,
        saleMode: row.saleMode,
      },
    });
    if (row.publishedAt) {
      events.push({
        ...who,
        kind: "lot_published",
        at: new Date(row.publishedAt as Date),
        data: { closesAt: row.closesAt ? new Date(row.closesAt as Date).toISOString() : null },
      });
    }
  }
  const sellerOf = new Map(lots.map(({ row }) => [row.id, row.organizationId]));
  for (const award of awards) {
    if (award.status !== "confirmed" || !award.confirmedAt) continue;
    events.push({
      lotId: award.lotId,
      organizationId: sellerOf.get(award.lotId) ?? null,
      kind: "award_confirmed",
      at: new Date(award.confirmedAt as Date),
      data: {
        awardId: award.id ?? null,
        buyerOrganizationId: award.organizationId,
        amountMinor: String(award.amountMinor),
        currency: award.currency,
      },
    });
  }
  for (const booking of bookings) {
    if (booking.status !== "accepted" || !booking.decidedAt) continue;
    events.push({
      lotId: booking.lotId,
      organizationId: booking.organizationId,
      kind: "booking_accepted",
      at: new Date(booking.decidedAt as Date),
      data: { bookingId: booking.id ?? null, massKg: booking.massKg },
    });
  }
  events.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  return appendCustodyEvents(tx, events);
}
