// The page reads folded into fewer queries for speed (ADR 044) answer what the Prisma reads they
// replaced answered, on the demo marketplace.
import { beforeAll, describe, expect, it } from "vitest";
import { monthOf } from "~/domain/capacity.ts";
import { addDays, windowStart } from "~/domain/reputation/window.ts";
import { lotReservation } from "~/models/lot-reservation.server.ts";
import { marketplaceFigures } from "~/models/organization.server.ts";
import { facilityIntakeFacts } from "~/models/reputation/reputation.server.ts";
import { db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";

beforeAll(async () => {
  await seedDemo(db(), { now: new Date(), passwordHash: await hashPassword("packloop-demo-password") });
}, 120_000);

describe("home page figures in one query", () => {
  it("count the open lots, their tonnes, the active facilities and the economies of both", async () => {
    const [openLots, openMass, facilities, facilityEconomies, lotEconomies] = await Promise.all([
      db().lot.count({ where: { status: "open" } }),
      db().lot.aggregate({ where: { status: "open" }, _sum: { massKg: true } }),
      db().facility.count({ where: { active: true } }),
      db().facility.findMany({ where: { active: true }, select: { economyCode: true } }),
      db().lot.findMany({ where: { status: "open" }, select: { economyCode: true } }),
    ]);
    expect(openLots).toBeGreaterThan(0);
    expect(await marketplaceFigures()).toEqual({
      openLots,
      tonnesListed: Math.round((openMass._sum.massKg ?? 0) / 1000),
      facilities,
      economies: new Set([...facilityEconomies, ...lotEconomies].map((e) => e.economyCode)).size,
    });
  });
});

describe("a lot's reservation in one query", () => {
  it("names the booked facility, month and tonnes of every lot with an accepted booking, and null otherwise", async () => {
    const bookings = await db().capacityBooking.findMany({
      where: { status: "accepted" },
      include: {
        capacityWindow: { select: { month: true, facility: { select: { id: true, name: true } } } },
      },
    });
    expect(bookings.length).toBeGreaterThan(0);
    for (const booking of bookings) {
      expect(await lotReservation(booking.lotId)).toEqual({
        facilityId: booking.capacityWindow.facility.id,
        facilityName: booking.capacityWindow.facility.name,
        month: monthOf(booking.capacityWindow.month),
        massKg: booking.massKg,
        awardId: booking.awardId,
        sellersBooking: !booking.madeForAward,
      });
    }
    const unbooked = await db().lot.findFirst({ where: { bookings: { none: { status: "accepted" } } } });
    expect(await lotReservation(unbooked!.id)).toBeNull();
  });
});

describe("facility intake facts in one query (ADR 053)", () => {
  it("are the shipments, deal bookings and delivery milestones Prisma's three reads give", async () => {
    const facilities = await db().facility.findMany({ select: { id: true } });
    const ids = facilities.map((f) => f.id);
    const shipments = await db().shipment.count({ where: { destinationFacilityId: { in: ids } } });
    expect(shipments).toBeGreaterThan(0);
    const key = (r: { facilityId: string | null; fact: object }) => JSON.stringify(r);
    let matched = 0;
    // Today, and a day half a year back, when other shipments fall in the window.
    for (const asOf of [new Date(), new Date(Date.now() - 150 * 86_400_000)]) {
      const start = windowStart(asOf);
      const rows = await db().shipment.findMany({
        where: {
          destinationFacilityId: { in: ids },
          OR: [
            { plannedArrivalAt: { gte: addDays(start, -2), lte: asOf } },
            { milestones: { some: { kind: { in: ["delivered", "received"] }, occurredAt: { gte: start } } } },
          ],
        },
        select: {
          destinationFacilityId: true,
          plannedArrivalAt: true,
          deal: { select: { bookingId: true } },
          milestones: {
            where: { kind: { in: ["delivered", "received"] } },
            select: { kind: true, occurredAt: true },
          },
        },
      });
      const at = (row: (typeof rows)[number], kind: string) =>
        row.milestones.find((m) => m.kind === kind)?.occurredAt ?? null;
      const expected = rows.map((row) => ({
        facilityId: row.destinationFacilityId,
        fact: {
          plannedArrivalAt: row.plannedArrivalAt,
          deliveredAt: at(row, "delivered"),
          receivedAt: at(row, "received"),
          fromBooking: row.deal?.bookingId != null,
        },
      }));
      const actual = await facilityIntakeFacts(ids, asOf);
      expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
      matched += actual.length;
    }
    expect(matched).toBeGreaterThan(0);
    expect(await facilityIntakeFacts([], new Date())).toEqual([]);
  });
});
