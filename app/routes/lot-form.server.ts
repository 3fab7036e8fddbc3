import type { TFunction } from "i18next";
import { economyByCode } from "~/domain/economies.ts";
import { MAX_DOCUMENT_BYTES, MAX_LOT_FORM_BYTES } from "~/domain/lot-documents.ts";
import { LOT_INPUT_FIELDS } from "~/domain/lot-input-fields.ts";
import { toMajorUnitString } from "~/domain/money.ts";
import { readBatteryPassport } from "~/domain/passport/import.ts";
import { isTimeZone, zonedDateTimeToInstant, zonedDateTimeValue } from "~/domain/time-zone.ts";
import { readFormWithFiles, type UploadedPart } from "~/utils/multipart.server.ts";
import type { FormValues } from "~/utils/validation.ts";

/**
 * Glue between the listing form (new and edit pages) and validateLotInput: which fields the form
 * has, how a chosen port fills in the location, and how a stored lot is shown in the form again.
 */

// The lot's input fields plus the port list, which only the form offers (it fills in the location).
export const LOT_FORM_FIELDS = [...LOT_INPUT_FIELDS, "port"] as const;

export function readLotFormRequest(request: Request) {
  return readFormWithFiles(request, { maxFileBytes: MAX_DOCUMENT_BYTES, maxTotalBytes: MAX_LOT_FORM_BYTES });
}

/** The values typed, to show the form again as it was sent. */
export function lotFormValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const name of [...LOT_FORM_FIELDS, "version"]) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/**
 * The raw input for validateLotInput. A port chosen from the list stands in for coordinates left
 * empty, names the location when it has no name yet, and is in its own economy.
 */
export function rawLotFromForm(form: FormData): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of LOT_FORM_FIELDS) {
    const value = form.get(name);
    raw[name] = typeof value === "string" ? value : "";
  }
  const port = raw.port ? economyByCode(raw.port) : undefined;
  if (port && raw.lat.trim() === "" && raw.lng.trim() === "") {
    raw.lat = String(port.portLat);
    raw.lng = String(port.portLng);
    raw.locationLabel ||= `Port of ${port.portName}`;
    raw.economy ||= port.code;
  }
  delete raw.port;
  // The close time is typed in the zone the form named (its hidden timeZone field, ADR 040) and
  // stored in UTC; text that is no date and time is left for validateLotInput to refuse.
  const zone = form.get("timeZone");
  if (isTimeZone(zone) && raw.closesAt.trim() !== "") {
    const instant = zonedDateTimeToInstant(raw.closesAt, zone);
    if (instant) raw.closesAt = instant.toISOString();
  }
  return raw;
}

/** "2026-03-01T14:00" in `zone`, as the form's datetime-local field shows it. */
export function zonedDateTimeLocal(date: Date, zone: string): string {
  return zonedDateTimeValue(date, zone);
}

/** The stored lot's fields the edit form shows (a Lot row satisfies it). */
export interface StoredLotFields {
  title: string;
  chemistry: string;
  form: string;
  condition: string;
  count: number;
  massKg: number;
  energyWh: number | null;
  stateOfHealthPct: number | null;
  originVehicle: string | null;
  originOem: string | null;
  lat: number;
  lng: number;
  locationLabel: string | null;
  economyCode: string;
  availableFrom: Date;
  saleMode: string;
  currency: string;
  startingPriceMinor: bigint | null;
  reservePriceMinor: bigint | null;
  askingPriceMinor: bigint | null;
  closesAt: Date | null;
  description: string | null;
  version: number;
}

/** A stored lot as the edit form shows it: prices in major units, the close time in the viewer's zone. */
export function lotFormDefaults(lot: StoredLotFields, zone = "UTC"): Record<string, string> {
  const price = (amount: bigint | null) =>
    amount === null ? "" : toMajorUnitString({ amountMinor: amount, currency: lot.currency });
  return {
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    count: String(lot.count),
    massKg: String(lot.massKg),
    energyKwh: lot.energyWh === null ? "" : String(lot.energyWh / 1000),
    stateOfHealthPct: lot.stateOfHealthPct === null ? "" : String(lot.stateOfHealthPct),
    originVehicle: lot.originVehicle ?? "",
    originOem: lot.originOem ?? "",
    lat: String(lot.lat),
    lng: String(lot.lng),
    locationLabel: lot.locationLabel ?? "",
    economy: lot.economyCode,
    availableFrom: lot.availableFrom.toISOString().slice(0, 10),
    saleMode: lot.saleMode,
    currency: lot.currency,
    startingPrice: price(lot.startingPriceMinor),
    reservePrice: price(lot.reservePriceMinor),
    askingPrice: price(lot.askingPriceMinor),
    closesAt: lot.closesAt ? zonedDateTimeLocal(lot.closesAt, zone) : "",
    description: lot.description ?? "",
    version: String(lot.version),
  };
}

/**
 * "List from a battery passport": the uploaded passport's fields as form values, and what does not
 * fit — errors keyed by the form's fields show beside them, the rest (status, an unreadable file)
 * as the form's message. Nothing is saved: the seller checks the form and completes it.
 */
export function prefillFromPassport(
  file: UploadedPart | undefined,
  /** The page's translator for the form's own messages; the passport reader's stay English. */
  t?: TFunction,
): {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string;
  passport: { fileName: string; status: "waste" | "repurposed" | null };
} {
  if (!file)
    return {
      values: {},
      errors: {},
      formError: t ? t("listing.passport.choose") : "Choose a battery passport file (JSON).",
      passport: { fileName: "", status: null },
    };
  if (!file.bytes) {
    return {
      values: {},
      errors: {},
      formError: t ? t("listing.passport.tooLarge") : "The passport file is larger than 1 MB.",
      passport: { fileName: file.fileName, status: null },
    };
  }
  const result = readBatteryPassport(new TextDecoder().decode(file.bytes));
  const values: Record<string, string> = { ...result.fields };
  const errors: Record<string, string> = {};
  const other: string[] = [];
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) {
      if ((LOT_FORM_FIELDS as readonly string[]).includes(field)) errors[field] = message;
      else other.push(message);
    }
  }
  return {
    values,
    errors,
    formError: other.length > 0 ? other.join(" ") : undefined,
    passport: { fileName: file.fileName, status: result.ok ? result.status : null },
  };
}
