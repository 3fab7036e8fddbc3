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
