/**
 * Whether a lot may cross from one APEC economy to another, and under which procedure.
 *
 * Sources (docs/domain/border-rules.md §5, with the original links):
 * - Classification (§5.1): spent lithium-ion batteries and black mass are classified by national
 *   competent authorities; Packloop treats them as controlled waste (prior informed consent) unless
 *   the seller declares the lot is not waste, i.e. both authorities confirmed it.
 * - Basel Convention (§5.2, §5.3): a party may only export waste to another party after the
 *   importing state's written consent (Article 6, prior informed consent). Parties may not trade
 *   such waste with non-parties, the United States and Chinese Taipei here, unless an Article 11
 *   agreement of equivalent control covers the movement.
 * - OECD Decision C(2001)107/FINAL (§5.4): an Article 11 agreement among OECD members for waste
 *   destined for recovery (notification and consent through competent authorities). APEC members:
 *   AU, CA, CL, JP, KR, MX, NZ, US. Shipments leaving the OECD area get no simplified procedure.
 * - United States (§5.5): bilateral agreements with Canada and Mexico (1986), and limited ones with
 *   Malaysia and the Philippines, which cover only shipments into the United States [V]
 *   (https://archive.epa.gov/epawaste/hazard/web/html/agree.html).
 * - Basel Ban Amendment (§5.5, in force 5 Dec 2019): Annex VII parties (OECD, EU, Liechtenstein)
 *   that ratified it prohibit hazardous-waste exports for recovery to states outside Annex VII.
 *   Among APEC's OECD members, Chile ratified (2009).
 * - China (§5.6): imports of solid waste in any form banned from 1 Jan 2021; crushed battery
 *   materials were on the prohibited list since 2014. From 1 Aug 2025 (Announcement 2025 No. 14)
 *   black mass that meets the national standard is a product, not solid waste: NCM-type Ni+Co ≥ 25 %,
 *   Li ≥ 3.5 %, P ≤ 0.8 %, water-soluble F ≤ 0.4 %; LFP-type Li ≥ 2 %, P ≥ 10 %, Fe ≥ 18 %,
 *   water-soluble F ≤ 0.1 %; no mixing of categories, no bulk cargo.
 */

import type { Chemistry, LotForm } from "../codes.ts";
import { type EconomyCode, economyByCode } from "../economies.ts";

export type BorderProcedure = "domestic" | "basel_pic" | "oecd_control" | "bilateral_agreement" | "not_waste";

export type BorderRestriction =
  | "cn_solid_waste_ban"
  | "cn_black_mass_before_standard"
  | "cn_black_mass_category"
  | "cn_black_mass_assay_missing"
  | "cn_black_mass_below_standard"
  | "basel_ban_amendment"
  | "basel_non_party"
  | "scenario_black_mass_ban";

/**
 * A "what if" rule on black mass imports (ADR 037, /insights/scenarios), never the rules in force:
 * "banned" closes the economy to black mass from abroad; "admitted" lifts the economy's own ban
 * (China's import standard), so black mass crosses under the same waste procedures as other lots.
 */
export type BlackMassImportRule = "banned" | "admitted";
export type BlackMassImportPolicy = Readonly<Partial<Record<EconomyCode, BlackMassImportRule>>>;

/** Assay of a black mass lot, in basis points of dry mass (1 % = 100). */
export interface BlackMassAssay {
  readonly nickelBp?: number;
  readonly cobaltBp?: number;
  readonly lithiumBp?: number;
  readonly phosphorusBp?: number;
  readonly ironBp?: number;
  readonly waterSolubleFluorideBp?: number;
}

export interface BorderCheckRequest {
  readonly originEconomy: EconomyCode;
  readonly destinationEconomy: EconomyCode;
  readonly isWaste: boolean;
  readonly form: LotForm;
  readonly chemistry: Chemistry;
  /** The destination facility holds, or is covered by, the consent to import this waste. */
  readonly facilityHoldsImportConsent: boolean;
  readonly blackMassAssay?: BlackMassAssay;
  /** Planned shipment date, YYYY-MM-DD; without it the rules in force today (mid-2026) apply. */
  readonly shipmentDate?: string;
  /** Scenario rules only; the live plan and quotes never pass one. */
  readonly blackMassImports?: BlackMassImportPolicy;
}

export type BorderCheckResult =
  | { allowed: true; procedure: BorderProcedure; notes: string[] }
  | { allowed: false; code: "BORDER_RESTRICTED"; reason: BorderRestriction; message: string }
  | { allowed: false; code: "FACILITY_NOT_PERMITTED"; procedure: BorderProcedure; message: string };

export const CN_BLACK_MASS_STANDARD_FROM = "2025-08-01";

/** Annex VII parties in APEC that ratified the Basel Ban Amendment. */
export const BAN_AMENDMENT_EXPORTERS: readonly EconomyCode[] = ["CL"];

export interface BilateralAgreement {
  readonly from: EconomyCode;
  readonly to: EconomyCode;
  readonly name: string;
}

export const BILATERAL_AGREEMENTS: readonly BilateralAgreement[] = [
  { from: "US", to: "CA", name: "the Canada–United States agreement on hazardous waste (1986)" },
  { from: "CA", to: "US", name: "the Canada–United States agreement on hazardous waste (1986)" },
  { from: "US", to: "MX", name: "the Mexico–United States La Paz agreement, Annex III (1986)" },
  { from: "MX", to: "US", name: "the Mexico–United States La Paz agreement, Annex III (1986)" },
  { from: "MY", to: "US", name: "the Malaysia–United States agreement on hazardous waste imports" },
  { from: "PH", to: "US", name: "the Philippines–United States agreement on hazardous waste imports" },
];

type BlackMassCategory = "ncm" | "lfp";

const CATEGORY_OF: Partial<Record<Chemistry, BlackMassCategory>> = {
  NMC111: "ncm",
  NMC532: "ncm",
  NMC622: "ncm",
  NMC811: "ncm",
  NCA: "ncm",
  LFP: "lfp",
  // LMFP is an iron-phosphate cathode with manganese; its black mass is graded as LFP [A].
  LMFP: "lfp",
};

interface Threshold {
  readonly label: string;
  readonly value: (assay: BlackMassAssay) => number | undefined;
  readonly kind: "min" | "max";
  readonly limitBp: number;
  /** Must be reported for the lot to be assessed at all. */
  readonly required: boolean;
}

const nickelPlusCobalt = (assay: BlackMassAssay) =>
  assay.nickelBp === undefined && assay.cobaltBp === undefined
    ? undefined
    : (assay.nickelBp ?? 0) + (assay.cobaltBp ?? 0);

const CN_THRESHOLDS: Readonly<Record<BlackMassCategory, readonly Threshold[]>> = {
  ncm: [
    { label: "nickel plus cobalt", value: nickelPlusCobalt, kind: "min", limitBp: 2500, required: true },
    { label: "lithium", value: (a) => a.lithiumBp, kind: "min", limitBp: 350, required: true },
    { label: "phosphorus", value: (a) => a.phosphorusBp, kind: "max", limitBp: 80, required: false },
    {
      label: "water-soluble fluorine",
      value: (a) => a.waterSolubleFluorideBp,
      kind: "max",
      limitBp: 40,
      required: false,
    },
  ],
  lfp: [
    { label: "lithium", value: (a) => a.lithiumBp, kind: "min", limitBp: 200, required: true },
    { label: "phosphorus", value: (a) => a.phosphorusBp, kind: "min", limitBp: 1000, required: true },
    { label: "iron", value: (a) => a.ironBp, kind: "min", limitBp: 1800, required: true },
    {
      label: "water-soluble fluorine",
      value: (a) => a.waterSolubleFluorideBp,
      kind: "max",
      limitBp: 10,
      required: false,
    },
  ],
};

/** 2500 → "25 %", 350 → "3.5 %", 8 → "0.08 %". */
export function formatBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = Math.abs(bp % 100)
    .toString()
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""} %`;
}

/** The economy's short name as it reads mid-sentence: "Korea", "the United States". */
function nameOf(code: EconomyCode): string {
  const name = economyByCode(code)?.shortName ?? code;
  return code === "US" || code === "PH" ? `the ${name}` : name;
}

function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function restricted(reason: BorderRestriction, message: string): BorderCheckResult {
  return { allowed: false, code: "BORDER_RESTRICTED", reason, message };
}

function chinaImport(request: BorderCheckRequest): BorderCheckResult | undefined {
  if (request.destinationEconomy !== "CN") return undefined;
  if (request.form !== "black_mass") {
    if (!request.isWaste) return undefined;
    return restricted(
      "cn_solid_waste_ban",
      "China has banned imports of solid waste in any form since 1 January 2021, so waste batteries and production scrap cannot be shipped to a facility in mainland China.",
    );
  }
  if ((request.shipmentDate ?? "9999-12-31") < CN_BLACK_MASS_STANDARD_FROM) {
    return restricted(
      "cn_black_mass_before_standard",
      "China admits black mass only from 1 August 2025, when its import standard for recycled black mass takes effect; before then crushed battery material counts as banned solid waste.",
    );
  }
  const category = CATEGORY_OF[request.chemistry];
  if (!category) {
    return restricted(
      "cn_black_mass_category",
      request.chemistry === "MIXED"
        ? "China only admits black mass sorted by category (NCM/NCA or LFP), never mixed, so mixed black mass cannot be shipped there."
        : "China's import standard covers NCM/NCA and LFP black mass only, so black mass of this chemistry cannot be imported there as a product.",
    );
  }
  const assay = request.blackMassAssay;
  const thresholds = CN_THRESHOLDS[category];
  const missing = thresholds.filter((t) => t.required && (!assay || t.value(assay) === undefined));
  if (!assay || missing.length > 0) {
    return restricted(
      "cn_black_mass_assay_missing",
      `China admits black mass only if an assay shows it meets its import standard. Add an assay reporting ${thresholds
        .filter((t) => t.required)
        .map((t) => t.label)
        .join(", ")} to this lot.`,
    );
  }
  const failures = thresholds.flatMap((t) => {
    const value = t.value(assay);
    if (value === undefined) return [];
    const ok = t.kind === "min" ? value >= t.limitBp : value <= t.limitBp;
    if (ok) return [];
    const bound = t.kind === "min" ? "at least" : "at most";
    return [
      `${t.label} must be ${bound} ${formatBasisPoints(t.limitBp)} (this lot: ${formatBasisPoints(value)})`,
    ];
  });
  if (failures.length > 0) {
    return restricted(
      "cn_black_mass_below_standard",
      `This black mass does not meet China's import standard: ${failures.join("; ")}. China treats it as banned solid waste.`,
    );
  }
  return {
    allowed: true,
    procedure: "not_waste",
    notes: [
      "Meets China's black mass import standard (HS 3824999996): declare each category separately, do not ship in bulk, and allow 7–14 days for customs testing.",
    ],
  };
}

function procedureFor(request: BorderCheckRequest): BorderCheckResult {
  const { originEconomy: from, destinationEconomy: to } = request;
  const origin = economyByCode(from);
  const destination = economyByCode(to);
  if (BAN_AMENDMENT_EXPORTERS.includes(from) && !destination?.oecdMember) {
    return restricted(
      "basel_ban_amendment",
      `${capitalised(nameOf(from))} has ratified the Basel Ban Amendment, which forbids it to export hazardous waste for recycling outside the OECD, so this lot cannot go to ${nameOf(to)}.`,
    );
  }
  const agreement = BILATERAL_AGREEMENTS.find((a) => a.from === from && a.to === to);
  if (agreement)
    return { allowed: true, procedure: "bilateral_agreement", notes: [`Under ${agreement.name}.`] };
  if (origin?.oecdMember && destination?.oecdMember) {
    return { allowed: true, procedure: "oecd_control", notes: [] };
  }
  if (origin?.baselParty && destination?.baselParty)
    return { allowed: true, procedure: "basel_pic", notes: [] };
  const nonParty = origin?.baselParty ? to : from;
  const other = nonParty === from ? to : from;
  return restricted(
    "basel_non_party",
    `${capitalised(nameOf(nonParty))} is not a party to the Basel Convention and no agreement covers waste shipments between ${nameOf(nonParty)} and ${nameOf(other)}, so waste batteries cannot be shipped on this lane.`,
  );
}

const PROCEDURE_NAMES: Readonly<Record<BorderProcedure, string>> = {
  domestic: "",
  not_waste: "",
  basel_pic: "Under the Basel Convention's prior informed consent procedure",
  oecd_control: "Under the OECD control procedure for waste destined for recovery",
  bilateral_agreement: "Under the bilateral agreement between the two economies",
};

/** The border outcome for a lot between two economies; see the module comment for the rules. */
export function borderCheck(request: BorderCheckRequest): BorderCheckResult {
  const { originEconomy: from, destinationEconomy: to } = request;
  if (from === to) return { allowed: true, procedure: "domestic", notes: [] };

  const scenarioRule = request.form === "black_mass" ? request.blackMassImports?.[to] : undefined;
  if (scenarioRule === "banned") {
    return restricted(
      "scenario_black_mass_ban",
      `In this scenario ${nameOf(to)} bans imports of black mass, so this lot cannot be shipped there.`,
    );
  }
  const china = scenarioRule === "admitted" ? undefined : chinaImport(request);
  if (china) return china;
  if (!request.isWaste) return { allowed: true, procedure: "not_waste", notes: [] };

  const outcome = procedureFor(request);
  if (!outcome.allowed) return outcome;
  const notes = [...outcome.notes];
  if (to === "MY") {
    notes.push(
      "In Malaysia used lithium-ion batteries are scheduled waste SW103: only licensed facilities may receive them.",
    );
  }
  if (to === "JP" || from === "JP") {
    notes.push(
      "Japan's Basel Act requires METI approval, after the Ministry of the Environment's confirmation.",
    );
  }
  if (!request.facilityHoldsImportConsent) {
    return {
      allowed: false,
      code: "FACILITY_NOT_PERMITTED",
      procedure: outcome.procedure,
      message: `This facility has no consent on file to import waste batteries from ${nameOf(from)}. ${PROCEDURE_NAMES[outcome.procedure]}, ${possessive(nameOf(to))} competent authority must consent in writing before the lot leaves ${nameOf(from)}.`,
    };
  }
  return { allowed: true, procedure: outcome.procedure, notes };
}
