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
import { ScenarioChangeLine, ScenarioChangesForm } from "~/components/scenario-form.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { seaPort } from "~/domain/logistics/sea-lanes.ts";
import {
  type ScenarioForm,
  scenarioChangesFromForm,
  scenarioFormFromChanges,
} from "~/domain/matching/scenario-form.ts";
import { metaMessage } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
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
import { scenarioFormErrors } from "./scenario-errors.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => [
  {
    title: `${loaded?.scenario.name ?? metaMessage(matches, "scenarios.scenario")} · ${metaMessage(matches, "scenarios.whatIf")} · Packloop`,
  },
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
      // Port names are data (UN/LOCODE names), the same in every language.
      ports: Object.fromEntries(
        scenario.changes.flatMap((c) =>
          c.kind === "hub" ? [[c.port, seaPort(c.port)?.name ?? c.port]] : [],
        ),
      ) as Record<string, string>,
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
          message: {
            code: "RATE_LIMITED",
            text: `Many plans were solved for you just now; try again in ${wait} s.`,
            wait,
          },
        },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  const outcome = await compareScenario(scenario, now);
  if (!outcome.ok) {
    const busy = outcome.code === "PLAN_SOLVER_BUSY";
    return data(
      {
        ...base,
        comparison: null,
        message: { code: outcome.code as string, text: outcome.message, wait: 5 },
      },
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
  const t = pageTranslator(request, actor.user.language);
  const owner = { userId: actor.user.id, organizationId: actor.organizationId };
  const id = params.scenarioId ?? "";
  const values = formValues(await request.formData());
  if (values.intent === "delete") {
    const deleted = await deleteScenario(id, owner);
    if (!deleted.ok)
      return data(
        { values, errors: scenarioFormErrors(t, failureFieldErrors(deleted), deleted.code) },
        { status: failureStatus(deleted.code) },
      );
    return redirect("/insights/scenarios");
  }
  const changes = scenarioChangesFromForm(values);
  if (!changes.ok) {
    // Refuse strangers before telling them about their fields.
    const found = await findScenario(id);
    if (!found)
      return data(
        { values, errors: scenarioFormErrors(t, { form: "No scenario with this id." }, "NOT_FOUND") },
        { status: 404 },
      );
    if (!canEditScenario(found, owner))
      return data(
        {
          values,
          errors: scenarioFormErrors(
            t,
            { form: "Only the owning organisation may change this scenario." },
            "FORBIDDEN",
          ),
        },
        { status: 403 },
      );
    return data({ values, errors: scenarioFormErrors(t, changes.errors) }, { status: 400 });
  }
  const updated = await updateScenario(id, owner, values.name, changes.changes);
  if (!updated.ok)
    return data(
      { values, errors: scenarioFormErrors(t, failureFieldErrors(updated), updated.code) },
      { status: failureStatus(updated.code) },
    );
  return redirect(`/insights/scenarios/${id}`);
}

function Comparison({ comparison }: { comparison: ScenarioComparison }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tonnes = (value: number) => format.tonnes(value, { maxDecimals: 1 });
  const usd = (amountMinor: number) => format.money({ amountMinor, currency: "USD" });
  const { baseline: b, scenario: s } = comparison;
  const ofLots = (placed: number, lots: number) =>
    t("scenarios.compare.lotsOf", { placed: format.number(placed), lots: format.number(lots) });
  const rows: [string, string, string][] = [
    [t("scenarios.compare.placedTonnes"), tonnes(b.placedTonnes), tonnes(s.placedTonnes)],
    [t("scenarios.compare.placedLots"), ofLots(b.placedLots, b.lots), ofLots(s.placedLots, s.lots)],
    [t("scenarios.compare.strandedTonnes"), tonnes(b.strandedTonnes), tonnes(s.strandedTonnes)],
    [t("scenarios.compare.netValue"), format.money(b.netValue), format.money(s.netValue)],
    [t("scenarios.compare.freight"), format.money(b.freightCost), format.money(s.freightCost)],
    [t("scenarios.compare.co2e"), tonnes(b.co2eKg / 1000), tonnes(s.co2eKg / 1000)],
    [
      t("scenarios.compare.blockedPairs"),
      format.number(comparison.blockedPairs[0]),
      format.number(comparison.blockedPairs[1]),
    ],
  ];
  return (
    <>
      <table data-testid="scenario-comparison">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("scenarios.compare.live")}</th>
            <th scope="col">{t("scenarios.scenario")}</th>
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
              {h.name}: {t("scenarios.compare.hubPlanned", { tonnes: tonnes(h.tonnes) })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="scenario-maps">
        <section>
          <h2>{t("scenarios.compare.live")}</h2>
          <FlowsMap flows={b.flows} height={320} />
        </section>
        <section>
          <h2>{t("scenarios.scenario")}</h2>
          <FlowsMap flows={s.flows} height={320} />
        </section>
      </div>
      <h2>{t("scenarios.shifts.title")}</h2>
      <table data-testid="scenario-shifts">
        <thead>
          <tr>
            <th scope="col">{t("scenarios.shifts.economy")}</th>
            <th scope="col">{t("scenarios.shifts.placed")}</th>
            <th scope="col">{t("scenarios.shifts.recycled")}</th>
            <th scope="col">{t("scenarios.shifts.netValue")}</th>
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
                {usd(e.netValueMinor[0])} → {usd(e.netValueMinor[1])}
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
  const { t } = useTranslation();
  return (
    <div className="stack plan-page" data-testid="scenario-page">
      <p>
        <Link to="/insights/scenarios">{t("scenarios.all")}</Link>
      </p>
      <h1>{t("scenarios.named", { name: scenario.name })}</h1>
      <ul data-testid="scenario-changes">
        {scenario.changes.map((change, i) => (
          // A scenario may repeat a change; its place in the list tells them apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is the stored order and never reorders
          <li key={i}>
            <ScenarioChangeLine change={change} ports={scenario.ports} />
          </li>
        ))}
      </ul>
      {comparison ? (
        <Comparison comparison={comparison} />
      ) : (
        <p className="form-error" role="alert">
          {message
            ? t(`scenarios.compare.refusal.${message.code}`, {
                defaultValue: message.text,
                wait: message.wait,
              })
            : null}
        </p>
      )}
      {result?.errors.form ? (
        <p className="form-error" role="alert">
          {result.errors.form}
        </p>
      ) : null}
      {canEdit ? (
        <>
          <h2>{t("scenarios.change")}</h2>
          <ScenarioChangesForm
            name={result?.values.name ?? scenario.name}
            values={result?.values ?? loaded.form}
            errors={result?.errors ?? {}}
            submitLabel={t("scenarios.form.submit")}
          />
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="button-danger">
              {t("scenarios.delete")}
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
