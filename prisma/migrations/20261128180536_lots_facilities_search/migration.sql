-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('validating', 'invalid', 'ready', 'importing', 'done', 'failed');

-- DropIndex
DROP INDEX "CapacityWindow_facilityId_month_key";

-- DropIndex
DROP INDEX "Lot_organizationId_idx";

-- DropIndex
DROP INDEX "Lot_economyCode_idx";

-- AlterTable
ALTER TABLE "CapacityWindow" ADD COLUMN     "note" TEXT;

-- CreateTable
CREATE TABLE "ReferencePrice" (
    "id" UUID NOT NULL,
    "metal" TEXT NOT NULL,
    "commodity" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "priceMinorPerTonne" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "compoundPerMetalMilli" INTEGER NOT NULL,
    "asOf" DATE NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferencePrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotImport" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdById" UUID,
    "fileName" TEXT NOT NULL,
    "fileKind" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'validating',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "validRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "validOnly" BOOLEAN NOT NULL DEFAULT false,
    "errors" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LotImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReferencePrice_metal_asOf_idx" ON "ReferencePrice"("metal", "asOf");

-- CreateIndex
CREATE INDEX "LotImport_organizationId_createdAt_idx" ON "LotImport"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "CapacityWindow_facilityId_month_idx" ON "CapacityWindow"("facilityId", "month");

-- CreateIndex
CREATE INDEX "Lot_organizationId_status_idx" ON "Lot"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Lot_status_economyCode_idx" ON "Lot"("status", "economyCode");

-- CreateIndex
CREATE INDEX "Lot_status_massKg_idx" ON "Lot"("status", "massKg");

-- CreateIndex
CREATE INDEX "Lot_status_lng_lat_idx" ON "Lot"("status", "lng", "lat");

-- AddForeignKey
ALTER TABLE "LotImport" ADD CONSTRAINT "LotImport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

