import { Form, useNavigation } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { FieldError, FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { LotLocationField } from "~/components/lot-location-field.tsx";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, SALE_MODES, type SaleMode } from "~/domain/codes.ts";
import { MAX_BIDDING_DAYS } from "~/domain/lot-input.ts";
import { SUPPORTED_CURRENCIES } from "~/domain/money.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";
import { LotDocumentInputs } from "./lot-document-inputs.tsx";

/**
 * The listing form, shared by /lots/new and /lots/:id/edit. Values come back from the server as
 * typed (FormFeedback) after a rejected submission; errors sit beside their fields.
 */

function SelectField({
  name,
  label,
  options,
  feedback,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  feedback?: FormFeedback;
  defaultValue: string;
  hint?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={feedback?.errors?.[name] ? true : undefined}
      >
        <option value="">{t("listing.form.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={name} feedback={feedback} />
    </div>
  );
}

export function LotForm({
  values,
  feedback,
  mode,
  status,
}: {
  /** Field values: what was submitted, else the stored lot, else defaults. */
  values: Record<string, string>;
  feedback?: FormFeedback;
  mode: "new" | "edit";
  status?: "draft" | "open";
}) {
  const { t } = useTranslation();
  const [saleMode, setSaleMode] = useState<SaleMode | "">((values.saleMode as SaleMode) ?? "");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const uses = (field: "startingPrice" | "reservePrice" | "askingPrice" | "closesAt") =>
    saleMode === "" ||
    (saleMode === "auction" && field !== "askingPrice") ||
    (saleMode === "sealed" && (field === "reservePrice" || field === "closesAt")) ||
    (saleMode === "fixed" && field === "askingPrice");
  const v = (name: string) => values[name] ?? "";
  // The close time is typed in the viewer's zone, named in its label and sent with it (ADR 040).
  const timeZone = useTimeZone();

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      className="lot-form stack"
      data-sale-mode={saleMode}
    >
      <FormError feedback={feedback} />
      {feedback?.errors && Object.keys(feedback.errors).length > 0 ? (
        <p className="form-error" role="alert">
          {t(mode === "new" ? "listing.form.correctAndFiles" : "listing.form.correct", {
            count: Object.keys(feedback.errors).length,
          })}
        </p>
      ) : null}
      {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
      <input type="hidden" name="timeZone" value={timeZone} />

      <fieldset>
        <legend>{t("listing.form.what")}</legend>
        <TextField
          name="title"
          label={t("listing.form.title")}
          defaultValue={v("title")}
          feedback={feedback}
          maxLength={120}
        />
        <div className="field-row">
          <SelectField
            name="chemistry"
            label={t("listing.form.chemistry")}
            defaultValue={v("chemistry")}
            feedback={feedback}
            options={CHEMISTRIES.map((c) => ({ value: c, label: t(`lot.chemistry.${c}`) }))}
          />
          <SelectField
            name="form"
            label={t("listing.form.form")}
            defaultValue={v("form")}
            feedback={feedback}
            options={LOT_FORMS.map((f) => ({ value: f, label: t(`lots.form.${f}`) }))}
          />
        </div>
        <div className="field" role="radiogroup" aria-labelledby="condition-label">
          <span className="label" id="condition-label">
            {t("listing.form.condition")}
          </span>
          <ul className="choice-list">
            {BATTERY_CONDITIONS.map((c) => (
              <li key={c}>
                <label>
                  <input type="radio" name="condition" value={c} defaultChecked={v("condition") === c} />{" "}
                  <strong>{t(`lots.condition.${c}`)}</strong>
                  <span className="criteria">{t(`lot.conditionCriteria.${c}`)}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError name="condition" feedback={feedback} />
        </div>
        <div className="field-row">
          <TextField
            name="count"
            label={t("listing.form.count")}
            hint={t("listing.form.countHint")}
            inputMode="numeric"
            defaultValue={v("count")}
            feedback={feedback}
          />
          <TextField
            name="massKg"
            label={t("listing.form.massKg")}
            hint={t("listing.form.massKgHint")}
            inputMode="numeric"
            defaultValue={v("massKg")}
            feedback={feedback}
          />
          <TextField
            name="energyKwh"
            label={t("listing.form.energyKwh")}
            hint={t("listing.form.energyKwhHint")}
            inputMode="decimal"
            defaultValue={v("energyKwh")}
            feedback={feedback}
          />
          <TextField
            name="stateOfHealthPct"
            label={t("listing.form.stateOfHealthPct")}
            hint="0–100"
            inputMode="numeric"
            defaultValue={v("stateOfHealthPct")}
            feedback={feedback}
          />
        </div>
        <div className="field-row">
          <TextField
            name="originVehicle"
            label={t("listing.form.originVehicle")}
            placeholder={t("listing.form.originVehiclePlaceholder")}
            defaultValue={v("originVehicle")}
            feedback={feedback}
          />
          <TextField
            name="originOem"
            label={t("listing.form.originOem")}
            placeholder={t("listing.form.originOemPlaceholder")}
            defaultValue={v("originOem")}
            feedback={feedback}
          />
        </div>
      </fieldset>

      <LotLocationField values={values} feedback={feedback} />
      <TextField
        name="availableFrom"
        label={t("listing.form.availableFrom")}
        type="date"
        defaultValue={v("availableFrom")}
        feedback={feedback}
      />

      <fieldset>
        <legend>{t("listing.form.how")}</legend>
        <div className="field" role="radiogroup" aria-labelledby="saleMode-label">
          <span className="label" id="saleMode-label">
            {t("listing.form.saleMode")}
          </span>
          <div className="choice-row">
            {SALE_MODES.map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="saleMode"
                  value={m}
                  checked={saleMode === m}
                  onChange={() => setSaleMode(m)}
                />{" "}
                {t(`lots.saleMode.${m}`)}
              </label>
            ))}
          </div>
          {saleMode ? <p className="hint">{t(`listing.form.priceHint.${saleMode}`)}</p> : null}
          <FieldError name="saleMode" feedback={feedback} />
        </div>
        <div className="field-row">
          <SelectField
            name="currency"
            label={t("listing.form.currency")}
            defaultValue={v("currency")}
            feedback={feedback}
            options={SUPPORTED_CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          {uses("startingPrice") ? (
            <TextField
              name="startingPrice"
              label={t("listing.form.startingPrice")}
              hint={t("listing.form.startingPriceHint")}
              inputMode="decimal"
              defaultValue={v("startingPrice")}
              feedback={feedback}
            />
          ) : null}
          {uses("reservePrice") ? (
            <TextField
              name="reservePrice"
              label={t("listing.form.reservePrice")}
              hint={t("listing.form.reservePriceHint")}
              inputMode="decimal"
              defaultValue={v("reservePrice")}
              feedback={feedback}
            />
          ) : null}
          {uses("askingPrice") ? (
            <TextField
              name="askingPrice"
              label={t("listing.form.askingPrice")}
              hint={t("listing.form.askingPriceHint")}
              inputMode="decimal"
              defaultValue={v("askingPrice")}
              feedback={feedback}
            />
          ) : null}
        </div>
        {uses("closesAt") ? (
          <TextField
            name="closesAt"
            label={t("listing.form.closesAt", { zone: timeZone })}
            hint={t("listing.form.closesAtHint", { days: MAX_BIDDING_DAYS })}
            type="datetime-local"
            defaultValue={v("closesAt")}
            feedback={feedback}
          />
        ) : null}
      </fieldset>

      <div className="field">
        <label htmlFor="field-description">{t("listing.form.description")}</label>
        <textarea
          id="field-description"
          name="description"
          rows={5}
          maxLength={5000}
          defaultValue={v("description")}
        />
        <FieldError name="description" feedback={feedback} />
      </div>

      {mode === "new" ? <LotDocumentInputs feedback={feedback} /> : null}

      <div className="actions">
        {mode === "new" || status === "draft" ? (
          <>
            <button type="submit" name="intent" value="draft" className="button-secondary" disabled={busy}>
              {t("listing.form.saveDraft")}
            </button>
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {t("listing.form.publish")}
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t("listing.form.saveChanges")}
          </button>
        )}
      </div>
    </Form>
  );
}
