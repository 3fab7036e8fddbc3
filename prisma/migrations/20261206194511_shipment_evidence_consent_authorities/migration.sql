-- AlterTable
ALTER TABLE "TransboundaryConsent" ADD COLUMN     "authorities" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ShipmentEvidence" (
    "id" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "milestoneId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "uploadedById" UUID,
    "uploadedByOrganizationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentEvidence_storageKey_key" ON "ShipmentEvidence"("storageKey");

-- CreateIndex
CREATE INDEX "ShipmentEvidence_shipmentId_idx" ON "ShipmentEvidence"("shipmentId");

-- CreateIndex
CREATE INDEX "ShipmentEvidence_milestoneId_idx" ON "ShipmentEvidence"("milestoneId");

-- AddForeignKey
ALTER TABLE "ShipmentEvidence" ADD CONSTRAINT "ShipmentEvidence_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentEvidence" ADD CONSTRAINT "ShipmentEvidence_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "ShipmentMilestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentEvidence" ADD CONSTRAINT "ShipmentEvidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

