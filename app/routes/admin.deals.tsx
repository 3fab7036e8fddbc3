import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { manualWireKey } from "~/api/deal-api.server.ts";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { StripeAdminSection } from "~/components/stripe-admin-section.tsx";
import { minorToMajor } from "~/domain/deals/currency-exponents.ts";
import { DEAL_STATUS_LABELS } from "~/domain/deals/deal-view.ts";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { formatMoney } from "~/domain/money.ts";
import { adminDealQueues } from "~/models/deals/deal-read.server.ts";
import { escalatedDisputes } from "~/models/deals/disputes-read.server.ts";
import {
  resolvePaymentException,
  retryFailedPaymentCommand,
  stripeAdminQueues,
} from "~/models/deals/payment-exceptions.server.ts";
import { recordPayment, recordPayout } from "~/models/deals/payments.server.ts";
import { readWireForm } from "./deal-pages.server.ts";

export const meta: MetaFunction = () => [{ title: "Deals: manual payments · Packloop" }];

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
        { dealId, errors: failureFieldErrors(done), notice: null },
        { status: failureStatus(done.code) },
      );
    return {
      dealId,
      errors: null,
      notice: intent === "resolve_exception" ? "Marked as dealt with." : "Queued again.",
    };
  }
  const wire = readWireForm(form, currency);
  if (!wire.ok) return data({ dealId, errors: failureFieldErrors(wire), notice: null }, { status: 400 });
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
      { dealId, errors: failureFieldErrors(result), notice: null },
      { status: failureStatus(result.code) },
    );
  return {
    dealId,
    errors: null,
    notice: result.replayed ? "That wire was already recorded." : "Wire recorded.",
  };
}

function WireForm(props: {
  dealId: string;
  intent: "incoming" | "payout" | "refund";
  amount: { amountMinor: number; currency: string };
  today: string;
  label: string;
}) {
  return (
    <Form method="post" className="inline-form" aria-label={props.label}>
      <input type="hidden" name="dealId" value={props.dealId} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="currency" value={props.amount.currency} />
      <label>
        Amount ({props.amount.currency}){" "}
        <input
          name="amount"
          defaultValue={minorToMajor(props.amount.amountMinor, props.amount.currency)}
          required
        />
      </label>{" "}
      <label>
        Bank reference <input name="reference" required />
      </label>{" "}
      <label>
        Date <input name="date" type="date" defaultValue={props.today} required />
      </label>{" "}
      <button type="submit">{props.label}</button>
    </Form>
  );
}

export default function AdminDeals() {
  const { awaiting, owing, today, stripe, disputes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      <h1>Deals: manual payments</h1>
      <p>
        Record each bank transfer as it appears on the platform's account: incoming wires fund a deal (the
        amount must equal what is due), outgoing wires pay the payee or refund the payer. The bank reference
        makes each record count once.
      </p>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      <section className="card" aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading">Awaiting payment ({awaiting.length})</h2>
        {awaiting.length === 0 ? <p className="empty">No deal is awaiting payment.</p> : null}
        {awaiting.map((deal) => (
          <article key={deal.id} className="card" data-testid="awaiting-deal">
            <p>
              <Link to={`/deals/${deal.id}`}>{deal.reference}</Link> · reference{" "}
              <strong>{deal.paymentReference}</strong> · {deal.payer.name} owes {formatMoney(deal.amount)} by{" "}
              <DateTime value={deal.paymentDueAt} />
            </p>
            {message(deal.id)}
            <WireForm
              dealId={deal.id}
              intent="incoming"
              amount={deal.amount}
              today={today}
              label="Record incoming wire"
            />
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="owing-heading">
        <h2 id="owing-heading">Money owed out ({owing.length})</h2>
        {owing.length === 0 ? <p className="empty">No deal owes money out.</p> : null}
        {owing.map((deal) => (
          <article key={deal.id} className="card" data-testid="owing-deal">
            <p>
              <Link to={`/deals/${deal.id}`}>{deal.reference}</Link> · {DEAL_STATUS_LABELS[deal.status]}
            </p>
            {message(deal.id)}
            {deal.owedToPayee.amountMinor > 0 ? (
              <WireForm
                dealId={deal.id}
                intent="payout"
                amount={deal.owedToPayee}
                today={today}
                label={`Record transfer to ${deal.payee.name}`}
              />
            ) : null}
            {deal.owedToPayer.amountMinor > 0 ? (
              <WireForm
                dealId={deal.id}
                intent="refund"
                amount={deal.owedToPayer}
                today={today}
                label={`Record refund to ${deal.payer.name}`}
              />
            ) : null}
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="disputes-heading">
        <h2 id="disputes-heading">Escalated disputes ({disputes.length})</h2>
        {disputes.length === 0 ? <p className="empty">No dispute waits for a decision.</p> : null}
        {disputes.map((d) => (
          <article key={d.id} className="card" data-testid="escalated-dispute">
            <p>
              <Link to={`/deals/${d.dealId}`}>{d.dealReference}</Link> · {d.reasonLabel} · deal value{" "}
              {formatMoney({ amountMinor: BigInt(d.totalMinor), currency: d.currency })}
            </p>
            <p>{d.description}</p>
            <p className="hint">
              {d.proposals.length} proposal(s); decide on{" "}
              <Link to={`/deals/${d.dealId}`}>the deal's page</Link>.
            </p>
          </article>
        ))}
      </section>
      <StripeAdminSection exceptions={stripe.exceptions} stuck={stripe.stuck} />
    </div>
  );
}
