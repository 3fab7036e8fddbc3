import { Form } from "@remix-run/react";
import { FacilityLocationField } from "~/components/facility-location-field.tsx";
import { FieldError, FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import {
  BATTERY_CONDITION_CRITERIA,
  BATTERY_CONDITION_LABELS,
  BATTERY_CONDITIONS,
  CHEMISTRIES,
  CHEMISTRY_LABELS,
  LOT_FORM_LABELS,
  LOT_FORMS,
  RECYCLING_PROCESS_LABELS,
  RECYCLING_PROCESSES,
} from "~/domain/codes.ts";
import { RECOVERY_FIELDS, RECOVERY_METAL_LABELS, RECOVERY_METALS } from "~/domain/facility-input.ts";

/** Field values of the facility profile form, as strings (an existing facility or the defaults). */
export type FacilityFormDefaults = Record<string, string | string[]>;

function CheckboxGroup({
  name,
  legend,
  options,
  chosen,
  feedback,
  hints,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  chosen: Set<string>;
  feedback?: FormFeedback;
  hints?: Readonly<Record<string, string>>;
}) {
  const error = feedback?.errors?.[name];
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className={hints ? "checks checks-column" : "checks"}>
        {options.map((value) => (
          <label key={value} title={hints?.[value]}>
            <input type="checkbox" name={name} value={value} defaultChecked={chosen.has(value)} />
            <span>
              {LABELS[name]?.[value] ?? value}
              {hints?.[value] ? <small className="hint"> — {hints[value]}</small> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError name={name} feedback={feedback} />
    </fieldset>
  );
}

const LABELS: Record<string, Readonly<Record<string, string>>> = {
  processes: RECYCLING_PROCESS_LABELS,
  acceptedChemistries: CHEMISTRY_LABELS,
  acceptedForms: LOT_FORM_LABELS,
  acceptedConditions: BATTERY_CONDITION_LABELS,
};

export function FacilityForm({
  defaults,
  feedback,
  submitLabel,
}: {
  defaults: FacilityFormDefaults;
  feedback?: FormFeedback;
  submitLabel: string;
}) {
  // After a rejected submission the form shows what was typed, not the stored values.
  const values = feedback?.values ?? defaults;
  const text = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const chosen = (name: string) => {
    const v = values[name];
    return new Set(Array.isArray(v) ? v : v ? [v] : []);
  };
  const consent = feedback?.values
    ? chosen("holdsImportConsent").size > 0
    : text("holdsImportConsent") === "on";
  return (
    <Form method="post" noValidate className="facility-form">
      <input type="hidden" name="intent" value="profile" />
      <FormError feedback={feedback} />
      <section className="card">
        <h2>Profile</h2>
        <TextField name="name" label="Facility name" defaultValue={text("name")} feedback={feedback} />
        <div className="field">
          <label htmlFor="field-description">Description</label>
          <textarea id="field-description" name="description" rows={4} defaultValue={text("description")} />
          <FieldError name="description" feedback={feedback} />
        </div>
        <TextField
          name="website"
          label="Website (optional)"
          defaultValue={text("website")}
          feedback={feedback}
        />
        <TextField
          name="annualCapacityTonnes"
          label="Annual capacity in tonnes (optional)"
          inputMode="numeric"
          defaultValue={text("annualCapacityTonnes")}
          feedback={feedback}
        />
      </section>

      <section className="card">
        <h2>Location</h2>
        <FacilityLocationField
          lat={text("lat")}
          lng={text("lng")}
          economy={text("economy")}
          address={text("address")}
          feedback={feedback}
        />
        <label className="check">
          <input type="checkbox" name="holdsImportConsent" value="on" defaultChecked={consent} />
          <span>
            Holds consent to import waste batteries (Basel Convention / OECD procedure), so sellers in other
            economies can ship here
          </span>
        </label>
      </section>

      <section className="card">
        <h2>Processes and accepted material</h2>
        <CheckboxGroup
          name="processes"
          legend="Processes"
          options={RECYCLING_PROCESSES}
          chosen={chosen("processes")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedChemistries"
          legend="Accepted chemistries"
          options={CHEMISTRIES}
          chosen={chosen("acceptedChemistries")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedForms"
          legend="Accepted forms"
          options={LOT_FORMS}
          chosen={chosen("acceptedForms")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedConditions"
          legend="Accepted conditions"
          options={BATTERY_CONDITIONS}
          chosen={chosen("acceptedConditions")}
          feedback={feedback}
          hints={BATTERY_CONDITION_CRITERIA}
        />
      </section>

      <section className="card">
        <h2>Recovery rates</h2>
        <p className="hint">
          The share of each metal in the feed that leaves as a saleable product, in percent with up to two
          decimals. Use 0 for a metal the facility does not recover.
        </p>
        <div className="field-row recovery-row">
          {RECOVERY_METALS.map((metal) => (
            <TextField
              key={metal}
              name={RECOVERY_FIELDS[metal]}
              label={`${RECOVERY_METAL_LABELS[metal]} %`}
              inputMode="decimal"
              defaultValue={text(RECOVERY_FIELDS[metal])}
              feedback={feedback}
            />
          ))}
        </div>
      </section>

      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}
