import { type Failure, type FieldError, invalid } from "../failure.ts";

/**
 * A transboundary consent as a person records it (Basel Convention Art. 6 and the OECD control
 * procedure; docs/domain/border-rules.md §5): the notification number the consent answers, the
 * competent authorities that consented, the period it is valid for, how many shipments it covers
 * and this shipment's serial number among them. The departure gate (departure-gate.ts) reads it.
 */

export interface ConsentInput {
  notificationNumber: string;
  authorities: readonly string[];
  validFrom: Date | null;
  validTo: Date | null;
  shipmentsConsented: number | null;
  serialNumber: number | null;
}

export interface CheckedConsent {
  notificationNumber: string;
  authorities: string[];
  validFrom: Date;
  validTo: Date;
  shipmentsConsented: number;
  serialNumber: number;
}

/**
 * The longest validity taken: a Basel general notification covers up to a year, the OECD's
 * pre-consented facilities reportedly up to three; anything longer is a typing error
 * (docs/domain/border-rules.md §5.7).
 */
export const MAX_CONSENT_DAYS = 3 * 366;
export const MAX_AUTHORITIES = 6;
const MAX_TEXT = 200;

const whole = (value: number | null, min: number, max: number) =>
  value !== null && Number.isInteger(value) && value >= min && value <= max;

/** Every field checked at once, each refusal naming its field. */
export function checkConsent(
  input: ConsentInput,
): { ok: true; consent: CheckedConsent } | Failure<"VALIDATION"> {
  const errors: FieldError[] = [];
  const notificationNumber = input.notificationNumber.trim();
  if (!notificationNumber)
    errors.push({ field: "notificationNumber", message: "Give the notification number." });
  else if (notificationNumber.length > 40)
    errors.push({ field: "notificationNumber", message: "A notification number has at most 40 characters." });
  const authorities = input.authorities.map((a) => a.trim()).filter((a) => a !== "");
  if (authorities.length === 0)
    errors.push({ field: "authorities", message: "Name at least one consenting authority." });
  else if (authorities.length > MAX_AUTHORITIES)
    errors.push({ field: "authorities", message: `Name at most ${MAX_AUTHORITIES} authorities.` });
  else if (authorities.some((a) => a.length > MAX_TEXT))
    errors.push({
      field: "authorities",
      message: `Each authority's name has at most ${MAX_TEXT} characters.`,
    });
  const from = input.validFrom;
  const to = input.validTo;
  if (!from || Number.isNaN(from.getTime()))
    errors.push({ field: "validFrom", message: "Give the first valid day." });
  if (!to || Number.isNaN(to.getTime()))
    errors.push({ field: "validTo", message: "Give the last valid day." });
  else if (from && !Number.isNaN(from.getTime())) {
    if (to.getTime() < from.getTime())
      errors.push({ field: "validTo", message: "The consent must end after it starts." });
    else if (to.getTime() - from.getTime() > MAX_CONSENT_DAYS * 86_400_000)
      errors.push({ field: "validTo", message: "A consent is valid for at most three years." });
  }
  if (!whole(input.shipmentsConsented, 1, 10_000))
    errors.push({
      field: "shipmentsConsented",
      message: "Give the number of shipments consented, 1 to 10,000.",
    });
  if (!whole(input.serialNumber, 1, 10_000))
    errors.push({ field: "serialNumber", message: "Give this shipment's serial number, from 1." });
  else if (
    whole(input.shipmentsConsented, 1, 10_000) &&
    (input.serialNumber as number) > (input.shipmentsConsented as number)
  )
    errors.push({
      field: "serialNumber",
      message: `The serial number must be among the ${input.shipmentsConsented} shipments consented.`,
    });
  if (errors.length > 0) return invalid(errors);
  return {
    ok: true,
    consent: {
      notificationNumber,
      authorities,
      validFrom: from as Date,
      validTo: to as Date,
      shipmentsConsented: input.shipmentsConsented as number,
      serialNumber: input.serialNumber as number,
    },
  };
}

/** What a page or the API shows of it. */
export interface ConsentView {
  id: string;
  notificationNumber: string;
  authorities: string[];
  validFrom: string;
  validTo: string;
  shipmentsConsented: number;
  serialNumber: number;
  recordedAt: string;
}
