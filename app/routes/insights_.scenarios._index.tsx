import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { ScenarioChangesForm } from "~/components/scenario-form.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { type ScenarioForm, scenarioChangesFromForm } from "~/domain/matching/scenario-form.ts";
import { createScenario, listScenarios } from "~/models/plan-scenario.server.ts";
import planStyles from "~/styles/plan.css?url";

export const meta: MetaFunction = () => [{ title: "What if: regional scenarios · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: planStyles }];

/** /insights/scenarios (signed in): the organisation's saved "what if"s and a form for a new one (ADR 037). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return {
    hasOrganization: actor.organizationId !== null,
    scenarios: actor.organizationId ? await listScenarios(actor.organizationId) : [],
  };
}

function formValues(form: FormData): ScenarioForm {
  const values: ScenarioForm = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const values = formValues(await request.formData());
  const changes = scenarioChangesFromForm(values);
  const nameError: Record<string, string> =
    (values.name ?? "").trim() === "" ? { name: "Give the scenario a name." } : {};
  if (!changes.ok) {
    const errors: Record<string, string> = { ...nameError, ...changes.errors };
    return data({ values, errors }, { status: 400 });
  }
  const created = await createScenario(
    { userId: actor.user.id, organizationId: actor.organizationId },
    values.name,
    changes.changes,
  );
  if (!created.ok) {
    return data({ values, errors: failureFieldErrors(created) }, { status: failureStatus(created.code) });
  }
  return redirect(`/insights/scenarios/${created.id}`);
}

export default function ScenariosPage() {
  const { scenarios, hasOrganization } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack" data-testid="scenarios-page">
      <h1>What if: regional cooperation</h1>
      <p className="plan-intro">
        Change the world and see the <Link to="/plan">regional allocation plan</Link> solved again beside the
        live one: an economy bans or lifts its ban on black mass imports, a joint recycling hub opens at a
        port, freight or the CO2 price moves. The changes apply to the solver&apos;s inputs only; live border
        rules, facilities and factors stay as they are. Anyone signed in with a scenario&apos;s link can view
        it; only your organisation can change it.
      </p>
      {result?.errors.form ? (
        <p className="form-error" role="alert">
          {result.errors.form}
        </p>
      ) : null}
      {hasOrganization ? (
        <>
          <h2>Your organisation&apos;s scenarios</h2>
          {scenarios.length === 0 ? (
            <p className="empty">No scenarios yet.</p>
          ) : (
            <ul data-testid="scenario-list">
              {scenarios.map((s) => (
                <li key={s.id}>
                  <Link to={`/insights/scenarios/${s.id}`}>{s.name}</Link>{" "}
                  <span className="hint">
                    {s.changes.length} {s.changes.length === 1 ? "change" : "changes"} ·{" "}
                    <DateTime value={s.createdAt} precision="day" />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2>New scenario</h2>
          <ScenarioChangesForm
            name={result?.values.name ?? ""}
            values={result?.values ?? {}}
            errors={result?.errors ?? {}}
            submitLabel="Save and compare"
          />
        </>
      ) : (
        <p className="empty">Scenarios belong to an organisation: join or create one to save your own.</p>
      )}
    </div>
  );
}
