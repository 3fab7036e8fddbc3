/**
 * Which modes of transport a battery consignment may use, as a list of data-driven rules.
 *
 * Sources (docs/domain/transport-dangerous-goods.md §4):
 * - Air (ICAO Technical Instructions / IATA DGR): lithium batteries carried for disposal or
 *   recycling are forbidden unless the state of origin and the state of the operator approve
 *   (IATA special provision A183); damaged or defective lithium batteries are forbidden outright
 *   (A154). http://lithium.batteriestransport.org/130/ ; https://lithium.batteriestransport.org/144
 * - Road, rail and sea (ADR, national rules built on the UN Model Regulations, IMDG Code): damaged
 *   or defective batteries travel under special provision 376; those liable to react dangerously
 *   ("critically damaged") only in P911 / LP906 packaging or under conditions set by a competent
 *   authority. http://lithium.batteriestransport.org/21/ ; http://lithium.batteriestransport.org/22/
 * - Carriers may refuse more than the law does: one liner refuses lithium batteries for
 *   recycling, damaged or defective ones and any over 5 kg (Tropical Shipping, rule 16, from
 *   1 Dec 2024: https://rates.tropical.com/tsrates/rules/Tropical%20Liner%20Rules/Rule%2016%2010292024.htm).
 *   Such policies are data (`CarrierPolicy`), evaluated like the regulatory rules.
 */

import type { BatteryCondition, LotForm } from "../codes.ts";

export const TRANSPORT_MODES = ["road", "rail", "sea", "air"] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];
export type SurfaceMode = Exclude<TransportMode, "air">;

/** Packagings and approvals that lift the restrictions on critically damaged batteries. */
export const CRITICAL_DAMAGE_PACKAGINGS = ["P911", "LP906", "competent_authority_approval"] as const;
export type CriticalDamagePackaging = (typeof CRITICAL_DAMAGE_PACKAGINGS)[number];

/** Forms that are lithium cells or batteries, as opposed to black mass (a powder, not a battery). */
export const BATTERY_FORMS: readonly LotForm[] = ["pack", "module", "cell", "production_scrap"];
const DAMAGED: readonly BatteryCondition[] = ["damaged", "defective", "critically_damaged"];

export interface CarrierPolicy {
  readonly id: string;
  readonly name: string;
  readonly mode: TransportMode;
  readonly refusesWasteLithium: boolean;
  readonly refusesDamagedLithium: boolean;
  /** Heaviest single lithium battery the carrier accepts, if it sets a limit. */
  readonly maxBatteryMassKg?: number;
  readonly source: string;
}

/** The one carrier policy the reference documents, kept as an example of the shape. */
export const DOCUMENTED_CARRIER_POLICIES: readonly CarrierPolicy[] = [
  {
    id: "tropical-shipping-rule-16",
    name: "Tropical Shipping (liner, Caribbean)",
    mode: "sea",
    refusesWasteLithium: true,
    refusesDamagedLithium: true,
    maxBatteryMassKg: 5,
    source: "https://rates.tropical.com/tsrates/rules/Tropical%20Liner%20Rules/Rule%2016%2010292024.htm",
  },
];

export interface Consignment {
  readonly isWaste: boolean;
  readonly condition: BatteryCondition;
  readonly form: LotForm;
  /** Packagings or approvals the consignment will travel with. */
  readonly packaging?: readonly CriticalDamagePackaging[];
  /** The state of origin and the state of the operator both approved waste batteries by air (A183). */
  readonly airWasteApproval?: boolean;
  /** Mass of the heaviest single battery; EV packs and modules weigh far more than 5 kg. */
  readonly heaviestBatteryKg?: number;
  /** Carriers offered on the lane. A mode is refused when every carrier listed for it refuses. */
  readonly carriers?: readonly CarrierPolicy[];
}

export interface ModeRule {
  readonly id: string;
  readonly modes: readonly TransportMode[];
  /** The rule refuses the modes when every stated criterion matches the consignment. */
  readonly when: {
    readonly waste?: boolean;
    readonly conditions?: readonly BatteryCondition[];
    readonly forms?: readonly LotForm[];
    readonly unlessPackaging?: readonly CriticalDamagePackaging[];
    readonly unlessAirWasteApproval?: boolean;
  };
  readonly message: string;
  readonly source: string;
}

export const MODE_RULES: readonly ModeRule[] = [
  {
    id: "IATA_A183_WASTE_BY_AIR",
    modes: ["air"],
    when: { waste: true, forms: BATTERY_FORMS, unlessAirWasteApproval: true },
    message:
      "Lithium batteries sent for recycling or disposal may not travel by air unless the state of origin and the airline's state approve (IATA special provision A183).",
    source:
      "IATA DGR special provision A183, http://lithium.batteriestransport.org/130/ (docs/domain/transport-dangerous-goods.md §4.4)",
  },
  {
    id: "IATA_A154_DAMAGED_BY_AIR",
    modes: ["air"],
    when: { conditions: DAMAGED, forms: BATTERY_FORMS },
    message:
      "Damaged or defective lithium batteries are forbidden on aircraft (IATA special provision A154).",
    source:
      "IATA DGR special provision A154, https://lithium.batteriestransport.org/144 (docs/domain/transport-dangerous-goods.md §4.4)",
  },
  {
    id: "SP376_CRITICAL_WITHOUT_P911",
    modes: ["road", "rail", "sea"],
    when: {
      conditions: ["critically_damaged"],
      forms: BATTERY_FORMS,
      unlessPackaging: CRITICAL_DAMAGE_PACKAGINGS,
    },
    message:
      "Critically damaged batteries may only be carried in P911 or LP906 packaging, or under conditions set by a competent authority (special provision 376).",
    source:
      "UN Model Regulations / ADR / IMDG special provision 376, http://lithium.batteriestransport.org/21/ (docs/domain/transport-dangerous-goods.md §4.2)",
  },
];

export interface ModeRefusal {
  readonly mode: TransportMode;
  readonly ruleId: string;
  readonly message: string;
  readonly source: string;
}

function ruleApplies(rule: ModeRule, consignment: Consignment): boolean {
  const { when } = rule;
  if (when.waste !== undefined && when.waste !== consignment.isWaste) return false;
  if (when.conditions && !when.conditions.includes(consignment.condition)) return false;
  if (when.forms && !when.forms.includes(consignment.form)) return false;
  if (when.unlessPackaging?.some((packaging) => consignment.packaging?.includes(packaging))) return false;
  if (when.unlessAirWasteApproval && consignment.airWasteApproval) return false;
  return true;
}

function carrierRefusal(policy: CarrierPolicy, consignment: Consignment): string | undefined {
  if (!BATTERY_FORMS.includes(consignment.form)) return undefined;
  if (policy.refusesWasteLithium && consignment.isWaste) {
    return `${policy.name} does not carry lithium batteries sent for recycling or disposal.`;
  }
  if (policy.refusesDamagedLithium && DAMAGED.includes(consignment.condition)) {
    return `${policy.name} does not carry damaged or defective lithium batteries.`;
  }
  if (policy.maxBatteryMassKg !== undefined) {
    // Without a stated mass, packs and modules of electric vehicles are taken to exceed any small-battery limit.
    const heaviest =
      consignment.heaviestBatteryKg ??
      (consignment.form === "pack" || consignment.form === "module" ? Number.POSITIVE_INFINITY : 0);
    if (heaviest > policy.maxBatteryMassKg) {
      return `${policy.name} does not carry lithium batteries heavier than ${policy.maxBatteryMassKg} kg.`;
    }
  }
  return undefined;
}

/** Every refusal that applies to the consignment, regulatory rules first, then carriers. */
export function modeRefusals(
  consignment: Consignment,
  rules: readonly ModeRule[] = MODE_RULES,
): ModeRefusal[] {
  const refusals: ModeRefusal[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, consignment)) continue;
    for (const mode of rule.modes) {
      refusals.push({ mode, ruleId: rule.id, message: rule.message, source: rule.source });
    }
  }
  for (const mode of TRANSPORT_MODES) {
    const offered = (consignment.carriers ?? []).filter((carrier) => carrier.mode === mode);
    if (offered.length === 0) continue;
    const reasons = offered.map((carrier) => carrierRefusal(carrier, consignment));
    if (reasons.every((reason) => reason !== undefined)) {
      refusals.push({
        mode,
        ruleId: `CARRIER_REFUSES:${offered.map((carrier) => carrier.id).join(",")}`,
        message: reasons.join(" "),
        source: offered.map((carrier) => carrier.source).join(" ; "),
      });
    }
  }
  return refusals;
}

/** The modes no rule or carrier refuses, in the order road, rail, sea, air. */
export function allowedModes(
  consignment: Consignment,
  rules: readonly ModeRule[] = MODE_RULES,
): TransportMode[] {
  const refused = new Set(modeRefusals(consignment, rules).map((refusal) => refusal.mode));
  return TRANSPORT_MODES.filter((mode) => !refused.has(mode));
}

export type TransportCheck =
  | { allowed: true; modes: TransportMode[] }
  | { allowed: false; code: "TRANSPORT_FORBIDDEN"; message: string; refusals: ModeRefusal[] };

/**
 * Whether a planned route may carry the consignment: `requiredModes` are the modes of its legs
 * (e.g. road to the port, sea, road to the facility). Forbidden as soon as one of them is refused.
 */
export function checkTransport(
  consignment: Consignment,
  requiredModes: readonly TransportMode[],
  rules: readonly ModeRule[] = MODE_RULES,
): TransportCheck {
  const refusals = modeRefusals(consignment, rules).filter((refusal) => requiredModes.includes(refusal.mode));
  if (refusals.length === 0) return { allowed: true, modes: [...new Set(requiredModes)] };
  const messages = [...new Set(refusals.map((refusal) => refusal.message))];
  return {
    allowed: false,
    code: "TRANSPORT_FORBIDDEN",
    message: `This lot cannot travel on this lane. ${messages.join(" ")}`,
    refusals,
  };
}
