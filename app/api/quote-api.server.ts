import { z } from "zod";
import { PRICE_KINDS } from "~/domain/capacity.ts";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { validateMatchFacility } from "~/domain/matching/match-input.ts";
import { type FieldProblem, problem, validationProblem, zodProblems } from "./http.server.ts";

/**
 * The body of POST /api/v1/quotes (issue 4, item 5), its checks, and the endpoint's own per-address
 * rate limit. The shapes are strict: an unknown field is named, never ignored, so a typo in
 * `stateOfHealthPct` does not silently quote a lot without it.
 */

export const MAX_INLINE_FACILITIES = 500;

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { errorMap: () => ({ message: `Unknown ${what} code: use one of ${values.join(", ")}.` }) });

const number = (message: string) => z.number({ invalid_type_error: message, required_error: message });

const Location = z
  .object({
    lat: number("Latitude must be a number from -90 to 90.")
      .min(-90, "Latitude must be between -90 and 90.")
      .max(90, "Latitude must be between -90 and 90."),
    lng: number("Longitude must be a number from -180 to 180.")
      .min(-180, "Longitude must be between -180 and 180.")
      .max(180, "Longitude must be between -180 and 180."),
  })
  .strict();

const Economy = enumOf(ECONOMY_CODES, "economy (APEC ISO)");

export const QuoteLot = z
  .object({
    chemistry: enumOf(CHEMISTRIES, "chemistry"),
    form: enumOf(LOT_FORMS, "form"),
    condition: enumOf(BATTERY_CONDITIONS, "condition"),
    massKg: number("Give the mass as a whole number of kilograms above zero.")
      .int("Give the mass as a whole number of kilograms above zero.")
      .positive("Give the mass as a whole number of kilograms above zero."),
    stateOfHealthPct: number("State of health is a percentage from 0 to 100.")
      .min(0, "State of health is a percentage from 0 to 100.")
      .max(100, "State of health is a percentage from 0 to 100.")
      .nullable()
      .optional(),
    location: Location,
    economy: Economy,
    availableFrom: z
      .string()
      // zod's date(): a calendar day that exists (no 30 February), written YYYY-MM-DD.
      .date("Give a date that exists, as YYYY-MM-DD.")
      .optional(),
  })
  .strict();

const Rate = number("A recovery rate is a percentage from 0 to 100.").min(0).max(100);

const Window = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM."),
    tonnes: number("Tonnes offered must be a number of at least 0.").min(
      0,
      "Tonnes offered must be a number of at least 0.",
    ),
    pricePerTonne: z
      .object({
        amountMinor: number("Give the price as a whole number of minor units.")
          .int("Give the price as a whole number of minor units.")
          .min(0, "A price is never negative: priceKind says who pays whom."),
        currency: z.string().regex(/^[A-Z]{3}$/, "Give an ISO 4217 currency code."),
      })
      .strict(),
    priceKind: enumOf(PRICE_KINDS, "price kind"),
  })
  .strict();

export const InlineFacility = z
  .object({
    id: z.string().min(1, "Give the facility an id."),
    name: z.string().min(1, "Give the facility a name."),
    location: Location,
    economy: Economy,
    processes: z.array(enumOf(RECYCLING_PROCESSES, "process")),
    acceptedChemistries: z.array(enumOf(CHEMISTRIES, "chemistry")),
    acceptedForms: z.array(enumOf(LOT_FORMS, "form")),
    acceptedConditions: z.array(enumOf(BATTERY_CONDITIONS, "condition")),
    recoveryRatesPct: z.object({ li: Rate, ni: Rate, co: Rate, mn: Rate, cu: Rate }).strict(),
    holdsImportConsent: z.boolean({
      invalid_type_error: "Say true or false.",
      required_error: "Say true or false.",
    }),
    // An empty list is allowed: the answer then says the facility has no capacity.
    capacity: z.array(Window),
  })
  .strict();

const Weight = number("A weight is a number of at least 0.").min(0, "A weight is a number of at least 0.");

export const QuoteBody = z
  .object({
    lot: QuoteLot,
    facilities: z
      .array(InlineFacility)
      .min(1, "List at least one facility, or leave `facilities` out.")
      // Checked before the body is parsed (413 TOO_MANY_FACILITIES); here so the document says so.
      .max(MAX_INLINE_FACILITIES)
      .optional(),
    weights: z
      .object({ netValue: Weight.optional(), co2: Weight.optional(), transitTime: Weight.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type QuoteBody = z.infer<typeof QuoteBody>;

/** "facilities.3.capacity.0.month" → "facilities[3].capacity[0].month", as the domain names fields. */
function bracketed(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/**
 * Checks a parsed JSON body: the facility cap first (so a huge list is refused cheaply, with its own
 * code), then every field; then the domain's checks of inline facilities (duplicate-free, currencies
 * the engine can convert). Answers the body or a problem+json Response.
 */
export function checkQuoteBody(
  raw: unknown,
): { ok: true; body: QuoteBody } | { ok: false; response: Response } {
  const facilities = (raw as { facilities?: unknown } | null)?.facilities;
  if (Array.isArray(facilities) && facilities.length > MAX_INLINE_FACILITIES) {
    return {
      ok: false,
      response: problem(413, `A quote takes at most ${MAX_INLINE_FACILITIES} inline facilities.`, {
        code: "TOO_MANY_FACILITIES",
        detail: `You sent ${facilities.length} facilities; the limit is ${MAX_INLINE_FACILITIES}. Split the list, or leave \`facilities\` out to quote against the marketplace.`,
        errors: [{ field: "facilities", message: `At most ${MAX_INLINE_FACILITIES} facilities.` }],
      }),
    };
  }
  const parsed = QuoteBody.safeParse(raw);
  if (!parsed.success) {
    const errors = zodProblems(parsed.error).map((e) => ({ ...e, field: bracketed(e.field) }));
    return { ok: false, response: validationProblem(errors) };
  }
  const errors: FieldProblem[] = [];
  const seen = new Set<string>();
  parsed.data.facilities?.forEach((facility, i) => {
    for (const [field, message] of Object.entries(validateMatchFacility(facility, `facilities[${i}]`)))
      errors.push({ field, message });
    if (seen.has(facility.id)) errors.push({ field: `facilities[${i}].id`, message: "Ids must be unique." });
    seen.add(facility.id);
  });
  if (errors.length > 0) return { ok: false, response: validationProblem(errors) };
  return { ok: true, body: parsed.data };
}
