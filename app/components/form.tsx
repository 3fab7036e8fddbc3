import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation.ts";
import type { FieldErrors, FormValues } from "~/utils/validation.ts";

/** What an action answers when a form is rejected: one message per field and the values typed. */
export interface FormFeedback {
  errors?: FieldErrors;
  values?: FormValues;
  formError?: string;
}

export function submittedValue(feedback: FormFeedback | undefined, name: string): string | undefined {
  const value = feedback?.values?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export function TextField({
  name,
  label,
  hint,
  feedback,
  defaultValue,
  ...input
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  feedback?: FormFeedback;
} & InputHTMLAttributes<HTMLInputElement>) {
  const error = feedback?.errors?.[name];
  const id = `field-${name}`;
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        {...input}
        id={id}
        name={name}
        defaultValue={
          input.type === "password" ? undefined : (submittedValue(feedback, name) ?? defaultValue)
        }
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError name={name} feedback={feedback} />
    </div>
  );
}

export function FieldError({ name, feedback }: { name: string; feedback?: FormFeedback }) {
  const error = feedback?.errors?.[name];
  return error ? (
    <p className="field-error" id={`${name}-error`} role="alert">
      {error}
    </p>
  ) : null;
}

export function FormError({ feedback }: { feedback?: FormFeedback }) {
  return feedback?.formError ? (
    <p className="form-error" role="alert">
      {feedback.formError}
    </p>
  ) : null;
}

/**
 * A field people cannot see and bots fill in. A submission with it filled is dropped silently.
 */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="field-website-url">{t("listing.honeypot")}</label>
      <input id="field-website-url" name="websiteUrl" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
