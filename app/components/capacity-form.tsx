import { Form, Link } from "@remix-run/react";
import { FieldError, type FormFeedback, TextField } from "~/components/form.tsx";
import { PRICE_KINDS } from "~/domain/capacity.ts";
import type { Chemistry } from "~/domain/codes.ts";
import { SUPPORTED_CURRENCIES } from "~/domain/money.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/** Add or edit one month's capacity window of a facility. */
export function CapacityForm({
  editingId,
  bookedTonnes,
  defaults,
  feedback,
  facilityChemistries,
  minMonth,
  maxRepeatMonths,
}: {
  maxRepeatMonths: number;
  editingId: string | null;
  bookedTonnes: number;
  defaults: Record<string, string | string[]>;
  feedback?: FormFeedback;
  facilityChemistries: readonly Chemistry[];
  minMonth: string;
}) {
  const { t } = useTranslation();
  const values = feedback?.values ?? defaults;
  const text = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const chosen = new Set(Array.isArray(values.acceptedChemistries) ? values.acceptedChemistries : []);
  return (
    <Form method="post" noValidate className="capacity-form">
      <input type="hidden" name="intent" value={editingId ? "update" : "add"} />
      {editingId ? <input type="hidden" name="windowId" value={editingId} /> : null}
      <div className="field-row">
        <TextField
          name="month"
          label={t("facilities.capacity.form.month")}
          type="month"
          min={minMonth}
          defaultValue={text("month")}
          feedback={feedback}
        />
        <TextField
          name="tonnes"
          label={t("facilities.capacity.form.tonnes")}
          inputMode="decimal"
          hint={
            bookedTonnes > 0
              ? t("facilities.capacity.form.tonnesBooked", { tonnes: bookedTonnes })
              : t("facilities.capacity.form.tonnesHint")
          }
          defaultValue={text("tonnes")}
          feedback={feedback}
        />
      </div>
      <div className="field-row">
        <TextField
          name="price"
          label={t("facilities.capacity.form.price")}
          inputMode="decimal"
          hint={t("facilities.capacity.form.priceHint")}
          defaultValue={text("price")}
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-currency">{t("facilities.capacity.form.currency")}</label>
          <select id="field-currency" name="currency" defaultValue={text("currency")}>
            {SUPPORTED_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError name="currency" feedback={feedback} />
        </div>
      </div>
      <fieldset className="field">
        <legend>{t("facilities.capacity.form.whoPays")}</legend>
        <div className="checks">
          {PRICE_KINDS.map((kind) => (
            <label key={kind}>
              <input type="radio" name="priceKind" value={kind} defaultChecked={text("priceKind") === kind} />
              {t(`facilities.capacity.form.priceKind.${kind}`)}
            </label>
          ))}
        </div>
        <FieldError name="priceKind" feedback={feedback} />
      </fieldset>
      <fieldset className="field">
        <legend>{t("facilities.capacity.form.chemistries")}</legend>
        <p className="hint">{t("facilities.capacity.form.chemistriesHint")}</p>
        <div className="checks">
          {facilityChemistries.map((c) => (
            <label key={c}>
              <input type="checkbox" name="acceptedChemistries" value={c} defaultChecked={chosen.has(c)} />
              {chemistryShortLabel(t, c)}
            </label>
          ))}
        </div>
        <FieldError name="acceptedChemistries" feedback={feedback} />
      </fieldset>
      <TextField
        name="note"
        label={t("facilities.capacity.form.note")}
        defaultValue={text("note")}
        feedback={feedback}
      />
      {editingId ? null : (
        <TextField
          name="repeatMonths"
          label={t("facilities.capacity.form.repeat")}
          type="number"
          min={1}
          max={maxRepeatMonths}
          inputMode="numeric"
          hint={t("facilities.capacity.form.repeatHint", { max: maxRepeatMonths })}
          defaultValue={text("repeatMonths") || "1"}
          feedback={feedback}
        />
      )}
      <p>
        <button type="submit">
          {editingId ? t("facilities.capacity.form.save") : t("facilities.capacity.form.post")}
        </button>{" "}
        {editingId ? (
          <Link to="." className="button button-secondary">
            {t("facilities.capacity.form.cancel")}
          </Link>
        ) : null}
      </p>
    </Form>
  );
}
