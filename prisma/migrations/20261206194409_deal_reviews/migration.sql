-- CreateTable
CREATE TABLE "DealReview" (
    "id" UUID NOT NULL,
    "dealId" UUID NOT NULL,
    "authorOrganizationId" UUID NOT NULL,
    "subjectOrganizationId" UUID NOT NULL,
    "authorUserId" UUID,
    "rating" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DealReview_subjectOrganizationId_createdAt_idx" ON "DealReview"("subjectOrganizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DealReview_dealId_authorOrganizationId_key" ON "DealReview"("dealId", "authorOrganizationId");

-- AddForeignKey
ALTER TABLE "DealReview" ADD CONSTRAINT "DealReview_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealReview" ADD CONSTRAINT "DealReview_authorOrganizationId_fkey" FOREIGN KEY ("authorOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealReview" ADD CONSTRAINT "DealReview_subjectOrganizationId_fkey" FOREIGN KEY ("subjectOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A rating is a whole number of stars from 1 to 5 (ADR 036); the database refuses any other.
ALTER TABLE "DealReview" ADD CONSTRAINT "DealReview_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
