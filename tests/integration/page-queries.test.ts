// The page reads folded into fewer queries for speed (ADR 044) answer what the Prisma reads they
// replaced answered, on the demo marketplace.
import { beforeAll, describe, expect, it } from "vitest";
import { monthOf } from "~/domain/capacity.ts";
import { lotReservation } from "~/models/lot-reservation.server.ts";
import { marketplaceFigures } from "~/models/organization.server.ts";
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
