import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { takePlanAllowance } from "~/api/rate-limits.server.ts";
import { requireActor } from "~/auth/actor.server.ts";
import { FlowsMap } from "~/components/map/flows-map.tsx";
import { ScenarioChangesForm } from "~/components/scenario-form.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { seaPort } from "~/domain/logistics/sea-lanes.ts";
import {
  describeChange,
  type ScenarioForm,
  scenarioChangesFromForm,
  scenarioFormFromChanges,
} from "~/domain/matching/scenario-form.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatTonnes } from "~/domain/quantity.ts";
import { isOrganizationVerified } from "~/models/organization.server.ts";
import {
  cachedComparison,
  canEditScenario,
  compareScenario,
  deleteScenario,
  findScenario,
  type ScenarioComparison,
  scenarioVersion,
  updateScenario,
} from "~/models/plan-scenario.server.ts";
import planStyles from "~/styles/plan.css?url";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.scenario.name ?? "Scenario"} · What if · Packloop` },
];
export const links = () => [{ rel: "stylesheet", href: planStyles }];

/**
 * /insights/scenarios/:scenarioId: the scenario's plan beside the live one. Any signed-in user with
 * the link may view it; only members of the owning organisation see the edit form and may post.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const scenario = await findScenario(params.scenarioId ?? "");
  if (!scenario) throw new Response("No such scenario.", { status: 404 });
  const now = new Date();
  const owner = { userId: actor.user.id, organizationId: actor.organizationId };
  const base = {
    scenario: {
      ...scenario,
      lines: scenario.changes.map((c) => describeChange(c, (id) => seaPort(id)?.name ?? id)),
    },
    canEdit: canEditScenario(scenario, owner),
    form: scenarioFormFromChanges(scenario.changes),
  };
  // A solve takes a core for up to seconds: unless the comparison is kept, /plan's limit applies.
  if (!cachedComparison(scenarioVersion(scenario), now)) {
    const allowance = await takePlanAllowance(
      actor.organizationId
        ? {
            organizationId: actor.organizationId,
            verified: await isOrganizationVerified(actor.organizationId),
          }
        : { userId: actor.user.id },
    );
    if (!allowance.ok) {
      const wait = allowance.retryAfterSeconds;
      return data(
        {
          ...base,
          comparison: null,
          message: `Many plans were solved for you just now; try again in ${wait} s.`,
        },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  const outcome = await compareScenario(scenario, now);
  if (!outcome.ok) {
    const busy = outcome.code === "PLAN_SOLVER_BUSY";
    return data(
      { ...base, comparison: null, message: outcome.message },
      { status: failureStatus(outcome.code), headers: busy ? { "Retry-After": "5" } : {} },
    );
  }
  return { ...base, comparison: outcome.value, message: null };
}

function formValues(form: FormData): ScenarioForm {
  const values: ScenarioForm = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

/** intent=save (the changes form) or intent=delete; owners only (403), unknown scenarios 404. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const owner = { userId: actor.user.id, organizationId: actor.organizationId };
  const id = params.scenarioId ?? "";
  const values = formValues(await request.formData());
  if (values.intent === "delete") {
    const deleted = await deleteScenario(id, owner);
    if (!deleted.ok)
      return data({ values, errors: failureFieldErrors(deleted) }, { status: failureStatus(deleted.code) });
    return redirect("/insights/scenarios");
  }
  const changes = scenarioChangesFromForm(values);
  if (!changes.ok) {
    // Refuse strangers before telling them about their fields.
    const found = await findScenario(id);
    if (!found) return data({ values, errors: { form: "No scenario with this id." } }, { status: 404 });
    if (!canEditScenario(found, owner))
      return data(
        { values, errors: { form: "Only the owning organisation may change this scenario." } },
        { status: 403 },
      );
    return data({ values, errors: changes.errors }, { status: 400 });
  }
  const updated = await updateScenario(id, owner, values.name, changes.changes);
  if (!updated.ok)
    return data({ values, errors: failureFieldErrors(updated) }, { status: failureStatus(updated.code) });
  return redirect(`/insights/scenarios/${id}`);
}

const tonnes = (t: number) => formatTonnes(t, { maxDecimals: 1 });

function Comparison({ comparison }: { comparison: ScenarioComparison }) {
  const { baseline: b, scenario: s } = comparison;
  const rows: [string, string, string][] = [
    ["Tonnes placed", tonnes(b.placedTonnes), tonnes(s.placedTonnes)],
    ["Lots placed", `${b.placedLots} of ${b.lots}`, `${s.placedLots} of ${s.lots}`],
    ["Tonnes stranded", tonnes(b.strandedTonnes), tonnes(s.strandedTonnes)],
    ["Net value to sellers", formatMoney(b.netValue), formatMoney(s.netValue)],
    ["Freight", formatMoney(b.freightCost), formatMoney(s.freightCost)],
    ["CO2e from freight", tonnes(b.co2eKg / 1000), tonnes(s.co2eKg / 1000)],
    ["Cross-border pairs blocked", String(comparison.blockedPairs[0]), String(comparison.blockedPairs[1])],
  ];
  return (
    <>
      <table data-testid="scenario-comparison">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Live plan</th>
            <th scope="col">Scenario</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, before, after]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{before}</td>
              <td>{after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparison.hubs.length > 0 ? (
        <ul data-testid="scenario-hubs">
          {comparison.hubs.map((h) => (
            <li key={h.id}>
              {h.name}: {tonnes(h.tonnes)} planned
            </li>
          ))}
        </ul>
      ) : null}
      <div className="scenario-maps">
        <section>
          <h2>Live plan</h2>
          <FlowsMap flows={b.flows} height={320} />
        </section>
        <section>
          <h2>Scenario</h2>
          <FlowsMap flows={s.flows} height={320} />
        </section>
      </div>
      <h2>Who gains, who loses</h2>
      <table data-testid="scenario-shifts">
        <thead>
          <tr>
            <th scope="col">Economy</th>
            <th scope="col">Its lots placed</th>
            <th scope="col">Recycled there</th>
            <th scope="col">Net value to its sellers</th>
          </tr>
        </thead>
        <tbody>
          {comparison.shifts.map((e) => (
            <tr key={e.economy}>
              <th scope="row">{e.economy}</th>
              <td>
                {tonnes(e.placedTonnes[0])} → {tonnes(e.placedTonnes[1])}
              </td>
              <td>
                {tonnes(e.receivedTonnes[0])} → {tonnes(e.receivedTonnes[1])}
              </td>
              <td>
                {formatMoney({ amountMinor: e.netValueMinor[0], currency: "USD" })} →{" "}
                {formatMoney({ amountMinor: e.netValueMinor[1], currency: "USD" })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export default function ScenarioPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { scenario, comparison, message, canEdit } = loaded;
  return (
    <div className="stack plan-page" data-testid="scenario-page">
      <p>
        <Link to="/insights/scenarios">All scenarios</Link>
      </p>
      <h1>What if: {scenario.name}</h1>
      <ul data-testid="scenario-changes">
        {scenario.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {comparison ? (
        <Comparison comparison={comparison} />
      ) : (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {result?.errors.form ? (
        <p className="form-error" role="alert">
          {result.errors.form}
        </p>
      ) : null}
      {canEdit ? (
        <>
          <h2>Change this scenario</h2>
          <ScenarioChangesForm
            name={result?.values.name ?? scenario.name}
            values={result?.values ?? loaded.form}
            errors={result?.errors ?? {}}
            submitLabel="Save and compare"
          />
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="button-danger">
              Delete scenario
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
