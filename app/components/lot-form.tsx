import { Form, useNavigation } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { FieldError, FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { LotLocationField } from "~/components/lot-location-field.tsx";
import {
  BATTERY_CONDITION_CRITERIA,
  BATTERY_CONDITION_LABELS,
  BATTERY_CONDITIONS,
  CHEMISTRIES,
  CHEMISTRY_LABELS,
  LOT_FORM_LABELS,
  LOT_FORMS,
  SALE_MODE_LABELS,
  SALE_MODES,
  type SaleMode,
} from "~/domain/codes.ts";
import { SUPPORTED_CURRENCIES } from "~/domain/money.ts";
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
        <option value="">Choose…</option>
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

const PRICE_HINTS: Record<SaleMode, string> = {
  auction: "Bids start at the starting price; below the reserve (kept private) you need not sell.",
  sealed: "Buyers send one sealed offer each; the reserve (kept private) is the least you will accept.",
  fixed: "The first buyer to accept the asking price wins the lot.",
};

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
          Please correct the {Object.keys(feedback.errors).length === 1 ? "field" : "fields"} marked below
          {mode === "new" ? " and choose any files again" : ""}.
        </p>
      ) : null}
      {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
      <input type="hidden" name="timeZone" value={timeZone} />

      <fieldset>
        <legend>What you are selling</legend>
        <TextField name="title" label="Title" defaultValue={v("title")} feedback={feedback} maxLength={120} />
        <div className="field-row">
          <SelectField
            name="chemistry"
            label="Chemistry"
            defaultValue={v("chemistry")}
            feedback={feedback}
            options={CHEMISTRIES.map((c) => ({ value: c, label: CHEMISTRY_LABELS[c] }))}
          />
          <SelectField
            name="form"
            label="Form"
            defaultValue={v("form")}
            feedback={feedback}
            options={LOT_FORMS.map((f) => ({ value: f, label: LOT_FORM_LABELS[f] }))}
          />
        </div>
        <div className="field" role="radiogroup" aria-labelledby="condition-label">
          <span className="label" id="condition-label">
            Condition
          </span>
          <ul className="choice-list">
            {BATTERY_CONDITIONS.map((c) => (
              <li key={c}>
                <label>
                  <input type="radio" name="condition" value={c} defaultChecked={v("condition") === c} />{" "}
                  <strong>{BATTERY_CONDITION_LABELS[c]}</strong>
                  <span className="criteria">{BATTERY_CONDITION_CRITERIA[c]}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError name="condition" feedback={feedback} />
        </div>
        <div className="field-row">
          <TextField
            name="count"
            label="Count"
            hint="Packs, modules, cells or bags"
            inputMode="numeric"
            defaultValue={v("count")}
            feedback={feedback}
          />
          <TextField
            name="massKg"
            label="Gross mass (kg)"
            hint="Whole lot, in kilograms"
            inputMode="numeric"
            defaultValue={v("massKg")}
            feedback={feedback}
          />
          <TextField
            name="energyKwh"
            label="Energy (kWh, optional)"
            hint="Nominal, whole lot"
            inputMode="decimal"
            defaultValue={v("energyKwh")}
            feedback={feedback}
          />
          <TextField
            name="stateOfHealthPct"
            label="State of health (%, optional)"
            hint="0–100"
            inputMode="numeric"
            defaultValue={v("stateOfHealthPct")}
            feedback={feedback}
          />
        </div>
        <div className="field-row">
          <TextField
            name="originVehicle"
            label="Origin vehicle (optional)"
            placeholder="E.g. Nissan Leaf ZE1"
            defaultValue={v("originVehicle")}
            feedback={feedback}
          />
          <TextField
            name="originOem"
            label="OEM (optional)"
            placeholder="E.g. Nissan"
            defaultValue={v("originOem")}
            feedback={feedback}
          />
        </div>
      </fieldset>

      <LotLocationField values={values} feedback={feedback} />
      <TextField
        name="availableFrom"
        label="Available from"
        type="date"
        defaultValue={v("availableFrom")}
        feedback={feedback}
      />

      <fieldset>
        <legend>How you are selling</legend>
        <div className="field" role="radiogroup" aria-labelledby="saleMode-label">
          <span className="label" id="saleMode-label">
            Sale mode
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
                {SALE_MODE_LABELS[m]}
              </label>
            ))}
          </div>
          {saleMode ? <p className="hint">{PRICE_HINTS[saleMode]}</p> : null}
          <FieldError name="saleMode" feedback={feedback} />
        </div>
        <div className="field-row">
          <SelectField
            name="currency"
            label="Currency"
            defaultValue={v("currency")}
            feedback={feedback}
            options={SUPPORTED_CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          {uses("startingPrice") ? (
            <TextField
              name="startingPrice"
              label="Starting price"
              hint="Auctions"
              inputMode="decimal"
              defaultValue={v("startingPrice")}
              feedback={feedback}
            />
          ) : null}
          {uses("reservePrice") ? (
            <TextField
              name="reservePrice"
              label="Reserve (optional, private)"
              hint="Auctions and tenders"
              inputMode="decimal"
              defaultValue={v("reservePrice")}
              feedback={feedback}
            />
          ) : null}
          {uses("askingPrice") ? (
            <TextField
              name="askingPrice"
              label="Asking price"
              hint="Fixed price"
              inputMode="decimal"
              defaultValue={v("askingPrice")}
              feedback={feedback}
            />
          ) : null}
        </div>
        {uses("closesAt") ? (
          <TextField
            name="closesAt"
            label={`Bidding closes (${timeZone} time)`}
            hint="Auctions and tenders, at most 90 days ahead"
            type="datetime-local"
            defaultValue={v("closesAt")}
            feedback={feedback}
          />
        ) : null}
      </fieldset>

      <div className="field">
        <label htmlFor="field-description">Description (optional)</label>
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
              Save draft
            </button>
            <button type="submit" name="intent" value="publish" disabled={busy}>
              Publish
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="save" disabled={busy}>
            Save changes
          </button>
        )}
      </div>
    </Form>
  );
}
