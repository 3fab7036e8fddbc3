import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { payoutAccount, startPayoutOnboarding } from "~/models/deals/stripe-connect.server.ts";
import { stripeClient } from "~/services/stripe.server.ts";

export const meta: MetaFunction = () => [{ title: "Payouts · Packloop" }];

const STATUS_TEXT: Record<string, string> = {
  none: "No payout account yet.",
  onboarding: "Onboarding with Stripe is not finished: Stripe still needs details before it can pay you.",
  enabled: "Payouts are enabled: money released to you is transferred to your Stripe account.",
  restricted: "Stripe has restricted payouts on your account: open Stripe to see what it needs.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, membership } = await requireActor(request, { organization: true });
  const account = await payoutAccount(organization.id);
  const returned = new URL(request.url).searchParams.has("return");
  return {
    stripeEnabled: stripeClient() !== null,
    isOwner: membership.role === "owner",
    organizationName: organization.name,
    status: account?.stripePayoutsStatus ?? "none",
    hasAccount: Boolean(account?.stripeAccountId),
    returned,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization } = await requireActor(request, { role: "owner" });
  const stripe = stripeClient();
  if (!stripe) return data({ error: "Stripe is not configured on this Packloop." }, { status: 409 });
  const base = new URL(request.url);
  const here = `${base.origin}/settings/payouts`;
  try {
    const started = await startPayoutOnboarding(stripe, {
      organizationId: organization.id,
      returnUrl: `${here}?return=1`,
      refreshUrl: here,
    });
    if (!started.ok) return data({ error: started.message }, { status: 404 });
    return redirect(started.url);
  } catch (error) {
    // Stripe unreachable or refusing (e.g. a country Connect does not serve): nothing was changed.
    const message = error instanceof Error ? error.message : String(error);
    return data({ error: `Stripe could not start the onboarding: ${message}` }, { status: 502 });
  }
}

export default function Payouts() {
  const { stripeEnabled, isOwner, organizationName, status, hasAccount, returned } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Payouts</h1>
      {!stripeEnabled ? (
        <p>
          Payments through Stripe are not configured on this Packloop: money due to {organizationName} is paid
          by bank transfer, recorded by the platform&rsquo;s administrators.
        </p>
      ) : (
        <section className="card">
          <h2>Stripe payout account</h2>
          <p data-testid="payouts-status">
            <span className="badge">{status}</span> {STATUS_TEXT[status] ?? ""}
          </p>
          {returned && status !== "enabled" ? (
            <p className="notice" role="status">
              Back from Stripe. The status above changes as soon as Stripe confirms your details.
            </p>
          ) : null}
          {result?.error ? (
            <p className="error" role="alert">
              {result.error}
            </p>
          ) : null}
          {isOwner ? (
            <Form method="post">
              <button type="submit">
                {hasAccount ? "Continue onboarding with Stripe" : "Set up payouts with Stripe"}
              </button>
            </Form>
          ) : (
            <p>Only owners of the organisation can set up payouts.</p>
          )}
        </section>
      )}
    </div>
  );
}
