-- AlterEnum
ALTER TYPE "Capability" ADD VALUE 'carrier';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ShipmentStatus" ADD VALUE 'received';
ALTER TYPE "ShipmentStatus" ADD VALUE 'completed';

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "carrierOrganizationId" UUID,
ADD COLUMN     "crossesBorder" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dealId" UUID,
ADD COLUMN     "declaredKg" INTEGER,
ADD COLUMN     "incoterm" "Incoterm",
ADD COLUMN     "lastLat" DOUBLE PRECISION,
ADD COLUMN     "lastLng" DOUBLE PRECISION,
ADD COLUMN     "lastMilestone" TEXT,
ADD COLUMN     "lastMilestoneAt" TIMESTAMPTZ(3),
ADD COLUMN     "milestoneCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "needsConsent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "plannedArrivalAt" TIMESTAMPTZ(3),
ADD COLUMN     "plannedDepartureAt" TIMESTAMPTZ(3),
ADD COLUMN     "receivedKg" INTEGER,
ADD COLUMN     "receiverOrganizationId" UUID,
ADD COLUMN     "shipperOrganizationId" UUID,
ADD COLUMN     "varianceFlagged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "weightVarianceBp" INTEGER;

-- AlterTable
ALTER TABLE "ShipmentLeg" ADD COLUMN     "path" JSONB;

-- CreateTable
CREATE TABLE "ShipmentMilestone" (
    "id" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actorOrganizationId" UUID NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "netWeightKg" INTEGER,
    "data" JSONB,
    "evidenceDocumentIds" UUID[],

    CONSTRAINT "ShipmentMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransboundaryConsent" (
    "id" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "shipmentId" UUID,
    "notificationNumber" TEXT NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3) NOT NULL,
    "shipmentsConsented" INTEGER NOT NULL,
    "serialNumber" INTEGER NOT NULL,
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransboundaryConsent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentMilestone_shipmentId_sequence_key" ON "ShipmentMilestone"("shipmentId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentMilestone_shipmentId_kind_key" ON "ShipmentMilestone"("shipmentId", "kind");

-- CreateIndex
CREATE INDEX "TransboundaryConsent_lotId_idx" ON "TransboundaryConsent"("lotId");

-- CreateIndex
CREATE INDEX "TransboundaryConsent_shipmentId_idx" ON "TransboundaryConsent"("shipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_dealId_key" ON "Shipment"("dealId");

-- CreateIndex
CREATE INDEX "Shipment_shipperOrganizationId_status_idx" ON "Shipment"("shipperOrganizationId", "status");

-- CreateIndex
CREATE INDEX "Shipment_carrierOrganizationId_status_idx" ON "Shipment"("carrierOrganizationId", "status");

-- CreateIndex
CREATE INDEX "Shipment_receiverOrganizationId_status_idx" ON "Shipment"("receiverOrganizationId", "status");

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_shipperOrganizationId_fkey" FOREIGN KEY ("shipperOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_carrierOrganizationId_fkey" FOREIGN KEY ("carrierOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_receiverOrganizationId_fkey" FOREIGN KEY ("receiverOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentMilestone" ADD CONSTRAINT "ShipmentMilestone_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentMilestone" ADD CONSTRAINT "ShipmentMilestone_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransboundaryConsent" ADD CONSTRAINT "TransboundaryConsent_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransboundaryConsent" ADD CONSTRAINT "TransboundaryConsent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransboundaryConsent" ADD CONSTRAINT "TransboundaryConsent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A consent is for at least one shipment, this one has a place among them, and it ends after it starts.
ALTER TABLE "TransboundaryConsent" ADD CONSTRAINT "TransboundaryConsent_terms_check"
  CHECK ("validTo" >= "validFrom" AND "shipmentsConsented" >= 1 AND "serialNumber" >= 1);
