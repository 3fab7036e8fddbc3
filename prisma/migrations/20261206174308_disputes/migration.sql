-- CreateEnum
CREATE TYPE "DisputeReason" AS ENUM ('weight', 'quality_assay', 'not_as_described', 'late_or_no_show', 'documents', 'transit_damage');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('open', 'agreed', 'escalated', 'decided', 'withdrawn');

-- CreateEnum
CREATE TYPE "DisputeProposalKind" AS ENUM ('price_adjustment', 'partial_refund', 'return', 'umpire_assay');

-- CreateEnum
CREATE TYPE "DisputeProposalStatus" AS ENUM ('proposed', 'accepted', 'rejected', 'superseded');

-- CreateTable
CREATE TABLE "Dispute" (
    "id" UUID NOT NULL,
    "dealId" UUID NOT NULL,
    "openedByOrganizationId" UUID NOT NULL,
    "openedByUserId" UUID,
    "reason" "DisputeReason" NOT NULL,
    "description" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'open',
    "escalateAt" TIMESTAMPTZ(3) NOT NULL,
    "escalatedAt" TIMESTAMPTZ(3),
    "outcome" JSONB,
    "decidedByUserId" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeProposal" (
    "id" UUID NOT NULL,
    "disputeId" UUID NOT NULL,
    "byOrganizationId" UUID NOT NULL,
    "byUserId" UUID,
    "kind" "DisputeProposalKind" NOT NULL,
    "amountMinor" BIGINT,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "DisputeProposalStatus" NOT NULL DEFAULT 'proposed',
    "answeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dispute_dealId_createdAt_idx" ON "Dispute"("dealId", "createdAt");

-- CreateIndex
CREATE INDEX "Dispute_status_escalateAt_idx" ON "Dispute"("status", "escalateAt");

-- CreateIndex
CREATE INDEX "DisputeProposal_disputeId_createdAt_idx" ON "DisputeProposal"("disputeId", "createdAt");

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeProposal" ADD CONSTRAINT "DisputeProposal_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one live (open or escalated) dispute per deal (ADR 026).
CREATE UNIQUE INDEX "Dispute_one_live_per_deal" ON "Dispute"("dealId") WHERE "status" IN ('open', 'escalated');
