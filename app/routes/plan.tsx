import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { takePlanAllowance } from "~/api/rate-limits.server.ts";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FlowsMap } from "~/components/map/flows-map.tsx";
import { PlanTables } from "~/components/plan-tables.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { type PlanView, planPageView } from "~/domain/matching/plan-view.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatTonnes } from "~/domain/quantity.ts";
import { marketplacePlan, PLAN_CACHE_MS } from "~/models/allocation-plan.server.ts";
import { isOrganizationVerified } from "~/models/organization.server.ts";
import planStyles from "~/styles/plan.css?url";

export const meta: MetaFunction = () => [{ title: "Regional allocation plan · Packloop" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStyles }];

async function planView(fresh: boolean) {
  const outcome = await marketplacePlan(new Date(), fresh);
  if (!outcome.ok) {
    const busy = outcome.code === "PLAN_SOLVER_BUSY";
    return data(
      { ok: false as const, message: outcome.message },
      { status: failureStatus(outcome.code), headers: busy ? { "Retry-After": "5" } : {} },
    );
  }
  return planPageView(outcome.value, { fromCache: outcome.fromCache, cacheSeconds: PLAN_CACHE_MS / 1000 });
}

// The marketplace's plan, cached for a minute in the process (PLAN_CACHE_MS): see allocation-plan.server.ts.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return planView(false);
}

// "Recompute": solve again now, whatever the cache holds.
export async function action({ request }: ActionFunctionArgs) {
  const { user, organizationId } = await requireActor(request);
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
      { ok: false as const, message: `You have recomputed the plan often; try again in ${wait} s.` },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  return planView(true);
}

export default function PlanPage() {
  const loaded = useLoaderData<typeof loader>();
  const recomputed = useActionData<typeof action>();
  const view = (recomputed ?? loaded) as PlanView | { ok: false; message: string };
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <div className="stack plan-page" data-testid="plan-page">
      <h1>Regional allocation plan</h1>
      <p className="plan-intro">
        Every open lot on Packloop, sent to the facility and month that nets the region the most after freight
        and a price of USD 100 per tonne of CO2e, with each facility&apos;s capacity respected and every pair
        the rules forbid left out. Solved as a linear programme with HiGHS; a lot may stay where it is, and
        then the plan says why. Arcs show the flows between economies, thicker for more tonnes; circles are
        flows within one economy. <Link to="/insights/scenarios">What if</Link> borders, hubs, freight or the
        CO2 price changed?
      </p>
      <Form method="post" className="inline-form">
        <button type="submit" className="button button-small" disabled={busy}>
          {busy ? "Solving…" : "Recompute"}
        </button>
        {view.ok ? (
          <span className="plan-meta">
            Solved <DateTime value={view.computedAt} precision="second" />
            {view.fromCache ? ` (kept for ${view.cacheSeconds} s)` : ""} · {view.plan.solver.solveMs} ms in
            HiGHS, {view.plan.solver.rounds} {view.plan.solver.rounds === 1 ? "round" : "rounds"}
          </span>
        ) : null}
      </Form>
      {view.ok ? (
        <PlanBody view={view} />
      ) : (
        <p className="form-error" role="alert">
          {view.message}
        </p>
      )}
    </div>
  );
}

function PlanBody({ view }: { view: PlanView }) {
  const { totals } = view.plan;
  const tonnes = (t: number) => formatTonnes(t, { maxDecimals: 1 });
  return (
    <>
      <div className="figures plan-figures" data-testid="plan-totals">
        <div className="figure">
          <strong>{tonnes(totals.tonnes)}</strong>
          <span>
            assigned · {totals.assignedLots} of {totals.lots} lots
          </span>
        </div>
        <div className="figure">
          <strong>{formatMoney(totals.netValue)}</strong>
          <span>net value to sellers</span>
        </div>
        <div className="figure">
          <strong>{formatMoney(totals.freightCost)}</strong>
          <span>freight</span>
        </div>
        <div className="figure">
          <strong>{tonnes(totals.co2eKg / 1000)}</strong>
          <span>CO2e from freight</span>
        </div>
      </div>
      <FlowsMap flows={view.flows} />
      <PlanTables view={view} />
    </>
  );
}
