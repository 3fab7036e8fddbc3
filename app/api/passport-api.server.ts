import { z } from "zod";
import { PASSPORT_STATES } from "~/domain/passport/battery-pass-model.ts";

/**
 * The answer of GET /api/v1/lots/{id}/passport: a battery passport in the field names of the
 * Catena-X model io.catenax.battery.battery_pass 6.1.0 (ADR 023, docs/domain/battery-passport.md
 * §10.4). Only the fields a lot fills are listed; the OpenAPI document is generated from this schema
 * and the API test parses real answers with it.
 */
const documentRef = z.object({
  header: z.string(),
  category: z.string(),
  type: z.string(),
  content: z.string(),
});

export const BatteryPassResponse = z.object({
  specVersion: z.string(),
  metadata: z.object({
    version: z.string(),
    status: z.enum(["draft", "approved", "invalid", "expired"]),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    lastModification: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    passportIdentifier: z.string().startsWith("urn:uuid:"),
    economicOperatorId: z.string(),
  }),
  identification: z.object({
    category: z.string(),
    chemistry: z.string(),
    identification: z.object({
      type: z.object({ manufacturerPartId: z.string(), nameAtManufacturer: z.string() }),
      batch: z.array(z.object({ key: z.string(), value: z.string() })),
    }),
  }),
  operation: z.object({ manufacturer: z.object({ manufacturer: z.string() }) }).optional(),
  characteristics: z.object({
    physicalDimension: z.object({
      weight: z.object({ value: z.number(), unit: z.literal("unit:kilogram") }),
    }),
  }),
  performance: z
    .object({
      rated: z.object({ energy: z.object({ value: z.number() }) }).optional(),
      dynamic: z
        .object({ capacity: z.object({ fade: z.object({ value: z.number(), time: z.string() }) }) })
        .optional(),
    })
    .optional(),
  materials: z
    .object({
      active: z.record(z.object({ location: z.string(), critical: z.boolean() })),
      composition: z.array(
        z.object({
          id: z.array(z.object({ type: z.enum(["CAS", "EC", "IUPAC"]), name: z.string(), id: z.string() })),
          concentration: z.number(),
          unit: z.enum(["unit:percent", "unit:partPerMillion"]),
          location: z.string(),
          critical: z.boolean(),
        }),
      ),
    })
    .optional(),
  sustainability: z.object({
    status: z.enum(PASSPORT_STATES),
    carbonFootprint: z
      .array(z.object({ lifecycle: z.string(), type: z.string(), value: z.number(), unit: z.string() }))
      .optional(),
  }),
  sources: z.array(documentRef).optional(),
});
