import { Form } from "@remix-run/react";
import { FacilityLocationField } from "~/components/facility-location-field.tsx";
import { FieldError, FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { RECOVERY_FIELDS, RECOVERY_METALS } from "~/domain/facility-input.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

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
  /** The catalogue prefix of each option's explanation, e.g. "lot.conditionCriteria". */
  hints?: string;
}) {
  const { t } = useTranslation();
  const error = feedback?.errors?.[name];
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className={hints ? "checks checks-column" : "checks"}>
        {options.map((value) => (
          <label key={value} title={hints ? t(`${hints}.${value}`) : undefined}>
            <input type="checkbox" name={name} value={value} defaultChecked={chosen.has(value)} />
            <span>
              {LABELS[name] ? t(`${LABELS[name]}.${value}`) : value}
              {hints ? <small className="hint"> — {t(`${hints}.${value}`)}</small> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError name={name} feedback={feedback} />
    </fieldset>
  );
}

/** Each group's option labels: the catalogue prefix, keyed by the code. */
const LABELS: Record<string, string> = {
  processes: "facilities.process",
  acceptedChemistries: "lot.chemistry",
  acceptedForms: "lots.form",
  acceptedConditions: "lots.condition",
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
  const { t } = useTranslation();
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
        <h2>{t("facilities.form.profile")}</h2>
        <TextField
          name="name"
          label={t("facilities.form.name")}
          defaultValue={text("name")}
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-description">{t("facilities.form.description")}</label>
          <textarea id="field-description" name="description" rows={4} defaultValue={text("description")} />
          <FieldError name="description" feedback={feedback} />
        </div>
        <TextField
          name="website"
          label={t("facilities.form.website")}
          defaultValue={text("website")}
          feedback={feedback}
        />
        <TextField
          name="annualCapacityTonnes"
          label={t("facilities.form.annualCapacity")}
          inputMode="numeric"
          defaultValue={text("annualCapacityTonnes")}
          feedback={feedback}
        />
      </section>

      <section className="card">
        <h2>{t("facilities.form.location")}</h2>
        <FacilityLocationField
          lat={text("lat")}
          lng={text("lng")}
          economy={text("economy")}
          address={text("address")}
          feedback={feedback}
        />
        <label className="check">
          <input type="checkbox" name="holdsImportConsent" value="on" defaultChecked={consent} />
          <span>{t("facilities.form.consent")}</span>
        </label>
      </section>

      <section className="card">
        <h2>{t("facilities.form.material")}</h2>
        <CheckboxGroup
          name="processes"
          legend={t("facilities.form.processes")}
          options={RECYCLING_PROCESSES}
          chosen={chosen("processes")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedChemistries"
          legend={t("facilities.form.chemistries")}
          options={CHEMISTRIES}
          chosen={chosen("acceptedChemistries")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedForms"
          legend={t("facilities.form.forms")}
          options={LOT_FORMS}
          chosen={chosen("acceptedForms")}
          feedback={feedback}
        />
        <CheckboxGroup
          name="acceptedConditions"
          legend={t("facilities.form.conditions")}
          options={BATTERY_CONDITIONS}
          chosen={chosen("acceptedConditions")}
          feedback={feedback}
          hints="lot.conditionCriteria"
        />
      </section>

      <section className="card">
        <h2>{t("facilities.form.recoveryRates")}</h2>
        <p className="hint">{t("facilities.form.recoveryHint")}</p>
        <div className="field-row recovery-row">
          {RECOVERY_METALS.map((metal) => (
            <TextField
              key={metal}
              name={RECOVERY_FIELDS[metal]}
              label={`${t(`facilities.metal.${metal}`)} %`}
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
