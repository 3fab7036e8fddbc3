import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { takePlanAllowance } from "~/api/rate-limits.server.ts";
import { type Actor, requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { PlanMap, usePlanFormat } from "~/components/plan-map.tsx";
import { PlanTables } from "~/components/plan-tables.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { type PlanMine, type PlanView, parsePlanMine, planPageView } from "~/domain/matching/plan-view.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { marketplacePlan, PLAN_CACHE_MS } from "~/models/allocation-plan.server.ts";
import { isOrganizationVerified } from "~/models/organization.server.ts";
import planStyles from "~/styles/plan.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "plan.title") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStyles }];

/** Which of "my lots" / "my facilities" the viewer is offered, and what the URL asked for. */
export interface PlanChoices {
  lots: boolean;
  facilities: boolean;
  /** `?mine=` as asked; null for the whole plan. */
  asked: PlanMine | null;
  /** Asked by someone who acts for no organisation: the whole plan is shown. */
  ignored: boolean;
}

async function planView(request: Request, actor: Actor, fresh: boolean) {
  // "My lots" / "my facilities" live in the URL (?mine=lots|facilities), so a link shares them and
  // a plain GET form sets them before any JavaScript runs.
  const asked = parsePlanMine(new URL(request.url).searchParams.get("mine"));
  const filter = asked && actor.organizationId ? { mine: asked, organizationId: actor.organizationId } : null;
  const choices: PlanChoices = {
    lots: actor.capabilities.includes("seller") || asked === "lots",
    facilities: actor.capabilities.includes("recycler") || asked === "facilities",
    asked,
    ignored: asked !== null && filter === null,
  };
  const outcome = await marketplacePlan(new Date(), fresh);
  if (!outcome.ok) {
    const busy = outcome.code === "PLAN_SOLVER_BUSY";
    return data(
      { ok: false as const, code: outcome.code as string, message: outcome.message },
      { status: failureStatus(outcome.code), headers: busy ? { "Retry-After": "5" } : {} },
    );
  }
  return {
    ...planPageView(
      outcome.value,
      { fromCache: outcome.fromCache, cacheSeconds: PLAN_CACHE_MS / 1000 },
      filter,
    ),
    choices,
  };
}

// The marketplace's plan, cached for a minute in the process (PLAN_CACHE_MS): see allocation-plan.server.ts.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return planView(request, actor, false);
}

// "Recompute": solve again now, whatever the cache holds.
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { user, organizationId } = actor;
  // Each recompute takes a core for up to seconds: the API's limit applies, counted per
  // organisation (per user for one acting for none).
  const allowance = await takePlanAllowance(
    organizationId
      ? { organizationId, verified: await isOrganizationVerified(organizationId) }
      : { userId: user.id },
  );
  if (!allowance.ok) {
    const wait = allowance.retryAfterSeconds;
    return data(
      {
        ok: false as const,
        code: "RATE_LIMITED",
        wait,
        message: `You have recomputed the plan often; try again in ${wait} s.`,
      },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  return planView(request, actor, true);
}

type LoadedPlan = PlanView & { choices: PlanChoices };

export default function PlanPage() {
  const loaded = useLoaderData<typeof loader>();
  const recomputed = useActionData<typeof action>();
  const view = (recomputed ?? loaded) as
    | LoadedPlan
    | { ok: false; code: string; message: string; wait?: number };
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const { t } = usePlanFormat();
  return (
    <div className="stack plan-page" data-testid="plan-page">
      <h1>{t("plan.title")}</h1>
      <PlanIntro />
      {view.ok ? <PlanFilter choices={view.choices} /> : null}
      <Form method="post" className="plan-recompute">
        <button type="submit" className="button button-small" disabled={busy}>
          {busy ? t("plan.solving") : t("plan.recompute")}
        </button>
        {view.ok ? (
          <span className="plan-meta">
            <Slotted text={t("plan.solved", { time: SLOT })}>
              <DateTime value={view.computedAt} precision="second" />
            </Slotted>
            {view.fromCache ? t("plan.kept", { seconds: view.cacheSeconds }) : ""} ·{" "}
            {t("plan.solver", { ms: view.plan.solver.solveMs, count: view.plan.solver.rounds })}
          </span>
        ) : null}
      </Form>
      {view.ok ? (
        <PlanBody view={view} />
      ) : (
        <p className="form-error" role="alert">
          {/* Worded by its code in the page's language; the model's English for a code it lacks. */}
          {t(`plan.refusal.${view.code}`, { wait: view.wait, defaultValue: view.message })}
        </p>
      )}
      <p className="plan-note">
        {t("plan.intro.method")} <Link to="/insights/scenarios">{t("plan.intro.whatIf")}</Link>
      </p>
    </div>
  );
}

/** What the plan is, that it books nothing, and how to act on it — before any figure. */
function PlanIntro() {
  const { t } = usePlanFormat();
  return (
    <section className="plan-intro" aria-label={t("plan.intro.label")} data-testid="plan-intro">
      <p>{t("plan.intro.what")}</p>
      <p>
        <strong>{t("plan.intro.suggestion")}</strong>
      </p>
      <p>{t("plan.intro.read")}</p>
      <ul className="plan-actions">
        <li>
          {t("plan.intro.actSeller")} <Link to="/lots/mine">{t("plan.intro.myLotsLink")}</Link>
        </li>
        <li>
          {t("plan.intro.actRecycler")} <Link to="/facilities">{t("plan.intro.facilitiesLink")}</Link>
        </li>
      </ul>
    </section>
  );
}

/** "All flows / my lots / my facilities": a plain GET form, so it works before JavaScript and the URL shares it. */
function PlanFilter({ choices }: { choices: PlanChoices }) {
  const { t } = usePlanFormat();
  if (!choices.lots && !choices.facilities) return null;
  const current = choices.ignored ? "all" : (choices.asked ?? "all");
  return (
    // Keyed by the choice, so the radios follow the URL after a client-side navigation too.
    <Form key={current} method="get" className="plan-filter" data-testid="plan-filter">
      <fieldset>
        <legend>{t("plan.filter.legend")}</legend>
        <label>
          <input type="radio" name="mine" value="all" defaultChecked={current === "all"} />
          {t("plan.filter.all")}
        </label>
        {choices.lots ? (
          <label>
            <input type="radio" name="mine" value="lots" defaultChecked={current === "lots"} />
            {t("plan.filter.lots")}
          </label>
        ) : null}
        {choices.facilities ? (
          <label>
            <input type="radio" name="mine" value="facilities" defaultChecked={current === "facilities"} />
            {t("plan.filter.facilities")}
          </label>
        ) : null}
        <button type="submit" className="button button-small button-secondary">
          {t("plan.filter.apply")}
        </button>
      </fieldset>
      {choices.ignored ? (
        <p className="plan-note" role="status">
          {t("plan.filter.noOrganisation")}
        </p>
      ) : current === "lots" ? (
        <p className="plan-note" role="status" data-testid="plan-filter-status">
          {t("plan.filter.showingLots")}
        </p>
      ) : current === "facilities" ? (
        <p className="plan-note" role="status" data-testid="plan-filter-status">
          {t("plan.filter.showingFacilities")}
        </p>
      ) : null}
    </Form>
  );
}

function PlanBody({ view }: { view: PlanView }) {
  const { totals } = view.plan;
  const { t, tonnes } = usePlanFormat();
  const [chosen, setChosen] = useState<string | null>(null);
  // A filter that drops the chosen flow drops the choice too.
  const selected = chosen && totals.byEconomyPair.some((p) => p.key === chosen) ? chosen : null;
  return (
    <>
      <div className="figures plan-figures" data-testid="plan-totals">
        <div className="figure">
          <strong>{tonnes(totals.tonnes)}</strong>
          <span>{t("plan.totals.assigned", { assigned: totals.assignedLots, total: totals.lots })}</span>
        </div>
        <div className="figure">
          {/* The plan's economics with the viewer's display currency beside them (ADR 051). */}
          <strong>
            <Money money={totals.netValue} />
          </strong>
          <span>{t("plan.totals.netValue")}</span>
        </div>
        <div className="figure">
          <strong>
            <Money money={totals.freightCost} />
          </strong>
          <span>{t("plan.totals.freight")}</span>
        </div>
        <div className="figure">
          <strong>{tonnes(totals.co2eKg / 1000)}</strong>
          <span>{t("plan.totals.co2e")}</span>
        </div>
      </div>
      <PlanMap
        flows={view.flows}
        pairs={totals.byEconomyPair}
        widthSamples={view.widthSamples}
        selected={selected}
        onSelect={setChosen}
      />
      <PlanTables view={view} selected={selected} onSelect={setChosen} />
    </>
  );
}
