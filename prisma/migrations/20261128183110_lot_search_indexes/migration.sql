-- CreateIndex
CREATE INDEX "Lot_status_publishedAt_number_idx" ON "Lot"("status", "publishedAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "Lot_status_closesAt_number_idx" ON "Lot"("status", "closesAt", "number");

-- CreateIndex
CREATE INDEX "Lot_status_availableFrom_number_idx" ON "Lot"("status", "availableFrom", "number");

-- CreateIndex
CREATE INDEX "Lot_status_chemistry_form_condition_saleMode_economyCode_ma_idx" ON "Lot"("status", "chemistry", "form", "condition", "saleMode", "economyCode", "massKg", "stateOfHealthPct");


-- Free-text lot search (app/models/lot-search.server.ts): a GIN index over the words of a lot's
-- title, description, origin OEM and vehicle, and location label. An expression index, which
-- Prisma's schema cannot express: schema.prisma mentions it in a comment and
-- tests/integration/migrations.test.ts allows it by name. The 'simple' configuration (no stemming,
-- no stop words) suits the prefix queries the search builds ("tesl:*") and exists in PGlite as in
-- PostgreSQL, whereas pg_trgm is not loaded by the embedded database. The expression must stay
-- identical to SEARCH_TEXT in lot-search.server.ts or the planner will not use the index.
CREATE INDEX "Lot_search_text_idx" ON "Lot" USING GIN (
  to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("description", '') || ' ' || coalesce("originOem", '') || ' ' || coalesce("originVehicle", '') || ' ' || coalesce("locationLabel", ''))
);
