import type { TFunction } from "i18next";
import { z } from "zod";

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

export function newPasswordFieldIn(t: TFunction) {
  return z
    .string()
    .min(MIN_PASSWORD_LENGTH, t("account.errors.passwordTooShort", { min: MIN_PASSWORD_LENGTH }))
    .max(200, t("account.errors.tooLong", { max: 200 }));
}
