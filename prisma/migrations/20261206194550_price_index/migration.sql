-- CreateEnum
CREATE TYPE "PriceIndexPublication" AS ENUM ('published', 'rolled', 'insufficient_data');

-- CreateTable
CREATE TABLE "PriceIndexValue" (
    "id" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "family" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "publication" "PriceIndexPublication" NOT NULL,
    "value" INTEGER,
    "unit" TEXT NOT NULL,
    "final" BOOLEAN NOT NULL,
    "rolledFromWeek" DATE,
    "dealCount" INTEGER NOT NULL,
    "sellerCount" INTEGER NOT NULL,
    "buyerCount" INTEGER NOT NULL,
    "volumeKg" BIGINT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "outliers" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PriceIndexValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceIndexCorrection" (
    "id" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "family" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "oldValue" INTEGER,
    "newValue" INTEGER,
    "oldFinal" BOOLEAN NOT NULL,
    "newFinal" BOOLEAN NOT NULL,
    "newPublication" "PriceIndexPublication" NOT NULL,
    "reason" TEXT NOT NULL,
    "oldMethodology" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "correctedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceIndexCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceIndexRun" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "fromWeek" DATE NOT NULL,
    "toWeek" DATE NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "corrections" INTEGER NOT NULL,

    CONSTRAINT "PriceIndexRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PriceIndexValue_weekStart_idx" ON "PriceIndexValue"("weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "PriceIndexValue_family_form_region_weekStart_key" ON "PriceIndexValue"("family", "form", "region", "weekStart");

-- CreateIndex
CREATE INDEX "PriceIndexCorrection_correctedAt_idx" ON "PriceIndexCorrection"("correctedAt");

-- CreateIndex
CREATE INDEX "PriceIndexCorrection_family_form_region_weekStart_idx" ON "PriceIndexCorrection"("family", "form", "region", "weekStart");

-- CreateIndex
CREATE INDEX "PriceIndexRun_startedAt_idx" ON "PriceIndexRun"("startedAt");

