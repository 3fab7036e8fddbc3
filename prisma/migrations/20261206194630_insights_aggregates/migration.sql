-- CreateTable
CREATE TABLE "InsightFact" (
    "id" BIGSERIAL NOT NULL,
    "measure" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "economyCode" CHAR(2) NOT NULL,
    "toEconomyCode" CHAR(2),
    "chemistry" "Chemistry",
    "massKg" BIGINT NOT NULL DEFAULT 0,
    "bookedKg" BIGINT NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL DEFAULT 0,
    "liG" BIGINT NOT NULL DEFAULT 0,
    "niG" BIGINT NOT NULL DEFAULT 0,
    "coG" BIGINT NOT NULL DEFAULT 0,
    "mnG" BIGINT NOT NULL DEFAULT 0,
    "cuG" BIGINT NOT NULL DEFAULT 0,
    "transportCo2eG" BIGINT NOT NULL DEFAULT 0,
    "days" INTEGER[],
    "orgIds" UUID[],
    "counterpartIds" UUID[],

    CONSTRAINT "InsightFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightRefresh" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL,
    "watermark" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "InsightRefresh_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InsightFact_measure_month_idx" ON "InsightFact"("measure", "month");

