// Page helpers of the deal pages (/deals, /deals/:id, /deals/statement.csv, /admin/deals).
import type { TFunction } from "i18next";
import { type Failure, failureFieldErrors, invalid } from "~/domain/failure.ts";
import { parseMoneyInput } from "~/domain/money.ts";
import { catalogueFor, translatorFor } from "~/i18n/i18n.server.ts";

/**
 * The platform's bank account for manual transfers, from PLATFORM_BANK_DETAILS (one line per
 * detail, "|" or newlines between them). Null when not configured: the page says so instead of
 * showing an account nobody owns.
 */
export function platformBankDetails(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const text = env.PLATFORM_BANK_DETAILS?.trim();
  if (!text) return null;
  return text
    .split(/\||\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A whole number of kilograms from a form field, or the field's error. */
export function readKg(form: FormData, field: string): { ok: true; kg: number } | Failure {
  const text = String(form.get(field) ?? "")
    .replace(/[\s,]/g, "")
    .trim();
  const kg = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(kg))
    return invalid({ [field]: "Enter the weight as a whole number of kilograms." });
  return { ok: true, kg };
}

/** The admin's wire form: amount in major units, reference, the day it arrived (or was sent). */
export function readWireForm(
  form: FormData,
  currency: string,
): { ok: true; amountMinor: bigint; reference: string; at: Date } | Failure {
  const errors: Record<string, string> = {};
  const amount = parseMoneyInput(String(form.get("amount") ?? ""), currency);
  if (!amount.ok || amount.amountMinor <= 0)
    errors.amount = `Enter the amount in ${currency}, e.g. 12,500.00.`;
  const reference = String(form.get("reference") ?? "").trim();
  if (!reference || reference.length > 140)
    errors.reference = "Enter the bank reference (up to 140 characters).";
  const dateText = String(form.get("date") ?? "").trim();
  const at = /^\d{4}-\d{2}-\d{2}$/.test(dateText) ? new Date(`${dateText}T12:00:00Z`) : null;
  if (!at || Number.isNaN(at.getTime())) errors.date = "Enter the date as YYYY-MM-DD.";
  if (Object.keys(errors).length || !amount.ok || !at) return invalid(errors);
  return { ok: true, amountMinor: BigInt(amount.amountMinor), reference, at };
}

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** An organisation's ledger lines as CSV (RFC 4180), amounts in minor units and as decimals. */
export function statementCsv(
  rows: {
    at: string;
    deal: string;
    kind: string;
    memo: string;
    account: string;
    amountMinor: bigint;
    currency: string;
  }[],
  toMajor: (amountMinor: bigint, currency: string) => string,
): string {
  const header = [
    "date",
    "deal",
    "kind",
    "account",
    "debit_credit",
    "amount",
    "amount_minor",
    "currency",
    "memo",
  ];
  const lines = rows.map((r) =>
    [
      r.at,
      r.deal,
      r.kind,
      r.account,
      r.amountMinor >= 0n ? "debit" : "credit",
      toMajor(r.amountMinor, r.currency),
      r.amountMinor.toString(),
      r.currency,
      r.memo,
    ]
      .map(cell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

/**
 * A refused deal form's field errors in the page's language (ADR 054, 055): each message is worded
 * from the catalogue by its code — `deals.errors.<CODE>` or `deals.errors.<CODE>_<variant>` where
 * one code has several sentences, and a form field's `deals.errors.VALIDATION_<field>` — and only
 * where the English catalogue's sentence is the model's own (so a reworded model message shows in
 * English rather than a translation of something else). The model's English is the fallback; the
 * JSON API never comes here.
 */
export function dealFormErrors(
  t: TFunction,
  failure: Failure,
  values: Record<string, string> = {},
): Record<string, string> {
  const english = translatorFor("en");
  const catalogue =
    (catalogueFor("en") as { deals?: { errors?: Record<string, string> } }).deals?.errors ?? {};
  const keys = Object.keys(catalogue);
  const word = (field: string, message: string) => {
    const candidates = keys.filter(
      (key) =>
        key === failure.code ||
        key.startsWith(`${failure.code}_`) ||
        (failure.code === "VALIDATION" && key.startsWith(`VALIDATION_${field}`)),
    );
    const key = candidates.find((k) => english(`deals.errors.${k}`, values) === message);
    return key ? t(`deals.errors.${key}`, values) : message;
  };
  return Object.fromEntries(
    Object.entries(failureFieldErrors(failure)).map(([field, message]) => [field, word(field, message)]),
  );
}
