-- CreateEnum
CREATE TYPE "DealStatus" AS ENUM ('awaiting_payment', 'funded', 'in_transit', 'received', 'provisionally_released', 'final_assessment', 'settled', 'disputed', 'cancelled', 'refunded', 'lapsed');

-- CreateEnum
CREATE TYPE "LedgerAccount" AS ENUM ('payer_funds_held', 'payee_payable', 'platform_revenue', 'stripe_clearing', 'bank_clearing', 'refunds_payable', 'payer_receivable');

-- CreateEnum
CREATE TYPE "LedgerTransactionKind" AS ENUM ('payment_received', 'provisional_release', 'commission', 'final_settlement', 'refund_decided', 'payout_to_payee', 'refund_to_payer', 'recovered_from_payee');

-- CreateTable
CREATE TABLE "Deal" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "lotId" UUID NOT NULL,
    "awardId" UUID,
    "bookingId" UUID,
    "sellerOrganizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "payerOrganizationId" UUID NOT NULL,
    "payeeOrganizationId" UUID NOT NULL,
    "facilityId" UUID,
    "massKg" INTEGER NOT NULL,
    "priceMinorPerTonne" BIGINT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "priceKind" "PriceKind" NOT NULL,
    "incoterm" "Incoterm" NOT NULL,
    "commissionBp" INTEGER NOT NULL,
    "provisionalShareBp" INTEGER NOT NULL,
    "inspectionDays" INTEGER NOT NULL,
    "status" "DealStatus" NOT NULL DEFAULT 'awaiting_payment',
    "paymentDueAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3),
    "receivedKg" INTEGER,
    "finalFiguresAt" TIMESTAMPTZ(3),
    "disputedFrom" "DealStatus",
    "settledAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealEvent" (
    "id" UUID NOT NULL,
    "dealId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "fromStatus" "DealStatus" NOT NULL,
    "toStatus" "DealStatus" NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorUserId" UUID,
    "actorOrganizationId" UUID,
    "data" JSONB,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DealEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTransaction" (
    "id" UUID NOT NULL,
    "dealId" UUID,
    "kind" "LedgerTransactionKind" NOT NULL,
    "key" TEXT,
    "memo" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerPosting" (
    "id" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "account" "LedgerAccount" NOT NULL,
    "organizationId" UUID,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,

    CONSTRAINT "LedgerPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformSetting" (
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlatformSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Deal_number_key" ON "Deal"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_awardId_key" ON "Deal"("awardId");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_bookingId_key" ON "Deal"("bookingId");

-- CreateIndex
CREATE INDEX "Deal_lotId_idx" ON "Deal"("lotId");

-- CreateIndex
CREATE INDEX "Deal_payerOrganizationId_status_idx" ON "Deal"("payerOrganizationId", "status");

-- CreateIndex
CREATE INDEX "Deal_payeeOrganizationId_status_idx" ON "Deal"("payeeOrganizationId", "status");

-- CreateIndex
CREATE INDEX "Deal_status_paymentDueAt_idx" ON "Deal"("status", "paymentDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "DealEvent_dealId_sequence_key" ON "DealEvent"("dealId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTransaction_key_key" ON "LedgerTransaction"("key");

-- CreateIndex
CREATE INDEX "LedgerTransaction_dealId_occurredAt_idx" ON "LedgerTransaction"("dealId", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerPosting_transactionId_idx" ON "LedgerPosting"("transactionId");

-- CreateIndex
CREATE INDEX "LedgerPosting_organizationId_currency_idx" ON "LedgerPosting"("organizationId", "currency");

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "Award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "CapacityBooking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_sellerOrganizationId_fkey" FOREIGN KEY ("sellerOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_buyerOrganizationId_fkey" FOREIGN KEY ("buyerOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_payerOrganizationId_fkey" FOREIGN KEY ("payerOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_payeeOrganizationId_fkey" FOREIGN KEY ("payeeOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealEvent" ADD CONSTRAINT "DealEvent_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "LedgerTransaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Written by hand (ADR 017) ------------------------------------------------------------------

-- A deal has exactly one source, an award or a capacity booking, and sane terms.
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_one_source"
  CHECK (("awardId" IS NULL) <> ("bookingId" IS NULL));
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_terms"
  CHECK ("massKg" > 0 AND "priceMinorPerTonne" >= 0 AND "totalMinor" >= 0
    AND "commissionBp" BETWEEN 0 AND 10000 AND "provisionalShareBp" BETWEEN 0 AND 10000
    AND "inspectionDays" >= 0 AND "payerOrganizationId" <> "payeeOrganizationId");

-- A posting is never zero.
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_amount_not_zero" CHECK ("amountMinor" <> 0);

-- Every ledger transaction sums to zero per currency. Checked at commit (a deferred constraint
-- trigger), so the postings of one transaction can be inserted one by one; a transaction that
-- does not balance when its database transaction commits is refused and nothing is written,
-- whoever wrote the rows — the model, a script or raw SQL.
CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT p."currency", SUM(p."amountMinor") AS total INTO unbalanced
    FROM "LedgerPosting" p
   WHERE p."transactionId" = NEW."transactionId"
   GROUP BY p."currency"
  HAVING SUM(p."amountMinor") <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: its % postings sum to %',
      NEW."transactionId", unbalanced."currency", unbalanced.total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'LedgerPosting_balanced';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "LedgerPosting_balanced"
  AFTER INSERT ON "LedgerPosting"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced();

-- A transaction has at least two postings (one posting can never balance a non-zero amount, and
-- a transaction without postings records nothing).
CREATE FUNCTION ledger_transaction_has_postings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT COUNT(*) FROM "LedgerPosting" WHERE "transactionId" = NEW."id") < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has fewer than two postings', NEW."id"
      USING ERRCODE = 'check_violation', CONSTRAINT = 'LedgerTransaction_has_postings';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "LedgerTransaction_has_postings"
  AFTER INSERT ON "LedgerTransaction"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_transaction_has_postings();

-- The ledger is append-only: a correction is a new transaction, never an edit.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The default SQLSTATE (P0001, raise_exception): drivers keep the message as it is.
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER "LedgerPosting_append_only" BEFORE UPDATE OR DELETE ON "LedgerPosting"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER "LedgerTransaction_append_only" BEFORE UPDATE OR DELETE ON "LedgerTransaction"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- IDR now counts in hundredths, as ISO 4217 and Stripe do (one exponent table, ADR 017): amounts
-- stored before in whole rupiah are multiplied by 100 so they keep their value.
UPDATE "CapacityWindow" SET "priceMinorPerTonne" = "priceMinorPerTonne" * 100 WHERE "currency" = 'IDR';
UPDATE "CapacityBooking" SET "priceMinorPerTonne" = "priceMinorPerTonne" * 100 WHERE "currency" = 'IDR';
UPDATE "Lot" SET
  "startingPriceMinor" = "startingPriceMinor" * 100,
  "reservePriceMinor" = "reservePriceMinor" * 100,
  "askingPriceMinor" = "askingPriceMinor" * 100,
  "currentPriceMinor" = "currentPriceMinor" * 100,
  "leadingMaxMinor" = "leadingMaxMinor" * 100
WHERE "currency" = 'IDR';
UPDATE "Bid" SET
  "amountMinor" = "amountMinor" * 100,
  "maxAmountMinor" = "maxAmountMinor" * 100,
  "priceAfterMinor" = "priceAfterMinor" * 100
WHERE "currency" = 'IDR';
UPDATE "Award" SET "amountMinor" = "amountMinor" * 100, "commissionMinor" = "commissionMinor" * 100
WHERE "currency" = 'IDR';
UPDATE "Shipment" SET "costMinor" = "costMinor" * 100 WHERE "currency" = 'IDR';
UPDATE "ShipmentLeg" SET "costMinor" = "costMinor" * 100 WHERE "currency" = 'IDR';
UPDATE "Payment" SET "amountMinor" = "amountMinor" * 100, "commissionMinor" = "commissionMinor" * 100
WHERE "currency" = 'IDR';
UPDATE "ReferencePrice" SET "priceMinorPerTonne" = "priceMinorPerTonne" * 100 WHERE "currency" = 'IDR';
