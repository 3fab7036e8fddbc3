-- AlterTable
ALTER TABLE "CapacityBooking" ADD COLUMN     "madeForAward" BOOLEAN NOT NULL DEFAULT false;


-- Bookings an award made to reserve its tonnes (reserveCapacityForAward) were all created with
-- awardId set; until now no other booking carried one.
UPDATE "CapacityBooking" SET "madeForAward" = true WHERE "awardId" IS NOT NULL;

-- Lots that already hold two reservations (issue 16: a seller's accepted booking and an award's
-- reservation of the same tonnes): keep the award's (else the earliest booking), cancel the others
-- and give their kilograms back to their windows, so the unique index below can be built.
WITH ranked AS (
  SELECT id, row_number() OVER (
    PARTITION BY "lotId" ORDER BY ("awardId" IS NULL), "createdAt", id
  ) AS n
  FROM "CapacityBooking"
  WHERE status = 'accepted'
), released AS (
  UPDATE "CapacityBooking" b
  SET status = 'cancelled',
      "decisionNote" = 'Released: the lot''s tonnes were reserved twice; the award''s reservation was kept.'
  FROM ranked r
  WHERE b.id = r.id AND r.n > 1
  RETURNING b."capacityWindowId", b."massKg"
)
UPDATE "CapacityWindow" w
SET "bookedKg" = w."bookedKg" - x.kg, version = w.version + 1
FROM (SELECT "capacityWindowId", sum("massKg")::int AS kg FROM released GROUP BY "capacityWindowId") x
WHERE w.id = x."capacityWindowId";

-- One reservation per lot (ADR 012): whether made by accepting a booking or by an award, a lot's
-- tonnes are reserved by exactly one accepted booking. A partial unique index, which Prisma's
-- schema cannot express: schema.prisma mentions it in a comment and
-- tests/integration/migrations.test.ts allows it by name.
CREATE UNIQUE INDEX "CapacityBooking_one_reservation_per_lot" ON "CapacityBooking"("lotId") WHERE status = 'accepted';
