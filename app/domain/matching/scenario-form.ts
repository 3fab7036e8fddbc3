/**
 * The /insights/scenarios form read into scenario changes and back: two black mass import rules,
 * one joint hub, one freight rate and the CO2 price, each left out when its fields are blank.
 * Money is typed in US dollars and kept in cents. Errors name the form's own fields.
 */

import { parseScenarioChanges, type ScenarioChange } from "./scenario.ts";

export const IMPORT_RULE_ROWS = 2;

export type ScenarioForm = Record<string, string>;

const text = (form: ScenarioForm, key: string) => (form[key] ?? "").trim();

function number(value: string): number {
  return value === "" ? Number.NaN : Number(value);
}

function dollarsToCents(value: string): number {
  const n = number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : n;
}

/** Form field of each change's field, by the change's position. */
type FieldMap = Record<string, string>;

export function scenarioChangesFromForm(
  form: ScenarioForm,
): { ok: true; changes: ScenarioChange[] } | { ok: false; errors: Record<string, string> } {
  const raw: unknown[] = [];
  const fields: FieldMap[] = [];
  for (let i = 0; i < IMPORT_RULE_ROWS; i++) {
    const economy = text(form, `ban${i}Economy`);
    const rule = text(form, `ban${i}Rule`);
    if (economy === "" && rule === "") continue;
    raw.push({ kind: "black_mass_import", economy, rule });
    fields.push({ economy: `ban${i}Economy`, rule: `ban${i}Rule` });
  }
  if (text(form, "hubPort") !== "" || text(form, "hubTonnes") !== "") {
    raw.push({
      kind: "hub",
      port: text(form, "hubPort"),
      chemistry: text(form, "hubChemistry"),
      tonnesPerMonth: number(text(form, "hubTonnes")),
      priceCentsPerTonne: dollarsToCents(text(form, "hubPrice")),
      recoveryPct: number(text(form, "hubRecovery")),
    });
    fields.push({
      port: "hubPort",
      chemistry: "hubChemistry",
      tonnesPerMonth: "hubTonnes",
      priceCentsPerTonne: "hubPrice",
      recoveryPct: "hubRecovery",
    });
  }
  if (text(form, "freightRate") !== "") {
    raw.push({
      kind: "freight_rate",
      mode: text(form, "freightMode"),
      centsPer1000Tkm: dollarsToCents(text(form, "freightRate")),
    });
    fields.push({ mode: "freightMode", centsPer1000Tkm: "freightRate" });
  }
  if (text(form, "co2Price") !== "") {
    raw.push({ kind: "co2_price", centsPerTonne: dollarsToCents(text(form, "co2Price")) });
    fields.push({ centsPerTonne: "co2Price" });
  }
  const parsed = parseScenarioChanges(raw);
  if (parsed.ok) return parsed;
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(parsed.errors)) {
    const match = /^changes\[(\d+)\]\.(\w+)$/.exec(key);
    const field = match ? fields[Number(match[1])]?.[match[2]] : undefined;
    errors[field ?? "changes"] =
      key === "changes"
        ? "Change at least one thing: an import rule, a hub, a freight rate or the CO2 price."
        : message;
  }
  return { ok: false, errors };
}

const dollars = (cents: number) => String(cents / 100);

/** The form's fields for stored changes (the first of each kind, as the form holds one). */
export function scenarioFormFromChanges(changes: readonly ScenarioChange[]): ScenarioForm {
  const form: ScenarioForm = {};
  let row = 0;
  for (const change of changes) {
    if (change.kind === "black_mass_import" && row < IMPORT_RULE_ROWS) {
      form[`ban${row}Economy`] = change.economy;
      form[`ban${row}Rule`] = change.rule;
      row++;
    } else if (change.kind === "hub" && form.hubPort === undefined) {
      form.hubPort = change.port;
      form.hubChemistry = change.chemistry;
      form.hubTonnes = String(change.tonnesPerMonth);
      form.hubPrice = dollars(change.priceCentsPerTonne);
      form.hubRecovery = String(change.recoveryPct);
    } else if (change.kind === "freight_rate" && form.freightRate === undefined) {
      form.freightMode = change.mode;
      form.freightRate = dollars(change.centsPer1000Tkm);
    } else if (change.kind === "co2_price") {
      form.co2Price = dollars(change.centsPerTonne);
    }
  }
  return form;
}

/** One line per change, for the scenario's page. */
export function describeChange(change: ScenarioChange, portName: (id: string) => string): string {
  switch (change.kind) {
    case "black_mass_import":
      return change.rule === "banned"
        ? `${change.economy} bans black mass imports`
        : `${change.economy} lifts its ban on black mass imports`;
    case "hub":
      return `Joint hub at ${portName(change.port)}: ${change.tonnesPerMonth} t/month of ${change.chemistry}, pays USD ${dollars(change.priceCentsPerTonne)}/t, recovers ${change.recoveryPct} %`;
    case "freight_rate":
      return `${change.mode} freight at USD ${dollars(change.centsPer1000Tkm)} per 1,000 t-km`;
    case "co2_price":
      return `CO2 priced at USD ${dollars(change.centsPerTonne)} per tonne`;
  }
}
