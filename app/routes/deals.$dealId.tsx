import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { CheckoutReturnNotice } from "~/components/checkout-return.tsx";
import { DateTime } from "~/components/date-time.tsx";
import { DealDisputeSection } from "~/components/deal-dispute-section.tsx";
import { DealReviewsSection } from "~/components/deal-reviews-section.tsx";
import { SLOTS, Slots } from "~/components/deal-slots.tsx";
import { Money, useLanguage } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { StripePaymentPanel } from "~/components/stripe-payment-panel.tsx";
import { MAX_DISPUTE_FORM_BYTES, MAX_EVIDENCE_FILES } from "~/domain/deals/disputes.ts";
import { type Failure, failureStatus } from "~/domain/failure.ts";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import type { MoneyLike } from "~/domain/money.ts";
import { REVIEW_PERIOD_DAYS, readReviewInput } from "~/domain/reputation/reviews.ts";
import { formatMoneyIn } from "~/i18n/format.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { ledgerAccountLabel, ledgerEntryLabel } from "~/i18n/ledger-labels.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { takeDealStep } from "~/models/deals/deal-actions.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";
import { evidenceOfDeal } from "~/models/deals/dispute-evidence.server.ts";
import { disputesOfDeal, disputeTerms, umpireAssayApplies } from "~/models/deals/disputes-read.server.ts";
import { paymentSetupView } from "~/models/deals/stripe-payments.server.ts";
import { dealReviews, writeReview } from "~/models/reputation/reviews.server.ts";
import { readFormWithFiles } from "~/utils/multipart.server.ts";
import { disputeFormAction, isDisputeIntent } from "./deal-disputes.server.ts";
import { dealFormErrors, platformBankDetails, readKg } from "./deal-pages.server.ts";

/** The numbers the models' refusals name, for wording them from the catalogue (ADR 055). */
const sentenceValues = { days: String(REVIEW_PERIOD_DAYS), max: String(MAX_EVIDENCE_FILES) };

const DISPUTABLE = ["funded", "in_transit", "received", "provisionally_released", "final_assessment"];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? translatedTitle(matches, "deals.page.title", { reference: data.deal.reference })
      : translatedTitle(matches, "deals.page.titleUnknown"),
  },
];

/** One deal: its terms, money (every amount from the ledger), timeline and the viewer's next step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // Milestones' formulas in the page's language (the API keeps the stored English).
  const deal = await getDeal(
    params.dealId ?? "",
    { organizationId: actor.organizationId, isPlatformAdmin: actor.isPlatformAdmin },
    { language: requestLanguage(request, actor.user?.language) },
  );
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
  // Refusals in the page's language, worded by code (ADR 054, 055); the API keeps the English.
  const t = pageTranslator(request, actor.user?.language);
  const refused = (failure: Failure, currency?: string) =>
    data(
      { errors: dealFormErrors(t, failure, { ...sentenceValues, currency: currency ?? "" }) },
      { status: failureStatus(failure.code) },
    );
  if (intent === "review_write") {
    const input = readReviewInput({ rating: form.get("rating"), text: form.get("text") });
    const written = input.ok ? await writeReview(params.dealId ?? "", person, input.value) : input;
    if (!written.ok) return refused(written);
    return { errors: null };
  }
  if (isDisputeIntent(intent)) {
    const found = await getDeal(params.dealId ?? "", person);
    if (!found) throw new Response("No such deal.", { status: 404 });
    const done = await disputeFormAction(intent, form, files, found.id, found.currency, person);
    if (!done.ok) return refused(done, found.currency);
    return { errors: null };
  }
  let result: Awaited<ReturnType<typeof takeDealStep>>;
  if (step === "shipment_departed") {
    result = await takeDealStep(params.dealId ?? "", person, { step });
  } else if (step === "receipt_recorded" || step === "final_figures_recorded") {
    const kg = readKg(form, "kg");
    if (!kg.ok) return data({ errors: dealFormErrors(t, kg) }, { status: 400 });
    result = await takeDealStep(params.dealId ?? "", person, { step, kg: kg.kg });
  } else {
    return data({ errors: { form: t("deals.errors.unknownStep") } }, { status: 400 });
  }
  if (!result.ok) return refused(result);
  return { errors: null };
}

export default function DealPage() {
  const { deal, checkoutReturn, bank, stripe, disputes, evidence, dispute, reviews } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  // Every amount with its ISO code (issue 14): the page can show two currencies (ADR 051).
  const language = useLanguage();
  const { t } = useTranslation();
  const format = useFormat();
  const m = (money: MoneyLike) => formatMoneyIn(language, money);
  // Keyed by the figure's test id; the label is deals.money.<key>.
  const figures: [string, { amountMinor: number; currency: string }][] = [
    ["due", deal.amount],
    ["paid", deal.ledger.paid],
    ["held", deal.ledger.held],
    ["released", deal.ledger.released],
    ["fees", deal.ledger.fees],
    ["refunded", deal.ledger.refunded],
    ["paid-out", deal.ledger.paidOut],
    ["refunded-out", deal.ledger.refundedOut],
  ];
  return (
    <div className="stack">
      <h1>
        {t("deals.page.heading", { reference: deal.reference })}{" "}
        <span className="badge" data-testid="deal-status">
          {t(`deals.status.${deal.status}`)}
        </span>
      </h1>
      <p>
        <Link to={`/lots/${deal.lotId}`}>
          {deal.lot.reference} {deal.lot.title}
        </Link>{" "}
        · {t("deals.page.parties", { payer: deal.payer.name, payee: deal.payee.name })} · {deal.incoterm}
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
          <h2 id="next-heading">{t("deals.page.nextStep")}</h2>
          {deal.nextSteps.map((s) =>
            s.event === "pay" && checkoutReturn ? (
              // Paid at Checkout a moment ago: the notice above waits for Stripe's webhook.
              <p key={s.event} className="hint">
                {t("deals.page.waitingForStripe")}
              </p>
            ) : s.event === "pay" && stripe.state !== "none" ? (
              <StripePaymentPanel key={s.event} view={stripe} isPayer formatted={m(deal.amount)} />
            ) : s.event === "pay" ? (
              <div key={s.event} data-testid="payment-instructions">
                <p>
                  <Slots
                    text={t("deals.page.transfer", { amount: SLOTS.a, time: SLOTS.b, reference: SLOTS.c })}
                    slots={{
                      a: (
                        <strong>
                          <Money money={deal.amount} />
                        </strong>
                      ),
                      b: <DateTime value={deal.paymentDueAt} />,
                      c: <strong data-testid="payment-reference">{deal.paymentReference}</strong>,
                    }}
                  />
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
                        {t("deals.page.proForma")}
                      </a>
                    </p>
                  </>
                ) : (
                  <p className="hint">{t("deals.page.noBankDetails")}</p>
                )}
              </div>
            ) : s.event === "record_payment" ? (
              <p key={s.event}>
                <Link to="/admin/deals">{t("deals.step.record_payment")}</Link>
              </p>
            ) : (
              <Form method="post" key={s.event} className="inline-form">
                <input type="hidden" name="step" value={s.event} />
                {s.needsKg ? (
                  <label>
                    {t("deals.page.netWeight")}{" "}
                    <input
                      name="kg"
                      inputMode="numeric"
                      required
                      defaultValue={deal.receivedKg ?? deal.massKg}
                    />
                  </label>
                ) : null}{" "}
                <button type="submit">{t(`deals.step.${s.event}`, { defaultValue: s.label })}</button>
              </Form>
            ),
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="money-heading">
        <h2 id="money-heading">{t("deals.money.heading")}</h2>
        <p className="hint">{t("deals.money.fromLedger")}</p>
        <table className="data-table">
          <tbody>
            {figures.map(([key, amount]) => (
              <tr key={key}>
                <th scope="row">{t(`deals.money.${key}`)}</th>
                <td>
                  <Money money={amount} testId={`money-${key}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          {t("deals.money.terms", {
            price: m(deal.pricePerTonne),
            tonnes: format.kgAsTonnes(deal.massKg, { minDecimals: 3, maxDecimals: 3 }),
            rate: format.percent(deal.commission.rateBp / 100, { minDecimals: 2, maxDecimals: 2 }),
            estimate: m(deal.commission.estimate),
            share: format.percent(deal.provisionalShareBp / 100, { minDecimals: 0, maxDecimals: 0 }),
            count: deal.inspectionDays,
          })}
          {deal.inspectionClosesAt ? (
            <>
              {" "}
              <Slotted text={t("deals.money.windowCloses", { time: SLOT })}>
                <DateTime value={deal.inspectionClosesAt} />
              </Slotted>
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
        <h2 id="timeline-heading">{t("deals.timeline.heading")}</h2>
        <ol className="timeline">
          {deal.milestones.map((e) => (
            <li key={e.sequence} data-testid="deal-milestone">
              <strong>{t(`deals.event.${e.event}`, { defaultValue: e.event })}</strong> ·{" "}
              <DateTime value={e.at} /> ·{" "}
              {t("deals.timeline.by", {
                who: t(`deals.actor.${e.by}`, { defaultValue: e.by.replaceAll("_", " ") }),
              })}
              {e.data && typeof e.data.formula === "string" ? (
                <div className="hint">{e.data.formula}</div>
              ) : null}
              {e.data && typeof e.data.reference === "string" ? (
                <div className="hint">{t("deals.timeline.reference", { reference: e.data.reference })}</div>
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
            <caption>{t("deals.ledger.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deals.ledger.date")}</th>
                <th scope="col">{t("deals.ledger.entry")}</th>
                <th scope="col">{t("deals.ledger.postings")}</th>
              </tr>
            </thead>
            <tbody>
              {/*
                The ledger's record keeps its English memo and account codes (the statement CSV and
                the API show them as written); the page labels each line by its kind and each
                posting by its account code in the reader's language (ADR 065), with the
                reference a payment or transfer was recorded with.
              */}
              {deal.payments.map((line) => (
                <tr key={line.id} data-testid="ledger-line">
                  <td>
                    <DateTime value={line.at} />
                  </td>
                  <td data-testid="ledger-entry">{ledgerEntryLabel(t, line)}</td>
                  <td>
                    {line.postings
                      .map(
                        (p) =>
                          `${ledgerAccountLabel(t, p.account)} ${p.amountMinor > 0 ? "+" : "−"}${m({ ...p, amountMinor: Math.abs(p.amountMinor) })}`,
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
