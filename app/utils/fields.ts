import type { TFunction } from "i18next";
import { z } from "zod";
import { CAPABILITIES } from "~/domain/codes.ts";
import { isEconomyCode } from "~/domain/economies.ts";

// Field rules shared by several forms, with the messages people see.
export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "Use at most 254 characters.")
  .email("Enter a valid email address, like name@example.com.");

export const MIN_PASSWORD_LENGTH = 10;

export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

// The same rules with their messages in the page's language (account pages, issue 14).
export function emailFieldIn(t: TFunction) {
  return z
    .string()
    .trim()
    .min(1, t("account.errors.emailRequired"))
    .max(254, t("account.errors.tooLong", { max: 254 }))
    .email(t("account.errors.emailInvalid"));
}

/** A person's name (sign-up, accepting an invitation). */
export function personNameFieldIn(t: TFunction) {
  return z
    .string()
    .trim()
    .min(1, t("account.errors.nameRequired"))
    .max(120, t("account.errors.tooLong", { max: 120 }));
}

export function newPasswordFieldIn(t: TFunction) {
  return z
    .string()
    .min(MIN_PASSWORD_LENGTH, t("account.errors.passwordTooShort", { min: MIN_PASSWORD_LENGTH }))
    .max(200, t("account.errors.tooLong", { max: 200 }));
}

/**
 * An organisation's name, economy and capabilities, as sign-up and the organisation's settings both
 * ask for them, with messages in the page's language (field names and codes never change).
 */
export function organizationFieldsIn(t: TFunction) {
  return {
    name: z
      .string()
      .trim()
      .min(2, t("account.errors.organizationRequired"))
      .max(160, t("account.errors.tooLong", { max: 160 })),
    economy: z.string().refine(isEconomyCode, t("account.errors.economyRequired")),
    capabilities: z
      .array(z.enum(CAPABILITIES, { message: t("account.errors.capabilityUnknown") }))
      .min(1, t("account.errors.capabilityRequired"))
      .transform((list) => [...new Set(list)]),
  };
}
