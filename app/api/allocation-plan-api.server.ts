import { z } from "zod";
import { PRICE_KINDS } from "~/domain/capacity.ts";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { type FieldProblem, problem, validationProblem, zodProblems } from "./http.server.ts";

/**
 * The body of POST /api/v1/allocation-plans (issue 4 item 6): optional inline lots (the quote's lot
 * shape plus `id`) and facilities (the quote's facility shape), strict, so an unknown field is named
 * rather than ignored; the size caps; and a per-organisation rate limit. The domain's own checks
 * (validateAllocationInput) run after these, inside planAllocation.
 */

/** A plan of this size solves in about a second (ADR 006); larger ones belong in a batch job. */
export const MAX_PLAN_LOTS = 2000;
export const MAX_PLAN_FACILITIES = 500;

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { errorMap: () => ({ message: `Unknown ${what} code: use one of ${values.join(", ")}.` }) });
const number = (message: string) => z.number({ invalid_type_error: message, required_error: message });
const percent = (message: string) => number(message).min(0, message).max(100, message);

const Location = z
  .object({
    lat: number("Latitude must be between -90 and 90.")
      .min(-90, "Latitude must be between -90 and 90.")
      .max(90, "Latitude must be between -90 and 90."),
    lng: number("Longitude must be between -180 and 180.")
      .min(-180, "Longitude must be between -180 and 180.")
      .max(180, "Longitude must be between -180 and 180."),
  })
  .strict();
const Economy = enumOf(ECONOMY_CODES, "economy (APEC ISO)");
const Id = z
  .string({ required_error: "Give an id." })
  .min(1, "Give an id.")
  .max(200, "Ids are at most 200 characters.");
const MASS = "Give the mass as a whole number of kilograms above zero.";

export const PlanLot = z
  .object({
    id: Id,
    chemistry: enumOf(CHEMISTRIES, "chemistry"),
    form: enumOf(LOT_FORMS, "form"),
    condition: enumOf(BATTERY_CONDITIONS, "condition"),
    massKg: number(MASS).int(MASS).positive(MASS),
    stateOfHealthPct: percent("State of health is a percentage from 0 to 100.").nullable().optional(),
    location: Location,
    economy: Economy,
    availableFrom: z
      .string()
      // zod's date(): a calendar day that exists (no 30 February), written YYYY-MM-DD.
      .date("Give a date that exists, as YYYY-MM-DD.")
      .optional(),
  })
  .strict();

const PRICE = "Give the price as a whole number of minor units of at least 0; priceKind says who pays.";
const Money = z
  .object({
    amountMinor: number(PRICE).int(PRICE).min(0, PRICE),
    currency: z.string().regex(/^[A-Z]{3}$/, "Give an ISO 4217 currency code."),
  })
  .strict();

const Window = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM."),
    tonnes: number("Tonnes offered must be a number of at least 0.").min(
      0,
      "Tonnes offered must be a number of at least 0.",
    ),
    bookedTonnes: number("Booked tonnes must be a number of at least 0.")
      .min(0, "Booked tonnes must be a number of at least 0.")
      .optional(),
    pricePerTonne: Money,
    priceKind: enumOf(PRICE_KINDS, "price kind"),
    acceptedChemistries: z.array(enumOf(CHEMISTRIES, "chemistry")).optional(),
  })
  .strict();

const Rate = percent("A recovery rate is a percentage from 0 to 100.");
export const PlanFacility = z
  .object({
    id: Id,
    name: z.string({ required_error: "Give the facility a name." }).min(1, "Give the facility a name."),
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
    capacity: z.array(Window),
  })
  .strict();

export const PlanBody = z
  .object({
    lots: z
      .array(PlanLot)
      .min(1, "List at least one lot, or leave `lots` out to plan the marketplace's open lots.")
      // Checked before the body is parsed (413 TOO_MANY_LOTS); here so the document says so.
      .max(MAX_PLAN_LOTS)
      .optional(),
    facilities: z
      .array(PlanFacility)
      .min(1, "List at least one facility, or leave `facilities` out to use the marketplace's.")
      .max(MAX_PLAN_FACILITIES)
      .optional(),
    co2PricePerTonne: Money.optional(),
  })
  .strict();
export type PlanBody = z.infer<typeof PlanBody>;

function bracketed(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

function tooMany(what: "lots" | "facilities", sent: number, max: number, code: string): Response {
  return problem(413, `A plan takes at most ${formatNumber(max)} inline ${what}.`, {
    code,
    detail: `You sent ${formatNumber(sent)} ${what}; the limit is ${formatNumber(max)}.`,
    errors: [{ field: what, message: `At most ${formatNumber(max)} ${what}.` }],
  });
}

/** Caps first (a huge list is refused before it is parsed field by field), then every field, then unique ids. */
export function checkPlanBody(
  raw: unknown,
): { ok: true; body: PlanBody } | { ok: false; response: Response } {
  const { lots, facilities } = (raw ?? {}) as { lots?: unknown; facilities?: unknown };
  if (Array.isArray(lots) && lots.length > MAX_PLAN_LOTS)
    return { ok: false, response: tooMany("lots", lots.length, MAX_PLAN_LOTS, "TOO_MANY_LOTS") };
  if (Array.isArray(facilities) && facilities.length > MAX_PLAN_FACILITIES)
    return {
      ok: false,
      response: tooMany("facilities", facilities.length, MAX_PLAN_FACILITIES, "TOO_MANY_FACILITIES"),
    };
  const parsed = PlanBody.safeParse(raw);
  if (!parsed.success) {
    const errors = zodProblems(parsed.error).map((e) => ({ ...e, field: bracketed(e.field) }));
    return { ok: false, response: validationProblem(errors) };
  }
  const errors: FieldProblem[] = [];
  for (const [list, items] of [
    ["lots", parsed.data.lots ?? []],
    ["facilities", parsed.data.facilities ?? []],
  ] as const) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) errors.push({ field: `${list}[${i}].id`, message: "Ids must be unique." });
      seen.add(item.id);
    });
  }
  if (errors.length > 0) return { ok: false, response: validationProblem(errors) };
  return { ok: true, body: parsed.data };
}

export function busyProblem(what: string): Response {
  return problem(503, "Another plan is being solved; try again in a few seconds.", {
    code: "PLAN_SOLVER_BUSY",
    detail: `${what} Plans are solved one at a time per server because solving holds the process.`,
    headers: { "Retry-After": "5" },
  });
}
