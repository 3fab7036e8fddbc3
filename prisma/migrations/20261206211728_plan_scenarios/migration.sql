-- CreateTable
CREATE TABLE "PlanScenario" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdById" UUID,
    "name" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlanScenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanScenario_organizationId_createdAt_idx" ON "PlanScenario"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "PlanScenario" ADD CONSTRAINT "PlanScenario_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanScenario" ADD CONSTRAINT "PlanScenario_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

