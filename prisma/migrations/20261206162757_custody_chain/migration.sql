-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "corrects" INTEGER;

-- CreateTable
CREATE TABLE "CustodyAnchor" (
    "day" DATE NOT NULL,
    "digest" CHAR(64) NOT NULL,
    "lotCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustodyAnchor_pkey" PRIMARY KEY ("day")
);


-- Custody events and anchors are append-only (ADR 021): UPDATE is refused outright; DELETE of a
-- custody event only as part of deleting its lot (the foreign key's cascade, after the lot row is
-- gone: a failed import removes the lots it wrote), never on its own.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."lotId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Lot" WHERE "id" = OLD."lotId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % refused (record a correction instead)', TG_OP;
END
$$;

CREATE TRIGGER "audit_event_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE FUNCTION "custody_anchor_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CustodyAnchor is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER "custody_anchor_append_only"
  BEFORE UPDATE OR DELETE ON "CustodyAnchor"
  FOR EACH ROW EXECUTE FUNCTION "custody_anchor_append_only"();
