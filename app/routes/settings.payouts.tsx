import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { payoutAccount, startPayoutOnboarding } from "~/models/deals/stripe-connect.server.ts";
import { stripeClient } from "~/services/stripe.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "settings.payouts.title") },
];

const PAYOUT_STATUSES = new Set(["none", "onboarding", "enabled", "restricted"]);

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
  const { organization, user } = await requireActor(request, { role: "owner" });
  const t = pageTranslator(request, user.language);
  const stripe = stripeClient();
  if (!stripe) return data({ error: t("settings.payouts.notConfigured") }, { status: 409 });
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
    return data({ error: t("settings.payouts.stripeFailed", { message }) }, { status: 502 });
  }
}

export default function Payouts() {
  const { stripeEnabled, isOwner, organizationName, status, hasAccount, returned } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("settings.payouts.title")}</h1>
      {!stripeEnabled ? (
        <p>{t("settings.payouts.manual", { organization: organizationName })}</p>
      ) : (
        <section className="card">
          <h2>{t("settings.payouts.account")}</h2>
          <p data-testid="payouts-status">
            <span className="badge">{status}</span>{" "}
            {PAYOUT_STATUSES.has(status) ? t(`settings.payouts.status.${status}`) : ""}
          </p>
          {returned && status !== "enabled" ? (
            <p className="notice" role="status">
              {t("settings.payouts.back")}
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
                {hasAccount ? t("settings.payouts.continue") : t("settings.payouts.setUp")}
              </button>
            </Form>
          ) : (
            <p>{t("settings.payouts.ownersOnly")}</p>
          )}
        </section>
      )}
    </div>
  );
}
