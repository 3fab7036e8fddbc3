/**
 * The sentences of the blockers: each names the facility and the fact, in words a seller uses
 * ("does not accept damaged batteries", "needs sea transport, which this lot may not use: …").
 * Built for most facilities of every ranking, so lists are joined in loops, not map/join.
 */

import {
  BATTERY_CONDITION_LABELS,
  CHEMISTRY_LABELS,
  CHEMISTRY_SHORT_LABELS,
  LOT_FORM_LABELS,
} from "../codes.ts";
import type { BorderCheckResult } from "../compliance/border-rules.ts";
import { economyByCode } from "../economies.ts";
import { type Consignment, modeRefusals } from "../logistics/transport-rules.ts";
import { missingModeNames } from "./route-plan.ts";
import type { RouteChoice } from "./route-planner.ts";
import type { Blocker, MatchFacility, MatchLot } from "./types.ts";

const lowerCase = <K extends string>(labels: Readonly<Record<K, string>>) =>
  Object.fromEntries(
    Object.entries(labels).map(([key, label]) => [key, (label as string).toLowerCase()]),
  ) as Record<K, string>;
const FORM_WORDS = lowerCase(LOT_FORM_LABELS);
const CONDITION_WORDS = lowerCase(BATTERY_CONDITION_LABELS);

/** "It accepts a, b, c." — a loop rather than map/join: it runs for most facilities of a ranking. */
function accepts<K extends string>(list: readonly K[], words: Readonly<Record<K, string>>): string {
  if (list.length === 0) return "It lists none yet.";
  let text = "It accepts ";
  for (let i = 0; i < list.length; i++) text += i === 0 ? words[list[i]] : `, ${words[list[i]]}`;
  return `${text}.`;
}

export function acceptanceBlockers(lot: MatchLot, facility: MatchFacility): Blocker[] {
  const blockers: Blocker[] = [];
  const name = facility.name;
  if (!facility.acceptedChemistries.includes(lot.chemistry)) {
    blockers.push({
      code: "CHEMISTRY_NOT_ACCEPTED",
      message: `${name} does not accept ${CHEMISTRY_LABELS[lot.chemistry]} material. ${accepts(facility.acceptedChemistries, CHEMISTRY_SHORT_LABELS)}`,
    });
  }
  if (!facility.acceptedForms.includes(lot.form)) {
    blockers.push({
      code: "FORM_NOT_ACCEPTED",
      message: `${name} does not accept ${FORM_WORDS[lot.form]}. ${accepts(facility.acceptedForms, FORM_WORDS)}`,
    });
  }
  if (!facility.acceptedConditions.includes(lot.condition)) {
    blockers.push({
      code: "CONDITION_NOT_ACCEPTED",
      message: `${name} does not accept ${CONDITION_WORDS[lot.condition]} batteries. ${accepts(facility.acceptedConditions, CONDITION_WORDS)}`,
    });
  }
  return blockers;
}

export function transportMessage(
  facility: MatchFacility,
  route: RouteChoice,
  consignment: Consignment,
): string {
  if (route.failure === "no_surface_route") {
    return `No road, rail or sea route reaches ${facility.name} from this lot's location in Packloop's lane network, and battery lots may not travel by air.`;
  }
  const missing = missingModeNames(route);
  const reasons = [
    ...new Set(
      modeRefusals(consignment)
        .filter((refusal) => (missing as string[]).includes(refusal.mode))
        .map((refusal) => refusal.message),
    ),
  ];
  const because = reasons.length > 0 ? `: ${reasons.join(" ")}` : ".";
  return `The route to ${facility.name} needs ${missing.join(" and ")} transport, which this lot may not use${because}`;
}

export function borderBlocker(facility: MatchFacility, result: BorderCheckResult): Blocker | null {
  if (result.allowed) return null;
  if (result.code === "FACILITY_NOT_PERMITTED") {
    const message = result.message.startsWith("This facility")
      ? `${facility.name}${result.message.slice("This facility".length)}`
      : `${facility.name}: ${result.message}`;
    return { code: result.code, message };
  }
  const where = economyByCode(facility.economy)?.shortName ?? facility.economy;
  return { code: result.code, message: `${facility.name} is in ${where}. ${result.message}` };
}
