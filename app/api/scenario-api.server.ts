import type { EconomyShift, PlanSide } from "~/domain/matching/scenario.ts";
import { isOrganizationVerified } from "~/models/organization.server.ts";
import {
  cachedComparison,
  compareScenario,
  type ScenarioComparison,
  type ScenarioRecord,
  scenarioVersion,
} from "~/models/plan-scenario.server.ts";
import { busyProblem } from "./allocation-plan-api.server.ts";
import { failureProblem, nulFields, problem, validationProblem } from "./http.server.ts";
import { rateLimitedProblem, takePlanAllowance } from "./rate-limits.server.ts";

/**
 * The JSON API of the "what if" scenarios (ADR 037, ADR 045): the body of POST /api/v1/scenarios,
 * a scenario and its comparison as JSON, and the solve behind both POST and GET /{id} — /plan's
 * allowance (2 a minute per organisation, 6 verified) unless the comparison is kept, then the one
 * plan slot on the plan worker thread (503 PLAN_SOLVER_BUSY). The changes are checked by the same
 * parser as the pages (parseScenarioChanges); nothing here writes anything but the scenario row.
 */

const BODY_FIELDS = new Set(["name", "changes"]);

/** `{name, changes}` read as JSON, unknown members and NUL characters refused by name. */
export async function readScenarioBody(
  request: Request,
): Promise<{ ok: true; name: unknown; changes: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    return {
      ok: false,
      response: problem(415, "Send the body as application/json.", { code: "UNSUPPORTED_MEDIA_TYPE" }),
    };
  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: problem(400, "The body is not valid JSON.", { code: "INVALID_JSON" }) };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return {
      ok: false,
      response: validationProblem({ body: "Send an object with `name` and `changes`." }),
    };
  const nul = nulFields(raw);
  if (nul.length) return { ok: false, response: validationProblem(nul) };
  const unknown = Object.keys(raw).filter((key) => !BODY_FIELDS.has(key));
  if (unknown.length)
    return {
      ok: false,
      response: validationProblem(unknown.map((field) => ({ field, message: "Unknown field." }))),
    };
  const body = raw as { name?: unknown; changes?: unknown };
  return { ok: true, name: body.name, changes: body.changes };
}

export function scenarioJson(scenario: ScenarioRecord) {
  return {
    id: scenario.id,
    name: scenario.name,
    organizationId: scenario.organizationId,
    changes: scenario.changes,
    createdAt: scenario.createdAt,
    updatedAt: scenario.updatedAt,
    links: { self: `/api/v1/scenarios/${scenario.id}`, page: `/insights/scenarios/${scenario.id}` },
  };
}

function sideJson(side: PlanSide) {
  return {
    lots: side.lots,
    placedLots: side.placedLots,
    placedTonnes: side.placedTonnes,
    strandedTonnes: side.strandedTonnes,
    netValue: side.netValue,
    freightCost: side.freightCost,
    co2eKg: side.co2eKg,
    flows: side.byEconomyPair.map((pair) => ({
      from: pair.from,
      to: pair.to,
      tonnes: pair.tonnes,
      lots: pair.lots,
      netValue: pair.netValue,
    })),
  };
}

const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });

function economyJson(shift: EconomyShift) {
  const change = shift.netValueMinor[1] - shift.netValueMinor[0];
  return {
    economy: shift.economy,
    outcome: change > 0 ? "gains" : change < 0 ? "loses" : "unchanged",
    netValueChange: usd(change),
    baseline: {
      placedTonnes: shift.placedTonnes[0],
      receivedTonnes: shift.receivedTonnes[0],
      netValue: usd(shift.netValueMinor[0]),
    },
    scenario: {
      placedTonnes: shift.placedTonnes[1],
      receivedTonnes: shift.receivedTonnes[1],
      netValue: usd(shift.netValueMinor[1]),
    },
  };
}

export function comparisonJson(comparison: ScenarioComparison) {
  return {
    computedAt: comparison.computedAt,
    baseline: sideJson(comparison.baseline),
    scenario: sideJson(comparison.scenario),
    economies: comparison.shifts.map(economyJson),
    hubs: comparison.hubs,
    blockedPairs: { baseline: comparison.blockedPairs[0], scenario: comparison.blockedPairs[1] },
  };
}

/**
 * The scenario's comparison, solved now unless kept: /plan's allowance first (429), then the one
 * plan slot (503). A solver that finds no plan answers 422 PLAN_NOT_SOLVED.
 */
export async function solvedComparison(
  scenario: ScenarioRecord,
  organizationId: string,
  now: Date,
): Promise<{ ok: true; comparison: ScenarioComparison } | { ok: false; response: Response }> {
  if (!cachedComparison(scenarioVersion(scenario), now)) {
    const refused = await takeSolveAllowance(organizationId);
    if (refused) return { ok: false, response: refused };
  }
  return solveTaken(scenario, now);
}

/** One solve of the organisation's allowance, or the 429 that refuses it. */
export async function takeSolveAllowance(organizationId: string): Promise<Response | null> {
  const allowance = await takePlanAllowance({
    organizationId,
    verified: await isOrganizationVerified(organizationId),
  });
  return allowance.ok
    ? null
    : rateLimitedProblem(allowance, "Too many plans; wait a little.", "organisation");
}

/** The comparison once the allowance was taken. */
export async function solveTaken(
  scenario: ScenarioRecord,
  now: Date,
): Promise<{ ok: true; comparison: ScenarioComparison } | { ok: false; response: Response }> {
  const outcome = await compareScenario(scenario, now);
  if (outcome.ok) return { ok: true, comparison: outcome.value };
  if (outcome.code === "PLAN_SOLVER_BUSY")
    return { ok: false, response: busyProblem("The scenario was not solved.") };
  if (outcome.code === "PLAN_FAILED")
    return {
      ok: false,
      response: problem(422, outcome.message, { code: "PLAN_NOT_SOLVED", detail: outcome.message }),
    };
  return { ok: false, response: failureProblem(outcome) };
}
