-- A bid's delivery terms are always stated by the code that writes it (ADR 013): auction bids are
-- EXW at the lot, tender and fixed-price bids EXW or DAP. The old default (DAP) silently made any
-- write that forgot the terms a delivered bid. Existing rows keep their value.
-- AlterTable
ALTER TABLE "Bid" ALTER COLUMN "incoterm" DROP DEFAULT;
