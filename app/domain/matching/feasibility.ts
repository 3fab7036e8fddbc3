/**
 * Whether a lot can go to a facility, as a list of blockers (empty: feasible).
 *
 * - Acceptance: the facility's chemistries, forms and conditions.
 * - INSUFFICIENT_CAPACITY: no window from the lot's available month through the horizon that admits
 *   the chemistry and has the whole lot's mass free (capacity-choice.ts).
 * - TRANSPORT_FORBIDDEN: no surface route, or the route needs a mode that a rule or every offered
 *   carrier refuses (logistics/transport-rules.ts). Air is never planned: waste and damaged lithium
 *   batteries may not fly. A critically damaged lot is assumed packed as its classification
 *   prescribes (P911), which is what lets it travel at all (special provision 376).
 * - BORDER_RESTRICTED / FACILITY_NOT_PERMITTED: compliance/border-rules.ts. A domestic move never
 *   needs transboundary papers.
 *
 * Purpose: a lot is waste sent for recycling, except intact cells, modules or packs going to a
 * facility whose only process is second-life repurposing: that is a sale for reuse, not waste.
 *
 * Everything the pair does not change (classification, allowed modes, border outcome per economy,
 * documents) is worked out once per lot in `prepareLot`, so that ranking thousands of facilities
 * costs little more than the acceptance checks and one route choice each.
 */

import {
  type BlackMassImportPolicy,
  type BorderCheckResult,
  borderCheck,
} from "../compliance/border-rules.ts";
import { type DocumentCode, requiredDocuments } from "../compliance/documents.ts";
import { DEFAULT_LOGISTICS_FACTORS, type RouteEndpoint } from "../logistics/plan.ts";
import { allowedModes, type Consignment } from "../logistics/transport-rules.ts";
import { DEFAULT_REFERENCE_PRICES, type ReferencePrice } from "../reference-prices.ts";
import { classifyTransport, type TransportPurpose } from "../transport-classification.ts";
import { acceptanceBlockers, borderBlocker, transportMessage } from "./blocker-messages.ts";
import {
  capacityMessage,
  chooseWindow,
  type Horizon,
  horizonFor,
  monthKey,
  type WindowChoice,
} from "./capacity-choice.ts";
import { type FxRateTable, REFERENCE_FX_RATES } from "./fx-rates.ts";
import { RouteMemo } from "./route-memo.ts";
import { LotRoutes, type ModeMask, modeMask, type RouteChoice } from "./route-planner.ts";
import {
  type Blocker,
  DEFAULT_HORIZON_MONTHS,
  type MatchContext,
  type MatchFacility,
  type MatchLot,
} from "./types.ts";

export interface PurposeFacts {
  readonly purpose: TransportPurpose;
  readonly isWaste: boolean;
  readonly consignment: Consignment;
  readonly modes: ModeMask;
  readonly unNumber: string;
  readonly packingInstruction: string;
}

interface BorderEntry {
  readonly result: BorderCheckResult;
  /** Worked out on first use (documentsFor): the allocation plan never reads them. */
  documents: readonly DocumentCode[] | null;
}

export interface PreparedLot {
  readonly lot: MatchLot;
  readonly horizon: Horizon;
  readonly fx: FxRateTable;
  readonly prices: readonly ReferencePrice[];
  readonly memo: RouteMemo;
  readonly routes: LotRoutes;
  /** Every lot travels as class 9 dangerous goods: batteries as UN 3480/3551, black mass as UN 3077. */
  readonly dangerousGoods: true;
  readonly purposes: Readonly<Record<TransportPurpose, PurposeFacts>>;
  /** Per destination economy, four slots: import consent (no/yes) × waste (yes/no). */
  readonly borders: Map<string, BorderEntry[]>;
  /** Scenario rules on black mass imports (ADR 037); absent for the live plan and quotes. */
  readonly blackMassImports?: BlackMassImportPolicy;
}

const REUSE_FORMS = new Set(["pack", "module", "cell"]);

export function purposeFor(lot: MatchLot, facility: MatchFacility): TransportPurpose {
  const secondLifeOnly =
    facility.processes.length > 0 && facility.processes.every((p) => p === "second_life");
  return secondLifeOnly && lot.condition === "intact" && REUSE_FORMS.has(lot.form) ? "reuse" : "recycling";
}

function purposeFacts(lot: MatchLot, purpose: TransportPurpose, context: MatchContext): PurposeFacts {
  const classification = classifyTransport(lot, purpose);
  const packingInstruction = classification.ok ? classification.packingInstruction : "";
  const consignment: Consignment = {
    isWaste: purpose === "recycling",
    condition: lot.condition,
    form: lot.form,
    packaging: packingInstruction === "P911" ? ["P911"] : [],
    carriers: context.carriers,
  };
  return {
    purpose,
    isWaste: purpose === "recycling",
    consignment,
    modes: modeMask(allowedModes(consignment)),
    unNumber: classification.ok ? classification.unNumber : "",
    packingInstruction,
  };
}

export function prepareLot(lot: MatchLot, context: MatchContext): PreparedLot {
  const memo = context.routes ?? new RouteMemo();
  return {
    lot,
    horizon: horizonFor(lot.availableFrom, context.today, context.horizonMonths ?? DEFAULT_HORIZON_MONTHS),
    fx: context.fxRates ?? REFERENCE_FX_RATES,
    prices: context.prices ?? DEFAULT_REFERENCE_PRICES,
    memo,
    routes: new LotRoutes(
      { ...lot.location, economy: lot.economy, label: "the lot's location" },
      memo,
      context.factors ?? DEFAULT_LOGISTICS_FACTORS,
    ),
    dangerousGoods: true,
    purposes: {
      recycling: purposeFacts(lot, "recycling", context),
      reuse: purposeFacts(lot, "reuse", context),
    },
    borders: new Map(),
    blackMassImports: context.blackMassImports,
  };
}

/**
 * The border outcome for the lot at a facility, and (documentsFor) the documents. Both depend only
 * on the facility's economy, its import consent and the purpose, so each is worked out once per lot.
 */
export function borderFor(prepared: PreparedLot, facility: MatchFacility, facts: PurposeFacts): BorderEntry {
  let byEconomy = prepared.borders.get(facility.economy);
  if (!byEconomy) {
    byEconomy = [];
    prepared.borders.set(facility.economy, byEconomy);
  }
  const slot = (facility.holdsImportConsent ? 2 : 0) + (facts.isWaste ? 0 : 1);
  const known = byEconomy[slot];
  if (known) return known;
  const { lot } = prepared;
  const result = borderCheck({
    originEconomy: lot.economy,
    destinationEconomy: facility.economy,
    isWaste: facts.isWaste,
    form: lot.form,
    chemistry: lot.chemistry,
    facilityHoldsImportConsent: facility.holdsImportConsent,
    blackMassAssay: lot.blackMassAssay,
    shipmentDate: `${monthKey(prepared.horizon.first)}-01`,
    blackMassImports: prepared.blackMassImports,
  });
  const entry: BorderEntry = { result, documents: null };
  byEconomy[slot] = entry;
  return entry;
}

/**
 * The documents the lot needs at a facility, kept in its border entry. Apart from borderFor because
 * the allocation plan checks the border of 10,000 lots × every economy and reads no documents:
 * working them out there (a transport classification each) took about a third of the plan's time
 * outside the solver.
 */
function documentsFor(
  prepared: PreparedLot,
  facility: MatchFacility,
  facts: PurposeFacts,
  entry: BorderEntry,
): readonly DocumentCode[] {
  if (entry.documents) return entry.documents;
  const { lot } = prepared;
  const { result } = entry;
  // Black mass that meets China's standard crosses as a product: no transboundary waste papers.
  const travelsAsWaste = facts.isWaste && !(result.allowed && result.procedure === "not_waste");
  entry.documents = requiredDocuments({
    originEconomy: lot.economy,
    destinationEconomy: facility.economy,
    isWaste: travelsAsWaste,
    condition: lot.condition,
    form: lot.form,
    chemistry: lot.chemistry,
  });
  return entry.documents;
}

export interface PairAssessment {
  readonly blockers: Blocker[];
  readonly facts: PurposeFacts;
  /** Null when the facility was rejected before its capacity was looked at. */
  readonly window: WindowChoice | null;
  /** The shared scratch choice of `prepared.routes`, valid until its next call; null if not planned. */
  readonly route: RouteChoice | null;
  readonly border: BorderCheckResult;
  readonly documents: readonly DocumentCode[];
}

/**
 * Assesses one pair. With `complete` false (ranking's early rejection), a facility that does not
 * accept the lot's chemistry, form or condition is out at once: it lists those blockers only, and
 * neither its capacity, its route nor its border are assessed. With `complete` true every blocker
 * is listed.
 */
export function assessPair(
  prepared: PreparedLot,
  facility: MatchFacility,
  complete: boolean,
): PairAssessment {
  const { lot } = prepared;
  const facts = prepared.purposes[purposeFor(lot, facility)];
  const blockers = acceptanceBlockers(lot, facility);
  const border = borderFor(prepared, facility, facts);
  const { result } = border;
  const documents = documentsFor(prepared, facility, facts, border);
  if (!complete && blockers.length > 0) {
    return { blockers, facts, window: null, route: null, border: result, documents };
  }
  const window = chooseWindow(facility.capacity, lot.chemistry, lot.massKg, prepared.horizon, prepared.fx);
  if (!window.ok) {
    blockers.push({
      code: "INSUFFICIENT_CAPACITY",
      message: capacityMessage(facility.name, window, lot.chemistry, lot.massKg, prepared.horizon),
    });
  }
  const destination: RouteEndpoint = {
    lat: facility.location.lat,
    lng: facility.location.lng,
    economy: facility.economy,
    label: facility.name,
  };
  const route = prepared.routes.choose(destination, facts.modes);
  if (!route.ok)
    blockers.push({
      code: "TRANSPORT_FORBIDDEN",
      message: transportMessage(facility, route, facts.consignment),
    });
  const restriction = borderBlocker(facility, result);
  if (restriction) blockers.push(restriction);
  return { blockers, facts, window, route, border: result, documents };
}

/** Every blocker of a lot at a facility; an empty list means the facility can take it. */
export function assessFeasibility(lot: MatchLot, facility: MatchFacility, context: MatchContext): Blocker[] {
  return assessPair(prepareLot(lot, context), facility, true).blockers;
}
