import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { ScenarioChangesForm } from "~/components/scenario-form.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { type ScenarioForm, scenarioChangesFromForm } from "~/domain/matching/scenario-form.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { createScenario, listScenarios } from "~/models/plan-scenario.server.ts";
import planStyles from "~/styles/plan.css?url";
import { scenarioFormErrors } from "./scenario-errors.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "scenarios.title") }];
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
  const t = pageTranslator(request, actor.user.language);
  const values = formValues(await request.formData());
  const changes = scenarioChangesFromForm(values);
  const nameError: Record<string, string> =
    (values.name ?? "").trim() === "" ? { name: "Give the scenario a name." } : {};
  if (!changes.ok) {
    const errors: Record<string, string> = { ...nameError, ...changes.errors };
    return data({ values, errors: scenarioFormErrors(t, errors) }, { status: 400 });
  }
  const created = await createScenario(
    { userId: actor.user.id, organizationId: actor.organizationId },
    values.name,
    changes.changes,
  );
  if (!created.ok) {
    return data(
      { values, errors: scenarioFormErrors(t, failureFieldErrors(created), created.code) },
      { status: failureStatus(created.code) },
    );
  }
  return redirect(`/insights/scenarios/${created.id}`);
}

export default function ScenariosPage() {
  const { scenarios, hasOrganization } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="scenarios-page">
      <h1>{t("scenarios.heading")}</h1>
      <p className="plan-intro">
        <Trans i18nKey="scenarios.intro" components={{ plan: <Link to="/plan" /> }} />
      </p>
      {result?.errors.form ? (
        <p className="form-error" role="alert">
          {result.errors.form}
        </p>
      ) : null}
      {hasOrganization ? (
        <>
          <h2>{t("scenarios.yours")}</h2>
          {scenarios.length === 0 ? (
            <p className="empty">{t("scenarios.none")}</p>
          ) : (
            <ul data-testid="scenario-list">
              {scenarios.map((s) => (
                <li key={s.id}>
                  <Link to={`/insights/scenarios/${s.id}`}>{s.name}</Link>{" "}
                  <span className="hint">
                    {t("scenarios.changes", { count: s.changes.length })} ·{" "}
                    <DateTime value={s.createdAt} precision="day" />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2>{t("scenarios.new")}</h2>
          <ScenarioChangesForm
            name={result?.values.name ?? ""}
            values={result?.values ?? {}}
            errors={result?.errors ?? {}}
            submitLabel={t("scenarios.form.submit")}
          />
        </>
      ) : (
        <p className="empty">{t("scenarios.noOrganisation")}</p>
      )}
    </div>
  );
}
