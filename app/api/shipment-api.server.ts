import { z } from "zod";
import { ASSAY_FIELDS, MAX_NOTE_LENGTH, MILESTONE_KINDS } from "~/domain/shipments/milestones.ts";

/** The body of POST /api/v1/shipments/{id}/milestones (issue 12 item 8, ADR 022). */

const wholeBp = z
  .number({ invalid_type_error: "Send whole basis points as a number." })
  .int("Use whole basis points.")
  .min(0, "Use 0 to 10,000 basis points.")
  .max(10_000, "Use 0 to 10,000 basis points.");

const Assay = z
  .object(
    Object.fromEntries(ASSAY_FIELDS.map((field) => [field, wholeBp.optional()])) as Record<
      (typeof ASSAY_FIELDS)[number],
      z.ZodOptional<typeof wholeBp>
    >,
  )
  .strict();

export const RecordMilestoneBody = z
  .object({
    kind: z.enum(MILESTONE_KINDS, {
      errorMap: () => ({ message: `Use one of ${MILESTONE_KINDS.join(", ")}.` }),
    }),
    occurredAt: z.string({ required_error: "Required." }).datetime({
      offset: true,
      message: "Send an ISO 8601 date-time with a time zone, e.g. 2026-12-01T12:00:00Z.",
    }),
    location: z
      .object({
        lat: z
          .number({ invalid_type_error: "Send a number." })
          .min(-90, "From -90 to 90.")
          .max(90, "From -90 to 90."),
        lng: z
          .number({ invalid_type_error: "Send a number." })
          .min(-180, "From -180 to 180.")
          .max(180, "From -180 to 180."),
      })
      .strict()
      .optional(),
    netWeightKg: z
      .number({ invalid_type_error: "Send whole kilograms as a number." })
      .int("Use whole kilograms.")
      .positive("Use a weight above zero.")
      .max(100_000_000, "Use at most 100,000,000 kg.")
      .optional(),
    packaging: z
      .string()
      .trim()
      .min(1, "Say how the lot is packed.")
      .max(200, "Use at most 200 characters.")
      .optional(),
    stateOfChargePct: z
      .number({ invalid_type_error: "Send a whole percent as a number." })
      .int("Use a whole percent.")
      .min(0, "From 0 to 100.")
      .max(100, "From 0 to 100.")
      .optional(),
    assay: Assay.optional(),
    note: z.string().max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`).optional(),
    evidenceDocumentIds: z
      .array(z.string().uuid("Send the document's id (a UUID)."))
      .max(20, "At most 20 documents.")
      .optional(),
  })
  .strict();
export type RecordMilestoneBody = z.infer<typeof RecordMilestoneBody>;

/** The body of POST /api/v1/shipments/{id}/carrier: the carrier to assign, or null to clear it. */
export const AssignCarrierBody = z
  .object({
    carrierOrganizationId: z
      .string()
      .uuid("Send the carrier organisation's id (a UUID), or null.")
      .nullable(),
  })
  .strict();
export type AssignCarrierBody = z.infer<typeof AssignCarrierBody>;

const day = z
  .string({ required_error: "Required." })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "Send a date as YYYY-MM-DD.");

/** The body of POST /api/v1/shipments/{id}/consents (rules beyond types: domain/shipments/consent.ts). */
export const RecordConsentBody = z
  .object({
    notificationNumber: z.string({ required_error: "Required." }).max(40, "At most 40 characters."),
    authorities: z
      .array(z.string().max(200, "At most 200 characters."), { required_error: "Required." })
      .min(1, "Name at least one consenting authority.")
      .max(6, "Name at most 6 authorities."),
    validFrom: day,
    validTo: day,
    shipmentsConsented: z.number({ invalid_type_error: "Send a whole number." }).int("Send a whole number."),
    serialNumber: z.number({ invalid_type_error: "Send a whole number." }).int("Send a whole number."),
  })
  .strict();
export type RecordConsentBody = z.infer<typeof RecordConsentBody>;
