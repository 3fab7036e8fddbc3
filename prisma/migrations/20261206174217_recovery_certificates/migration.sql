-- CreateTable
CREATE TABLE "RecoveryCertificate" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "lotId" UUID NOT NULL,
    "shipmentId" UUID NOT NULL,
    "dealId" UUID,
    "facilityId" UUID NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "issuedByOrganizationId" UUID NOT NULL,
    "issuedByUserId" UUID,
    "record" JSONB NOT NULL,
    "chainSequence" INTEGER NOT NULL,
    "chainHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCertificate_number_key" ON "RecoveryCertificate"("number");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCertificate_shipmentId_key" ON "RecoveryCertificate"("shipmentId");

-- CreateIndex
CREATE INDEX "RecoveryCertificate_lotId_idx" ON "RecoveryCertificate"("lotId");

-- AddForeignKey
ALTER TABLE "RecoveryCertificate" ADD CONSTRAINT "RecoveryCertificate_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCertificate" ADD CONSTRAINT "RecoveryCertificate_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCertificate" ADD CONSTRAINT "RecoveryCertificate_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCertificate" ADD CONSTRAINT "RecoveryCertificate_issuedByOrganizationId_fkey" FOREIGN KEY ("issuedByOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCertificate" ADD CONSTRAINT "RecoveryCertificate_issuedByUserId_fkey" FOREIGN KEY ("issuedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

