import { Form, Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

interface Props {
  exceptions: Array<{
    id: string;
    dealId: string | null;
    eventId: string;
    eventType: string;
    code: string;
    message: string;
    amount: { amountMinor: number; currency: string } | null;
    createdAt: string;
  }>;
  stuck: Array<{
    id: string;
    dealId: string;
    kind: string;
    status: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string;
  }>;
}

/**
 * The Stripe rail's queue for platform admins (ADR 020): webhook events that were not applied and
 * payments-outbox commands that failed or keep failing. Nothing here is applied automatically.
 */
export function StripeAdminSection({ exceptions, stuck }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card" aria-labelledby="stripe-heading" data-testid="stripe-exceptions">
      <h2 id="stripe-heading">{t("admin.stripe.title")}</h2>
      {exceptions.length === 0 && stuck.length === 0 ? (
        <p className="empty">{t("admin.stripe.empty")}</p>
      ) : null}
      {exceptions.map((e) => (
        <article key={e.id}>
          <p>
            <strong>{e.code}</strong> · {e.eventType} <code>{e.eventId}</code> ·{" "}
            <DateTime value={e.createdAt} />
            {e.amount ? ` · ${format.money(e.amount)}` : ""}
            {e.dealId ? (
              <>
                {" "}
                · <Link to={`/deals/${e.dealId}`}>{t("admin.stripe.deal")}</Link>
              </>
            ) : null}
          </p>
          <p className="hint">{e.message}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="resolve_exception" />
            <input type="hidden" name="exceptionId" value={e.id} />
            <button type="submit" className="button-link">
              {t("admin.stripe.dealtWith")}
            </button>
          </Form>
        </article>
      ))}
      {stuck.map((c) => (
        <article key={c.id}>
          <p>
            <strong>{t(`admin.stripe.kind.${c.kind}`, { defaultValue: c.kind.replaceAll("_", " ") })}</strong>{" "}
            {t("admin.stripe.attempts", {
              count: c.attempts,
              status: t(`admin.stripe.status.${c.status}`, { defaultValue: c.status }),
            })}{" "}
            · <Link to={`/deals/${c.dealId}`}>{t("admin.stripe.deal")}</Link>
            {c.status === "pending" ? (
              <>
                {" "}
                ·{" "}
                <Slotted text={t("admin.stripe.nextAttempt", { at: SLOT })}>
                  <DateTime value={c.nextAttemptAt} />
                </Slotted>
              </>
            ) : null}
          </p>
          {c.lastError ? <p className="hint">{c.lastError}</p> : null}
          {c.status === "failed" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="retry_command" />
              <input type="hidden" name="commandId" value={c.id} />
              <button type="submit" className="button-link">
                {t("admin.stripe.retry")}
              </button>
            </Form>
          ) : null}
        </article>
      ))}
    </section>
  );
}
