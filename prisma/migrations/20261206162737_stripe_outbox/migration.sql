-- CreateEnum
CREATE TYPE "StripePayoutsStatus" AS ENUM ('none', 'onboarding', 'enabled', 'restricted');

-- CreateEnum
CREATE TYPE "PaymentCommandKind" AS ENUM ('payment_setup', 'transfer', 'refund', 'transfer_reversal');

-- CreateEnum
CREATE TYPE "PaymentCommandStatus" AS ENUM ('pending', 'done', 'failed');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "stripeAccountEventAt" TIMESTAMPTZ(3),
ADD COLUMN     "stripePayoutsStatus" "StripePayoutsStatus" NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "PaymentCommand" (
    "id" UUID NOT NULL,
    "dealId" UUID NOT NULL,
    "kind" "PaymentCommandKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "PaymentCommandStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "result" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "PaymentCommand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentException" (
    "id" UUID NOT NULL,
    "dealId" UUID,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "amountMinor" BIGINT,
    "currency" CHAR(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentException_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentCommand_status_nextAttemptAt_idx" ON "PaymentCommand"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PaymentCommand_dealId_createdAt_idx" ON "PaymentCommand"("dealId", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentException_resolvedAt_createdAt_idx" ON "PaymentException"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentException_eventId_code_key" ON "PaymentException"("eventId", "code");

