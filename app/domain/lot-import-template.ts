/**
 * What the downloadable import template says: the header line, two example lots that pass
 * validation when published, and the notes on every column (required or not, unit, allowed codes).
 * The spreadsheet service writes these into a CSV (notes as "#" lines after the examples, which the
 * import skips) or an XLSX (a "Lots" sheet and a "Help" sheet). Example dates follow `today`, so a
 * freshly downloaded template always validates.
 */

import {
  BATTERY_CONDITION_CRITERIA,
  BATTERY_CONDITIONS,
  CHEMISTRIES,
  CHEMISTRY_LABELS,
  LOT_FORM_LABELS,
  LOT_FORMS,
  SALE_MODE_LABELS,
  SALE_MODES,
} from "./codes.ts";
import { ECONOMIES } from "./economies.ts";
import { MAX_IMPORT_ROWS } from "./lot-import.ts";
import { IMPORT_COLUMNS, type ImportColumn, REQUIRED_COLUMNS } from "./lot-import-columns.ts";
import { SUPPORTED_CURRENCIES } from "./money.ts";
import { formatNumber } from "./quantity.ts";

export interface ColumnNote {
  column: ImportColumn;
  required: string;
  format: string;
}

const NOTES: Readonly<Record<ImportColumn, Omit<ColumnNote, "column" | "required">>> = {
  title: { format: "Text, 3–120 characters." },
  chemistry: { format: `One of ${CHEMISTRIES.join(", ")} (MIXED when unsure).` },
  form: { format: `One of ${LOT_FORMS.join(", ")}.` },
  condition: { format: `One of ${BATTERY_CONDITIONS.join(", ")} (criteria below).` },
  count: { format: "Whole number of packs, modules, cells, bags or drums in the lot." },
  massKg: { format: "Gross mass of the whole lot in kilograms (kg), whole number. Not tonnes." },
  energyKwh: { format: "Energy of the whole lot in kWh. Leave empty if unknown, and for black mass." },
  stateOfHealthPct: { format: "State of health in percent (%), whole number from 0 to 100. Optional." },
  originVehicle: { format: "Vehicle model the batteries came from. Optional." },
  originOem: { format: "Maker of the vehicle or battery. Optional." },
  lat: { format: "Latitude in decimal degrees, -90 to 90 (negative is south)." },
  lng: { format: "Longitude in decimal degrees, -180 to 180 (negative is west)." },
  locationLabel: { format: "Name of the place (depot, yard, port). Optional." },
  economy: { format: "ISO code of the APEC economy (list below). Empty: derived from lat/lng." },
  availableFrom: { format: "Date from which the lot can be collected, YYYY-MM-DD." },
  saleMode: { format: `One of ${SALE_MODES.join(", ")}.` },
  currency: { format: `ISO currency code of the prices: ${SUPPORTED_CURRENCIES.join(", ")}.` },
  startingPrice: { format: "Auctions: opening price, in major units of the currency (12500.00)." },
  reservePrice: { format: "Auctions and sealed tenders: lowest price you accept, major units. Optional." },
  askingPrice: { format: "Fixed price: the price, in major units of the currency." },
  closesAt: { format: "Auctions and sealed tenders: close time, YYYY-MM-DDTHH:MM:SSZ (UTC)." },
  description: { format: "Free text, up to 5,000 characters. Optional." },
};

function requiredText(column: ImportColumn): string {
  if (REQUIRED_COLUMNS.includes(column)) return "required";
  if (column === "startingPrice" || column === "askingPrice" || column === "closesAt") return "to publish";
  return "optional";
}

export const COLUMN_NOTES: readonly ColumnNote[] = IMPORT_COLUMNS.map((column) => ({
  column,
  required: requiredText(column),
  ...NOTES[column],
}));

export const TEMPLATE_INTRO = [
  "Packloop lot import: line 1 names the columns, and every further line is one lot.",
  "Units: masses in kg, energy in kWh, state of health in %, prices in major units of the currency (12500.00, not cents).",
  "Numbers: a point for decimals and no thousands separators (1234.5, not 1.234,5 or 1,234).",
  `Up to ${formatNumber(MAX_IMPORT_ROWS)} lots per file, at most 10 MB. Save CSV files as UTF-8. Lines starting with # are ignored.`,
];

/** [list, code, meaning] for every code a column accepts. */
export function codeListRows(): string[][] {
  return [
    ...CHEMISTRIES.map((c) => ["chemistry", c, CHEMISTRY_LABELS[c]]),
    ...LOT_FORMS.map((f) => ["form", f, LOT_FORM_LABELS[f]]),
    ...BATTERY_CONDITIONS.map((c) => ["condition", c, BATTERY_CONDITION_CRITERIA[c]]),
    ...SALE_MODES.map((m) => ["saleMode", m, SALE_MODE_LABELS[m]]),
    ...ECONOMIES.map((e) => ["economy", e.code, `${e.name} (${e.currency})`]),
  ];
}

function addDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Two example lots, in IMPORT_COLUMNS order: an auction of packs and fixed-price production scrap. */
export function templateExampleRows(today: string): string[][] {
  const examples: Record<ImportColumn, string>[] = [
    {
      title: "24 Nissan Leaf packs, 40 kWh",
      chemistry: "NMC532",
      form: "pack",
      condition: "intact",
      count: "24",
      massKg: "7200",
      energyKwh: "960",
      stateOfHealthPct: "72",
      originVehicle: "Nissan Leaf (ZE1)",
      originOem: "Nissan",
      lat: "-33.8688",
      lng: "151.2093",
      locationLabel: "Sydney fleet depot",
      economy: "AU",
      availableFrom: addDays(today, 14),
      saleMode: "auction",
      currency: "AUD",
      startingPrice: "18000.00",
      reservePrice: "24000.00",
      askingPrice: "",
      closesAt: `${addDays(today, 30)}T06:00:00Z`,
      description: "Removed from a taxi fleet; packs stored indoors, BMS data available on request.",
    },
    {
      title: "Off-spec LFP cells from production, 40 bags",
      chemistry: "LFP",
      form: "production_scrap",
      condition: "defective",
      count: "40",
      massKg: "12000",
      energyKwh: "",
      stateOfHealthPct: "",
      originVehicle: "",
      originOem: "",
      lat: "13.0827",
      lng: "100.9172",
      locationLabel: "Laem Chabang industrial estate",
      economy: "TH",
      availableFrom: addDays(today, 7),
      saleMode: "fixed",
      currency: "USD",
      startingPrice: "",
      reservePrice: "",
      askingPrice: "4800.00",
      closesAt: "",
      description: "Cells failing end-of-line tests, discharged, in UN-approved bags.",
    },
  ];
  return examples.map((example) => IMPORT_COLUMNS.map((column) => example[column]));
}
