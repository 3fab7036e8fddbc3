import { monthOf } from "~/domain/capacity.ts";
import { type Failure, fail, invalid } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { blockedFlows } from "~/domain/matching/blocked-flows.ts";
import { type PlanFlow, planFlows } from "~/domain/matching/plan-flows.ts";
import {
  applyScenario,
  type EconomyShift,
  economyShifts,
  HUB_ID_PREFIX,
  type PlanSide,
  parseScenarioChanges,
  planSide,
  type ScenarioChange,
} from "~/domain/matching/scenario.ts";
import { db } from "~/utils/db.server.ts";
import {
  type Busy,
  loadMarketplaceInputs,
  marketplacePlan,
  PLAN_CACHE_MS,
  solvePlan,
  withPlanSlot,
} from "./allocation-plan.server.ts";
import { currentFactors } from "./factor.server.ts";

/**
 * Saved "what if" scenarios for the regional plan (issue 13 item 4, ADR 037). A scenario is a name
 * and a list of changes owned by an organisation; viewing it solves the marketplace's plan with the
 * changes applied to the solver's inputs in memory (domain/matching/scenario.ts), beside the live
 * plan. Nothing here writes border rules, facilities or factors.
 */

export const SCENARIO_NAME_MAX = 100;
/** Enough to compare a region's options; stops one organisation filling the table. */
export const SCENARIOS_PER_ORGANIZATION = 50;

export interface Owner {
  /** Null for an API token whose creator is gone. */
  readonly userId: string | null;
  readonly organizationId: string | null;
}

export interface ScenarioRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly changes: ScenarioChange[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The name and changes as the page and the API check them, each bad field named. */
export function checkScenarioInput(rawName: unknown, rawChanges: unknown) {
  const errors: Record<string, string> = {};
  const name = typeof rawName === "string" ? rawName.trim().replace(/\s+/g, " ") : "";
  if (name === "") errors.name = "Give the scenario a name.";
  else if (name.length > SCENARIO_NAME_MAX)
    errors.name = `Name must be at most ${SCENARIO_NAME_MAX} characters.`;
  const parsed = parseScenarioChanges(rawChanges);
  if (!parsed.ok) Object.assign(errors, parsed.errors);
  if (Object.keys(errors).length > 0 || !parsed.ok) return invalid(errors);
  return { ok: true as const, name, changes: parsed.changes };
}

function record(row: {
  id: string;
  organizationId: string;
  name: string;
  changes: unknown;
  createdAt: Date;
  updatedAt: Date;
}): ScenarioRecord {
  const parsed = parseScenarioChanges(row.changes);
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    // Rows were checked when written; a row that no longer parses shows no changes rather than failing.
    changes: parsed.ok ? parsed.changes : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const NO_ORGANIZATION = fail(
  "NO_ORGANIZATION",
  "Scenarios belong to an organisation; join or create one first.",
);

export async function createScenario(
  owner: Owner,
  rawName: unknown,
  rawChanges: unknown,
  options: { dryRun?: boolean } = {},
): Promise<{ ok: true; id: string } | Failure> {
  if (!owner.organizationId) return NO_ORGANIZATION;
  const input = checkScenarioInput(rawName, rawChanges);
  if (!input.ok) return input;
  const count = await db().planScenario.count({ where: { organizationId: owner.organizationId } });
  if (count >= SCENARIOS_PER_ORGANIZATION) {
    return fail(
      "TOO_MANY_SCENARIOS",
      `Your organisation already has ${SCENARIOS_PER_ORGANIZATION} scenarios; delete one first.`,
    );
  }
  // The API checks everything before taking a plan from the caller's allowance, then saves.
  if (options.dryRun) return { ok: true, id: "" };
  const row = await db().planScenario.create({
    data: {
      organizationId: owner.organizationId,
      createdById: owner.userId,
      name: input.name,
      changes: input.changes as object[],
    },
  });
  return { ok: true, id: row.id };
}

/** Any signed-in user with the link may view a scenario; unknown ids are not found. */
export async function findScenario(id: string): Promise<ScenarioRecord | null> {
  if (!isUuid(id)) return null;
  const row = await db().planScenario.findUnique({ where: { id } });
  return row ? record(row) : null;
}

export function canEditScenario(scenario: ScenarioRecord, owner: Owner): boolean {
  return owner.organizationId !== null && scenario.organizationId === owner.organizationId;
}

const NOT_FOUND = fail("NOT_FOUND", "No scenario with this id.");
const NOT_OWNER = fail(
  "FORBIDDEN",
  "Only members of the organisation that saved this scenario may change it.",
);

async function owned(id: string, owner: Owner): Promise<ScenarioRecord | Failure> {
  const scenario = await findScenario(id);
  if (!scenario) return NOT_FOUND;
  return canEditScenario(scenario, owner) ? scenario : NOT_OWNER;
}

export async function updateScenario(
  id: string,
  owner: Owner,
  rawName: unknown,
  rawChanges: unknown,
): Promise<{ ok: true; id: string } | Failure> {
  const scenario = await owned(id, owner);
  if ("ok" in scenario) return scenario;
  const input = checkScenarioInput(rawName, rawChanges);
  if (!input.ok) return input;
  await db().planScenario.update({
    where: { id },
    data: { name: input.name, changes: input.changes as object[] },
  });
  return { ok: true, id };
}

export async function deleteScenario(id: string, owner: Owner): Promise<{ ok: true } | Failure> {
  const scenario = await owned(id, owner);
  if ("ok" in scenario) return scenario;
  await db().planScenario.delete({ where: { id } });
  return { ok: true };
}

export async function listScenarios(organizationId: string) {
  const rows = await db().planScenario.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(record);
}

export interface ScenarioComparison {
  readonly baseline: PlanSide & { flows: PlanFlow[] };
  readonly scenario: PlanSide & { flows: PlanFlow[] };
  readonly shifts: EconomyShift[];
  /** Tonnes the scenario's joint hubs take, per hub. */
  readonly hubs: { id: string; name: string; tonnes: number }[];
  /** Cross-border pairs the rules block, baseline and scenario. */
  readonly blockedPairs: readonly [number, number];
  readonly computedAt: string;
}

/**
 * Solved comparisons are kept as long as /plan keeps its plan, per scenario version (id and
 * updatedAt), so a shared link opened by many does not solve once per view. A few only: each
 * holds two plans' totals and flows.
 */
const COMPARISONS_KEPT = 20;
const comparisons = new Map<string, { at: number; value: ScenarioComparison }>();

export function scenarioVersion(scenario: ScenarioRecord): string {
  return `${scenario.id}@${scenario.updatedAt}`;
}

export function cachedComparison(version: string, now: Date): ScenarioComparison | null {
  const kept = comparisons.get(version);
  return kept && now.getTime() - kept.at < PLAN_CACHE_MS ? kept.value : null;
}

function keep(version: string, now: Date, value: ScenarioComparison): void {
  comparisons.delete(version);
  comparisons.set(version, { at: now.getTime(), value });
  if (comparisons.size > COMPARISONS_KEPT) comparisons.delete(comparisons.keys().next().value as string);
}

/**
 * The live plan (cached as on /plan) beside the plan with the scenario's changes, solved now. Both
 * read the same open lots and active facilities; only the scenario's copy of the inputs changes.
 */
export async function compareScenario(
  scenario: ScenarioRecord,
  now: Date,
): Promise<{ ok: true; value: ScenarioComparison } | Busy | Failure<"PLAN_FAILED">> {
  const version = scenarioVersion(scenario);
  const kept = cachedComparison(version, now);
  if (kept) return { ok: true, value: kept };
  const { changes } = scenario;
  const live = await marketplacePlan(now);
  if (!live.ok) return live;
  return withPlanSlot(async () => {
    const [inputs, { factors }] = await Promise.all([loadMarketplaceInputs(now), currentFactors()]);
    const today = now.toISOString().slice(0, 10);
    const world = applyScenario(
      {
        lots: inputs.lots,
        facilities: inputs.facilities,
        factors: factors.logistics,
        co2PricePerTonne: factors.co2PricePerTonne,
      },
      changes,
      monthOf(now),
    );
    const outcome = await solvePlan(world.lots, world.facilities, {
      today,
      factors: world.factors,
      co2PricePerTonne: world.co2PricePerTonne,
      blackMassImports: world.blackMassImports,
    });
    if (!outcome.ok) {
      return fail(
        "PLAN_FAILED",
        "message" in outcome ? outcome.message : "The scenario could not be planned.",
      );
    }
    const lotsKg = inputs.lots.reduce((kg, lot) => kg + lot.massKg, 0);
    const baseline = planSide(live.value.plan.totals, lotsKg);
    const scenario = planSide(outcome.plan.totals, lotsKg);
    const blocked = blockedFlows(world.lots, world.facilities, {
      today,
      factors: world.factors,
      fxRates: factors.fxRates,
      blackMassImports: world.blackMassImports,
    });
    const hubTonnes = new Map<string, number>();
    for (const a of outcome.plan.assignments) {
      if (a.facilityId.startsWith(HUB_ID_PREFIX))
        hubTonnes.set(a.facilityId, (hubTonnes.get(a.facilityId) ?? 0) + a.tonnes);
    }
    const value: ScenarioComparison = {
      baseline: { ...baseline, flows: planFlows(baseline.byEconomyPair) },
      scenario: { ...scenario, flows: planFlows(scenario.byEconomyPair) },
      shifts: economyShifts(baseline, scenario),
      hubs: world.facilities
        .filter((f) => f.id.startsWith(HUB_ID_PREFIX))
        .map((f) => ({
          id: f.id,
          name: f.name,
          tonnes: Math.round((hubTonnes.get(f.id) ?? 0) * 1000) / 1000,
        })),
      blockedPairs: [
        live.value.blocked.reduce((n, b) => n + b.blocked, 0),
        blocked.reduce((n, b) => n + b.blocked, 0),
      ],
      computedAt: now.toISOString(),
    };
    keep(version, now, value);
    return { ok: true as const, value };
  });
}
