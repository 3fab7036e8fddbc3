import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { manualWireKey } from "~/api/deal-api.server.ts";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { StripeAdminSection } from "~/components/stripe-admin-section.tsx";
import { minorToMajor } from "~/domain/deals/currency-exponents.ts";
import { failureStatus } from "~/domain/failure.ts";
import { failureFieldErrorsIn } from "~/i18n/failure-messages.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { adminDealQueues } from "~/models/deals/deal-read.server.ts";
import { escalatedDisputes } from "~/models/deals/disputes-read.server.ts";
import {
  resolvePaymentException,
  retryFailedPaymentCommand,
  stripeAdminQueues,
} from "~/models/deals/payment-exceptions.server.ts";
import { recordPayment, recordPayout } from "~/models/deals/payments.server.ts";
import { readWireForm } from "./deal-pages.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "admin.deals.title") }];

/** Platform admins record bank transfers: incoming for deals awaiting payment, outgoing for money owed. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  return {
    ...(await adminDealQueues()),
    stripe: await stripeAdminQueues(),
    disputes: await escalatedDisputes(),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { admin: true });
  const t = pageTranslator(request, actor.user.language);
  const form = await request.formData();
  const dealId = String(form.get("dealId") ?? "");
  const currency = String(form.get("currency") ?? "");
  const intent = String(form.get("intent") ?? "");
  if (intent === "resolve_exception" || intent === "retry_command") {
    const done =
      intent === "resolve_exception"
        ? await resolvePaymentException(String(form.get("exceptionId") ?? ""))
        : await retryFailedPaymentCommand(String(form.get("commandId") ?? ""));
    if (!done.ok)
      return data(
        { dealId, errors: failureFieldErrorsIn(t, "admin.deals", done), notice: null },
        { status: failureStatus(done.code) },
      );
    return {
      dealId,
      errors: null,
      notice: t(intent === "resolve_exception" ? "admin.deals.dealtWith" : "admin.deals.queuedAgain"),
    };
  }
  const wire = readWireForm(form, currency);
  if (!wire.ok)
    return data(
      { dealId, errors: failureFieldErrorsIn(t, "admin.deals", wire, { currency }), notice: null },
      { status: 400 },
    );
  const admin = { role: "admin" as const, userId: actor.userId };
  const result =
    intent === "incoming"
      ? await recordPayment({
          dealId,
          amountMinor: wire.amountMinor,
          currency,
          rail: "manual",
          reference: wire.reference,
          receivedAt: wire.at,
          key: manualWireKey(dealId, "in", wire.reference),
          actor: admin,
        })
      : await recordPayout({
          dealId,
          to: intent === "refund" ? "payer" : "payee",
          amountMinor: wire.amountMinor,
          currency,
          rail: "manual",
          reference: wire.reference,
          paidAt: wire.at,
          key: manualWireKey(dealId, "out", wire.reference),
          actor: admin,
        });
  if (!result.ok)
    return data(
      { dealId, errors: failureFieldErrorsIn(t, "admin.deals", result), notice: null },
      { status: failureStatus(result.code) },
    );
  return {
    dealId,
    errors: null,
    notice: t(result.replayed ? "admin.deals.alreadyRecorded" : "admin.deals.recorded"),
  };
}

function WireForm(props: {
  dealId: string;
  intent: "incoming" | "payout" | "refund";
  amount: { amountMinor: number; currency: string };
  today: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form" aria-label={props.label}>
      <input type="hidden" name="dealId" value={props.dealId} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="currency" value={props.amount.currency} />
      <label>
        {t("admin.deals.amount", { currency: props.amount.currency })}{" "}
        <input
          name="amount"
          defaultValue={minorToMajor(props.amount.amountMinor, props.amount.currency)}
          required
        />
      </label>{" "}
      <label>
        {t("admin.deals.bankReference")} <input name="reference" required />
      </label>{" "}
      <label>
        {t("admin.deals.date")} <input name="date" type="date" defaultValue={props.today} required />
      </label>{" "}
      <button type="submit">{props.label}</button>
    </Form>
  );
}

export default function AdminDeals() {
  const { awaiting, owing, today, stripe, disputes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const format = useFormat();
  const message = (dealId: string) =>
    result?.dealId === dealId ? (
      result.errors ? (
        <p className="form-error" role="alert">
          {Object.values(result.errors).join(" ")}
        </p>
      ) : null
    ) : null;
  return (
    <div className="stack">
      <h1>{t("admin.deals.title")}</h1>
      <p>{t("admin.deals.intro")}</p>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      <section className="card" aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading">{t("admin.deals.awaiting", { count: awaiting.length })}</h2>
        {awaiting.length === 0 ? <p className="empty">{t("admin.deals.noneAwaiting")}</p> : null}
        {awaiting.map((deal) => (
          <article key={deal.id} className="card" data-testid="awaiting-deal">
            <p>
              <Link to={`/deals/${deal.id}`}>{deal.reference}</Link> · {t("admin.deals.paymentReference")}{" "}
              <strong>{deal.paymentReference}</strong> ·{" "}
              <Slotted
                text={t("admin.deals.owes", {
                  payer: deal.payer.name,
                  amount: format.money(deal.amount),
                  date: SLOT,
                })}
              >
                <DateTime value={deal.paymentDueAt} />
              </Slotted>
            </p>
            {message(deal.id)}
            <WireForm
              dealId={deal.id}
              intent="incoming"
              amount={deal.amount}
              today={today}
              label={t("admin.deals.recordIncoming")}
            />
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="owing-heading">
        <h2 id="owing-heading">{t("admin.deals.owing", { count: owing.length })}</h2>
        {owing.length === 0 ? <p className="empty">{t("admin.deals.noneOwing")}</p> : null}
        {owing.map((deal) => (
          <article key={deal.id} className="card" data-testid="owing-deal">
            <p>
              <Link to={`/deals/${deal.id}`}>{deal.reference}</Link> ·{" "}
              {t(`admin.deals.status.${deal.status}`)}
            </p>
            {message(deal.id)}
            {deal.owedToPayee.amountMinor > 0 ? (
              <WireForm
                dealId={deal.id}
                intent="payout"
                amount={deal.owedToPayee}
                today={today}
                label={t("admin.deals.recordTransfer", { name: deal.payee.name })}
              />
            ) : null}
            {deal.owedToPayer.amountMinor > 0 ? (
              <WireForm
                dealId={deal.id}
                intent="refund"
                amount={deal.owedToPayer}
                today={today}
                label={t("admin.deals.recordRefund", { name: deal.payer.name })}
              />
            ) : null}
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="disputes-heading">
        <h2 id="disputes-heading">{t("admin.deals.disputes", { count: disputes.length })}</h2>
        {disputes.length === 0 ? <p className="empty">{t("admin.deals.noneDisputed")}</p> : null}
        {disputes.map((d) => (
          <article key={d.id} className="card" data-testid="escalated-dispute">
            <p>
              <Link to={`/deals/${d.dealId}`}>{d.dealReference}</Link> ·{" "}
              {t(`admin.deals.disputeReason.${d.reason}`, { defaultValue: d.reasonLabel })} ·{" "}
              {t("admin.deals.dealValue", {
                amount: format.money({ amountMinor: BigInt(d.totalMinor), currency: d.currency }),
              })}
            </p>
            <p>{d.description}</p>
            <p className="hint">
              <Slotted text={t("admin.deals.proposals", { count: d.proposals.length, page: SLOT })}>
                <Link to={`/deals/${d.dealId}`}>{t("admin.deals.dealPage")}</Link>
              </Slotted>
            </p>
          </article>
        ))}
      </section>
      <StripeAdminSection exceptions={stripe.exceptions} stuck={stripe.stuck} />
    </div>
  );
}
