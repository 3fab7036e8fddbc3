-- One capacity window per facility and month (ADR 042). The app refuses a second window with a
-- field error; this index is the backstop for two posts racing. If existing data holds two windows
-- of one facility for the same month this fails and names the pair: merge them by hand first.
-- The unique index also serves the lookups the plain (facilityId, month) index served.
CREATE UNIQUE INDEX "CapacityWindow_facilityId_month_key" ON "CapacityWindow"("facilityId", "month");

DROP INDEX "CapacityWindow_facilityId_month_idx";
