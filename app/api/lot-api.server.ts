import { z } from "zod";

/**
 * The JSON body of POST /api/v1/lots and PATCH /api/v1/lots/{id}. The schema checks only shapes
 * and types (and rejects unknown fields by name); whether a value makes sense, and which fields a
 * lot needs, is validateLotInput's job, so the API, the form and CSV import give the same answers.
 */

const text = z.string().nullable().optional();
const number = z.number().nullable().optional();
const money = z
  .object({
    amountMinor: z.number({ invalid_type_error: "amountMinor must be a number of minor units." }),
    currency: z.string(),
  })
  .strict()
  .nullable()
  .optional();

const lotFields = {
  title: text,
  chemistry: text,
  form: text,
  condition: text,
  count: number,
  massKg: number,
  energyKwh: number,
  stateOfHealthPct: number,
  originVehicle: text,
  originOem: text,
  location: z.object({ lat: z.number(), lng: z.number() }).strict().optional(),
  locationLabel: text,
  // The document's enum: a code, or null (or left out) to derive it from the location; never "".
  economy: z
    .string()
    .regex(
      /^[A-Za-z]{2}$/,
      "Use the ISO code of an APEC economy, such as AU, or null to derive it from the location.",
    )
    .nullable()
    .optional(),
  availableFrom: text,
  saleMode: text,
  // The document's pattern: a code whenever it is given; null and "" are not currencies.
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "Give an ISO 4217 currency code, such as USD.")
    .optional(),
  startingPrice: money,
  reservePrice: money,
  askingPrice: money,
  closesAt: text,
  description: text,
};

export const CreateLotBody = z
  .object({
    ...lotFields,
    /** "open" publishes at once; the default is a draft, so nothing goes live by accident. */
    status: z.enum(["draft", "open"]).optional(),
  })
  .strict();

export const PatchLotBody = z
  .object({
    ...lotFields,
    /** "open" publishes a draft, "withdrawn" withdraws the lot. */
    status: z.enum(["open", "withdrawn"]).optional(),
  })
  .strict();

export type PatchLotBody = z.infer<typeof PatchLotBody>;

/**
 * The raw input of a PATCH: the stored lot with the body's fields laid over it. A new location
 * replaces the stored coordinates; a new currency drops stored prices the body does not restate,
 * since an amount in minor units means nothing in another currency.
 */
export function mergePatch(stored: Record<string, unknown>, body: PatchLotBody): Record<string, unknown> {
  const { status: _status, ...fields } = body;
  const merged: Record<string, unknown> = { ...stored };
  if (fields.location) {
    delete merged.lat;
    delete merged.lng;
  }
  if (fields.currency && fields.currency.toUpperCase() !== stored.currency) {
    for (const price of ["startingPrice", "reservePrice", "askingPrice"]) {
      if (!(price in fields)) merged[price] = null;
    }
  }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) merged[key] = value;
  return merged;
}
