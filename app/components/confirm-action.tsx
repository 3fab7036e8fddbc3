import { Form, Link } from "@remix-run/react";
import { type ReactNode, useId, useRef } from "react";
import { useTranslation } from "~/i18n/use-translation.ts";
import "./confirm-action.css";

/**
 * A binding or destructive action behind a confirmation that states its consequence (issue 15
 * item 7, ADR 042). The server does the action only when the post carries `confirmed=yes`:
 *
 * - with JavaScript, the button opens a modal <dialog> with the consequence; "Cancel" closes it
 *   and nothing is posted, the dialog's own button posts with `confirmed=yes`;
 * - without JavaScript the button posts without it, the action answers `{ confirm: … }` and the
 *   page shows the same question as a step (ConfirmStep) with the same confirming form.
 */
export const CONFIRMED = "yes";

/** Whether a posted form carries the confirmation (both the dialog and the step send it). */
export function isConfirmed(form: FormData): boolean {
  return form.get("confirmed") === CONFIRMED;
}

export interface ConfirmText {
  /** The question, e.g. "Withdraw this lot?" */
  title: string;
  /** What happens, in plain words: "3 bids will be cancelled and their bidders told." */
  consequence: string;
  /** The confirming button, naming the act: "Withdraw the lot". */
  confirmLabel: string;
}

function HiddenFields({ fields }: { fields: Readonly<Record<string, string>> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function ConfirmAction({
  fields,
  label,
  text,
  buttonClassName,
  disabled,
  buttonTitle,
  children,
}: {
  /** The action's own fields (intent, ids). */
  fields: Readonly<Record<string, string>>;
  label: string;
  text: ConfirmText;
  buttonClassName?: string;
  disabled?: boolean;
  buttonTitle?: string;
  /** Fields asked for in the dialog itself, e.g. a reason (posted with the confirmation). */
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useTranslation();
  return (
    <>
      <Form method="post" className="inline-form">
        <HiddenFields fields={fields} />
        <button
          type="submit"
          className={buttonClassName}
          disabled={disabled}
          title={buttonTitle}
          onClick={(event) => {
            // Hydrated: ask in the dialog. Before hydration the post asks through the step instead.
            if (!dialog.current?.showModal) return;
            event.preventDefault();
            dialog.current.showModal();
          }}
        >
          {label}
        </button>
      </Form>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} data-testid="confirm-dialog">
        <h2 id={titleId}>{text.title}</h2>
        <p data-testid="confirm-consequence">{text.consequence}</p>
        <Form method="post" className="confirm-buttons" onSubmit={() => dialog.current?.close()}>
          <HiddenFields fields={fields} />
          <input type="hidden" name="confirmed" value={CONFIRMED} />
          {children}
          <button type="submit" className="button-danger">
            {text.confirmLabel}
          </button>
          <button type="button" className="button-secondary" onClick={() => dialog.current?.close()}>
            {t("confirm.cancel")}
          </button>
        </Form>
      </dialog>
    </>
  );
}

/** The confirmation as a step of the page, for a post that arrived without `confirmed=yes`. */
export function ConfirmStep({
  fields,
  text,
  cancelTo,
  children,
}: {
  fields: Readonly<Record<string, string>>;
  text: ConfirmText;
  /** Where "Cancel" goes: the page as it was. */
  cancelTo: string;
  /** Fields asked for with the confirmation, as in ConfirmAction's dialog. */
  children?: ReactNode;
}) {
  const titleId = useId();
  const { t } = useTranslation();
  return (
    <section
      className="card confirm-step"
      role="alertdialog"
      aria-labelledby={titleId}
      data-testid="confirm-step"
    >
      <h2 id={titleId}>{text.title}</h2>
      <p data-testid="confirm-consequence">{text.consequence}</p>
      <Form method="post" className="confirm-buttons">
        <HiddenFields fields={fields} />
        <input type="hidden" name="confirmed" value={CONFIRMED} />
        {children}
        <button type="submit" className="button-danger">
          {text.confirmLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("confirm.cancel")}
        </Link>
      </Form>
    </section>
  );
}
