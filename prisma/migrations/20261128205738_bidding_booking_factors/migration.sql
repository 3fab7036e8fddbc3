-- CreateEnum
CREATE TYPE "Incoterm" AS ENUM ('EXW', 'DAP');

-- AlterTable
ALTER TABLE "CapacityBooking" ADD COLUMN     "awardId" UUID,
ADD COLUMN     "decidedById" UUID,
ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "requestedById" UUID;

-- AlterTable
ALTER TABLE "Lot" ADD COLUMN     "closeCapMinutes" INTEGER NOT NULL DEFAULT 1440,
ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "endingSoonNotifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "extensionCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leadingMaxMinor" BIGINT,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "softCloseMinutes" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Bid" ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "destinationEconomyCode" CHAR(2),
ADD COLUMN     "destinationLabel" TEXT,
ADD COLUMN     "destinationLat" DOUBLE PRECISION,
ADD COLUMN     "destinationLng" DOUBLE PRECISION,
ADD COLUMN     "incoterm" "Incoterm" NOT NULL DEFAULT 'DAP',
ADD COLUMN     "leadingAfterId" UUID,
ADD COLUMN     "priceAfterMinor" BIGINT,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "sequence" INTEGER;

-- Backfill bids placed before the bid log existed: arrival order per lot, price as bid.
UPDATE "Bid" AS b SET "sequence" = o.n, "priceAfterMinor" = b."amountMinor"
FROM (SELECT "id", row_number() OVER (PARTITION BY "lotId" ORDER BY "createdAt", "id") AS n FROM "Bid") AS o
WHERE o."id" = b."id";
ALTER TABLE "Bid" ALTER COLUMN "priceAfterMinor" SET NOT NULL, ALTER COLUMN "sequence" SET NOT NULL;

-- A window can never be booked beyond its tonnes, whatever code path writes it.
ALTER TABLE "CapacityWindow" ADD CONSTRAINT "CapacityWindow_booked_within_capacity"
  CHECK ("bookedKg" >= 0 AND "bookedKg" <= "capacityKg");
-- A bid is a positive amount; its proxy maximum is never below it.
ALTER TABLE "Bid" ADD CONSTRAINT "Bid_amount_positive"
  CHECK ("amountMinor" > 0 AND ("maxAmountMinor" IS NULL OR "maxAmountMinor" >= "amountMinor"));

-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "lapsedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reason" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "lotId" UUID;

-- CreateTable
CREATE TABLE "LotWatch" (
    "userId" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LotWatch_pkey" PRIMARY KEY ("userId","lotId")
);

-- CreateTable
CREATE TABLE "LotQuestion" (
    "id" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "askedById" UUID,
    "organizationId" UUID,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LotQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "facilityId" UUID,
    "lastNotifiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Factor" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Factor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LotWatch_lotId_idx" ON "LotWatch"("lotId");

-- CreateIndex
CREATE INDEX "LotQuestion_lotId_createdAt_idx" ON "LotQuestion"("lotId", "createdAt");

-- CreateIndex
CREATE INDEX "SavedSearch_userId_idx" ON "SavedSearch"("userId");

-- CreateIndex
CREATE INDEX "SavedSearch_facilityId_idx" ON "SavedSearch"("facilityId");

-- CreateIndex
CREATE INDEX "Factor_key_asOf_idx" ON "Factor"("key", "asOf");

-- CreateIndex
CREATE UNIQUE INDEX "CapacityBooking_awardId_key" ON "CapacityBooking"("awardId");

-- CreateIndex
CREATE INDEX "CapacityBooking_organizationId_idx" ON "CapacityBooking"("organizationId");

-- CreateIndex
CREATE INDEX "Bid_organizationId_createdAt_idx" ON "Bid"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Bid_lotId_sequence_key" ON "Bid"("lotId", "sequence");

-- CreateIndex
CREATE INDEX "Award_status_confirmBy_idx" ON "Award"("status", "confirmBy");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "CapacityBooking" ADD CONSTRAINT "CapacityBooking_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotWatch" ADD CONSTRAINT "LotWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotWatch" ADD CONSTRAINT "LotWatch_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotQuestion" ADD CONSTRAINT "LotQuestion_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotQuestion" ADD CONSTRAINT "LotQuestion_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

