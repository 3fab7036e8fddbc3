import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { CheckoutReturnNotice } from "~/components/checkout-return.tsx";
import { DateTime } from "~/components/date-time.tsx";
import { DealDisputeSection } from "~/components/deal-dispute-section.tsx";
import { DealReviewsSection } from "~/components/deal-reviews-section.tsx";
import { Money, useLanguage } from "~/components/money.tsx";
import { StripePaymentPanel } from "~/components/stripe-payment-panel.tsx";
import { DEAL_STATUS_LABELS } from "~/domain/deals/deal-view.ts";
import { MAX_DISPUTE_FORM_BYTES } from "~/domain/deals/disputes.ts";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import type { MoneyLike } from "~/domain/money.ts";
import { readReviewInput } from "~/domain/reputation/reviews.ts";
import { formatMoneyIn } from "~/i18n/format.ts";
import { takeDealStep } from "~/models/deals/deal-actions.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";
import { evidenceOfDeal } from "~/models/deals/dispute-evidence.server.ts";
import { disputesOfDeal, disputeTerms, umpireAssayApplies } from "~/models/deals/disputes-read.server.ts";
import { paymentSetupView } from "~/models/deals/stripe-payments.server.ts";
import { dealReviews, writeReview } from "~/models/reputation/reviews.server.ts";
import { readFormWithFiles } from "~/utils/multipart.server.ts";
import { disputeFormAction, isDisputeIntent } from "./deal-disputes.server.ts";
import { platformBankDetails, readKg } from "./deal-pages.server.ts";

const DISPUTABLE = ["funded", "in_transit", "received", "provisionally_released", "final_assessment"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Deal ${data.deal.reference} · Packloop` : "Deal · Packloop" },
];

/** One deal: its terms, money (every amount from the ledger), timeline and the viewer's next step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const deal = await getDeal(params.dealId ?? "", {
    organizationId: actor.organizationId,
    isPlatformAdmin: actor.isPlatformAdmin,
  });
  if (!deal) throw new Response("No such deal.", { status: 404 });
  // The Stripe rail's payment set-up (ADR 020): "pending" until the outbox has reached Stripe.
  const stripe =
    deal.status === "awaiting_payment" ? await paymentSetupView(deal.id) : ({ state: "none" } as const);
  const disputes = await disputesOfDeal(deal.id);
  const viewer = { organizationId: actor.organizationId, isPlatformAdmin: actor.isPlatformAdmin };
  const evidence = await evidenceOfDeal(deal.id, viewer);
  // Reviews after settlement (ADR 036): only those this viewer may see under the double-blind rule.
  const reviews = await dealReviews(deal.id, {
    organizationId: actor.organizationId,
    userId: actor.userId,
    isPlatformAdmin: actor.isPlatformAdmin,
  });
  const isParty = deal.yourRoles.includes("payer") || deal.yourRoles.includes("payee");
  // The open form inside the window (the model has the last word: DISPUTE_WINDOW_CLOSED after it).
  const canOpen =
    isParty &&
    DISPUTABLE.includes(deal.status) &&
    (deal.inspectionClosesAt === null || new Date(deal.inspectionClosesAt).getTime() > Date.now());
  // Back from Stripe Checkout: only the webhook funds the deal; the page waits for it (ADR 029).
  const checkoutReturn =
    new URL(request.url).searchParams.get("paid") === "1" && deal.yourRoles.includes("payer");
  return {
    deal,
    checkoutReturn,
    bank: deal.yourRoles.includes("payer") ? platformBankDetails() : null,
    stripe,
    disputes,
    evidence,
    reviews,
    dispute: {
      blackMass: await umpireAssayApplies(deal.id),
      wetKg: deal.receivedKg ?? deal.massKg,
      isParty,
      canOpen,
      yourOrganizationId: actor.organizationId,
      isAdmin: actor.isPlatformAdmin,
      escalationDays: canOpen ? (await disputeTerms()).escalationDays : null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // Dispute forms may carry evidence files (ADR 030); the other steps are plain forms.
  const { form, files } = await readFormWithFiles(request, {
    maxFileBytes: MAX_DOCUMENT_BYTES,
    maxTotalBytes: MAX_DISPUTE_FORM_BYTES,
  });
  const step = String(form.get("step") ?? "");
  const person = {
    organizationId: actor.organizationId,
    userId: actor.userId,
    isPlatformAdmin: actor.isPlatformAdmin,
  };
  const intent = String(form.get("intent") ?? "");
  if (intent === "review_write") {
    const input = readReviewInput({ rating: form.get("rating"), text: form.get("text") });
    const written = input.ok ? await writeReview(params.dealId ?? "", person, input.value) : input;
    if (!written.ok)
      return data({ errors: failureFieldErrors(written) }, { status: failureStatus(written.code) });
    return { errors: null };
  }
  if (isDisputeIntent(intent)) {
    const found = await getDeal(params.dealId ?? "", person);
    if (!found) throw new Response("No such deal.", { status: 404 });
    const done = await disputeFormAction(intent, form, files, found.id, found.currency, person);
    if (!done.ok) return data({ errors: failureFieldErrors(done) }, { status: failureStatus(done.code) });
    return { errors: null };
  }
  let result: Awaited<ReturnType<typeof takeDealStep>>;
  if (step === "shipment_departed") {
    result = await takeDealStep(params.dealId ?? "", person, { step });
  } else if (step === "receipt_recorded" || step === "final_figures_recorded") {
    const kg = readKg(form, "kg");
    if (!kg.ok) return data({ errors: failureFieldErrors(kg) }, { status: 400 });
    result = await takeDealStep(params.dealId ?? "", person, { step, kg: kg.kg });
  } else {
    return data({ errors: { form: "Unknown step." } }, { status: 400 });
  }
  if (!result.ok) return data({ errors: failureFieldErrors(result) }, { status: failureStatus(result.code) });
  return { errors: null };
}

const EVENT_LABELS: Record<string, string> = {
  deal_created: "Deal opened",
  payment_received: "Payment received",
  payment_deadline_passed: "Payment deadline passed",
  cancelled_by_admin: "Cancelled",
  source_ended: "Cancelled: the booking ended",
  shipment_departed: "Shipped",
  receipt_recorded: "Received",
  provisional_released: "Provisional share released",
  final_figures_recorded: "Final figures recorded",
  inspection_window_closed: "Settled",
  dispute_opened: "Dispute opened",
  dispute_withdrawn: "Dispute withdrawn",
  dispute_resolved: "Dispute resolved",
};

export default function DealPage() {
  const { deal, checkoutReturn, bank, stripe, disputes, evidence, dispute, reviews } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  // Every amount with its ISO code (issue 14): the page can show two currencies (ADR 051).
  const language = useLanguage();
  const m = (money: MoneyLike) => formatMoneyIn(language, money);
  const figures: [string, string, { amountMinor: number; currency: string }][] = [
    ["due", "Due from the payer", deal.amount],
    ["paid", "Paid", deal.ledger.paid],
    ["held", "Held by the platform", deal.ledger.held],
    ["released", "Released to the payee", deal.ledger.released],
    ["fees", "Platform commission", deal.ledger.fees],
    ["refunded", "Refunds owed to the payer", deal.ledger.refunded],
    ["paid-out", "Transferred to the payee", deal.ledger.paidOut],
    ["refunded-out", "Refunded to the payer", deal.ledger.refundedOut],
  ];
  return (
    <div className="stack">
      <h1>
        Deal {deal.reference}{" "}
        <span className="badge" data-testid="deal-status">
          {DEAL_STATUS_LABELS[deal.status]}
        </span>
      </h1>
      <p>
        <Link to={`/lots/${deal.lotId}`}>
          {deal.lot.reference} {deal.lot.title}
        </Link>{" "}
        · {deal.payer.name} pays {deal.payee.name} · {deal.incoterm}
      </p>
      {errors.form || errors.kg ? (
        <p className="form-error" role="alert">
          {errors.form ?? errors.kg}
        </p>
      ) : null}

      {checkoutReturn ? <CheckoutReturnNotice awaitingPayment={deal.status === "awaiting_payment"} /> : null}
      {stripe.state !== "none" && !deal.yourRoles.includes("payer") ? (
        <StripePaymentPanel view={stripe} isPayer={false} formatted={m(deal.amount)} />
      ) : null}
      {deal.nextSteps.length > 0 ? (
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">Your next step</h2>
          {deal.nextSteps.map((s) =>
            s.event === "pay" && checkoutReturn ? (
              // Paid at Checkout a moment ago: the notice above waits for Stripe's webhook.
              <p key={s.event} className="hint">
                Waiting for Stripe to confirm the payment.
              </p>
            ) : s.event === "pay" && stripe.state !== "none" ? (
              <StripePaymentPanel key={s.event} view={stripe} isPayer formatted={m(deal.amount)} />
            ) : s.event === "pay" ? (
              <div key={s.event} data-testid="payment-instructions">
                <p>
                  Transfer <strong>{m(deal.amount)}</strong> by <DateTime value={deal.paymentDueAt} />,
                  quoting the reference{" "}
                  <strong data-testid="payment-reference">{deal.paymentReference}</strong>. Unpaid by then,
                  the deal lapses and the lot passes to the next bidder.
                </p>
                {bank ? (
                  <>
                    <ul>
                      {bank.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                    <p>
                      <a href={`/deals/${deal.id}/pro-forma.pdf`} data-testid="pro-forma-link">
                        Pro-forma invoice (PDF)
                      </a>
                    </p>
                  </>
                ) : (
                  <p className="hint">
                    The platform's bank details are not configured on this server (PLATFORM_BANK_DETAILS); ask
                    the platform for them.
                  </p>
                )}
              </div>
            ) : s.event === "record_payment" ? (
              <p key={s.event}>
                <Link to="/admin/deals">Record the incoming wire</Link>
              </p>
            ) : (
              <Form method="post" key={s.event} className="inline-form">
                <input type="hidden" name="step" value={s.event} />
                {s.needsKg ? (
                  <label>
                    Net weight (kg){" "}
                    <input
                      name="kg"
                      inputMode="numeric"
                      required
                      defaultValue={deal.receivedKg ?? deal.massKg}
                    />
                  </label>
                ) : null}{" "}
                <button type="submit">{s.label}</button>
              </Form>
            ),
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="money-heading">
        <h2 id="money-heading">Money</h2>
        <p className="hint">Every amount below is read from the platform's double-entry ledger.</p>
        <table className="data-table">
          <tbody>
            {figures.map(([key, label, amount]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>
                  <Money money={amount} testId={`money-${key}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Price {m(deal.pricePerTonne)}/t × {(deal.massKg / 1000).toFixed(3)} t. Commission{" "}
          {(deal.commission.rateBp / 100).toFixed(2)} % of the final value, kept from the payee (about{" "}
          {m(deal.commission.estimate)} at the contracted weight). On receipt{" "}
          {(deal.provisionalShareBp / 100).toFixed(0)} % of the value at the received weight is released; the
          rest settles {deal.inspectionDays} days after the final figures unless a party disputes.
          {deal.inspectionClosesAt ? (
            <>
              {" "}
              The inspection window closes <DateTime value={deal.inspectionClosesAt} />.
            </>
          ) : null}
        </p>
      </section>

      {dispute.isParty || dispute.isAdmin || disputes.length > 0 ? (
        <DealDisputeSection
          disputes={disputes}
          evidence={evidence}
          blackMass={dispute.blackMass}
          wetKg={dispute.wetKg}
          currency={deal.currency}
          yourOrganizationId={dispute.yourOrganizationId}
          isParty={dispute.isParty}
          isAdmin={dispute.isAdmin}
          canOpen={dispute.canOpen && !disputes.some((d) => d.status === "open" || d.status === "escalated")}
          windowClosesAt={deal.inspectionClosesAt}
          escalationDays={dispute.escalationDays}
          errors={errors}
        />
      ) : null}

      {reviews?.settled && (reviews.isParty || reviews.reviews.length > 0) ? (
        <DealReviewsSection view={reviews} errors={errors} />
      ) : null}

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="timeline">
          {deal.milestones.map((e) => (
            <li key={e.sequence} data-testid="deal-milestone">
              <strong>{EVENT_LABELS[e.event] ?? e.event}</strong> · <DateTime value={e.at} /> · by{" "}
              {e.by.replaceAll("_", " ")}
              {e.data && typeof e.data.formula === "string" ? (
                <div className="hint">{e.data.formula}</div>
              ) : null}
              {e.data && typeof e.data.reference === "string" ? (
                <div className="hint">Reference {e.data.reference}</div>
              ) : null}
              {e.data && typeof e.data.finalValue === "string" ? (
                <div className="hint">{e.data.finalValue}</div>
              ) : null}
              {e.data && typeof e.data.balanceToPayee === "string" ? (
                <div className="hint">{e.data.balanceToPayee}</div>
              ) : null}
              {e.data && typeof e.data.payerBalance === "string" ? (
                <div className="hint">{e.data.payerBalance}</div>
              ) : null}
            </li>
          ))}
        </ol>
        {deal.payments.length > 0 ? (
          <table className="data-table">
            <caption>Ledger</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Entry</th>
                <th scope="col">Postings (debit +, credit −)</th>
              </tr>
            </thead>
            <tbody>
              {deal.payments.map((t) => (
                <tr key={t.id} data-testid="ledger-line">
                  <td>
                    <DateTime value={t.at} />
                  </td>
                  <td>{t.memo}</td>
                  <td>
                    {t.postings
                      .map(
                        (p) =>
                          `${p.account.replaceAll("_", " ")} ${p.amountMinor > 0 ? "+" : "−"}${m({ ...p, amountMinor: Math.abs(p.amountMinor) })}`,
                      )
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
