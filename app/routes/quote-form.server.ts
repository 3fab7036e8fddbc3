import { z } from "zod";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import type { RankingWeights } from "~/domain/matching/ranking.ts";
import type { MatchLot } from "~/domain/matching/types.ts";
import { inEnglish, type Wording } from "~/domain/wording.ts";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/validation.ts";

/**
 * The /quote form: what a visitor types, read into the engine's lot and weights. Blank optional
 * fields mean "not given"; a blank economy is taken from the point (economyForLocation), since the
 * map already says where the lot is.
 */

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { errorMap: () => ({ message }) });
const numberIn = (min: number, max: number, message: string) =>
  z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .min(min, message)
    .max(max, message);
/** The form's schema, its messages worded by `say` (the page's language; English by default). */
function quoteForm(say: Wording) {
  const weight = z.preprocess(blank, numberIn(0, 10, say("weight", "A weight is from 0 to 10.")).default(5));
  return z.object({
    chemistry: choice(CHEMISTRIES, say("chemistry", "Choose the chemistry.")),
    form: choice(LOT_FORMS, say("form", "Choose the form.")),
    condition: choice(BATTERY_CONDITIONS, say("condition", "Choose the condition.")),
    massKg: z.preprocess(
      blank,
      numberIn(
        1,
        10_000_000,
        say("mass", "Give the mass as a whole number of kilograms, up to 10,000 t."),
      ).int(say("massWhole", "Give the mass as a whole number of kilograms.")),
    ),
    stateOfHealthPct: z.preprocess(
      blank,
      numberIn(0, 100, say("stateOfHealth", "State of health is from 0 to 100 %.")).optional(),
    ),
    lat: z.preprocess(
      blank,
      numberIn(-90, 90, say("lat", "Pick the location on the map, or type a latitude from -90 to 90.")),
    ),
    lng: z.preprocess(blank, numberIn(-180, 180, say("lng", "Type a longitude from -180 to 180."))),
    economy: z.preprocess(blank, choice(ECONOMY_CODES, say("economy", "Choose an APEC economy.")).optional()),
    availableFrom: z.preprocess(
      blank,
      z
        .string()
        // zod's date(): a calendar day that exists (no 30 February), written YYYY-MM-DD.
        .date(say("date", "Give a date that exists, as YYYY-MM-DD."))
        .optional(),
    ),
    wNet: weight,
    wCo2: weight,
    wTime: weight,
    websiteUrl: z.string().optional(),
  });
}

export type QuoteFormResult =
  | { ok: true; lot: MatchLot; weights: RankingWeights; values: FormValues; bot: boolean }
  | { ok: false; errors: FieldErrors; values: FormValues };

export function readQuoteForm(formData: FormData, say: Wording = inEnglish): QuoteFormResult {
  const parsed = parseForm(formData, quoteForm(say));
  if (!parsed.ok) return parsed;
  const { data, values } = parsed;
  const economy = data.economy ?? economyForLocation(data.lat, data.lng);
  if (!economy) {
    return {
      ok: false,
      values,
      errors: {
        economy: say("notInApec", "That point is not in an APEC economy: choose the economy."),
      },
    };
  }
  const weights = { netValue: data.wNet, co2: data.wCo2, transitTime: data.wTime };
  if (weights.netValue + weights.co2 + weights.transitTime === 0) {
    return { ok: false, values, errors: { wNet: say("noWeight", "Give at least one weight above 0.") } };
  }
  const lot: MatchLot = {
    chemistry: data.chemistry,
    form: data.form,
    condition: data.condition,
    massKg: data.massKg,
    stateOfHealthPct: data.stateOfHealthPct ?? null,
    location: { lat: data.lat, lng: data.lng },
    economy,
    ...(data.availableFrom ? { availableFrom: data.availableFrom } : {}),
  };
  return { ok: true, lot, weights, values, bot: Boolean(data.websiteUrl) };
}

/** The engine names fields as the API does ("lot.location.lat"); the form calls them "lat". */
export function formFieldErrors(errors: FieldErrors): FieldErrors {
  const named: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = field.replace(/^lot\.(location\.)?/, "").replace(/^weights.*/, "wNet");
    named[key] ??= message;
  }
  return named;
}
