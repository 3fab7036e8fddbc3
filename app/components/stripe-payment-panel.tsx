import type { PaymentSetupView } from "~/domain/deals/stripe-rail.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

interface BankInstructions {
  amount_remaining?: number;
  currency?: string;
  reference?: string;
  financial_addresses?: Array<Record<string, unknown> & { type?: string }>;
}

function addressLines(address: Record<string, unknown> & { type?: string }): string[] {
  const details = (address.type ? address[address.type] : null) as Record<string, unknown> | null;
  if (!details) return [];
  return Object.entries(details)
    .filter(([, value]) => typeof value === "string" || typeof value === "number")
    .map(([key, value]) => `${key.replaceAll("_", " ")}: ${String(value)}`);
}

/**
 * The payer's Stripe payment on the deal page (ADR 020): "payment set-up pending" while the outbox
 * has not reached Stripe, then the Checkout button or the bank-transfer instructions. `formatted`
 * is the amount due, already formatted by the page.
 */
export function StripePaymentPanel({
  view,
  isPayer,
  formatted,
}: {
  view: PaymentSetupView;
  isPayer: boolean;
  formatted: string;
}) {
  const { t } = useTranslation();
  if (view.state === "none") return null;
  if (view.state === "pending")
    return (
      <p className="notice" data-testid="payment-setup" role="status">
        {t("deals.stripe.pending")}
      </p>
    );
  if (view.state === "failed")
    return (
      <p className="error" data-testid="payment-setup" role="alert">
        {t("deals.stripe.failed")}
      </p>
    );
  if (!isPayer)
    return (
      <p data-testid="payment-setup">
        {view.method === "checkout"
          ? t("deals.stripe.payerCanPayByCard", { amount: formatted })
          : t("deals.stripe.payerCanPayByTransfer", { amount: formatted })}
      </p>
    );
  if (view.method === "checkout" && view.checkoutUrl)
    return (
      <p data-testid="payment-setup">
        <a className="button" href={view.checkoutUrl}>
          {t("deals.stripe.payByCard", { amount: formatted })}
        </a>
      </p>
    );
  const instructions = (view.instructions ?? {}) as BankInstructions;
  return (
    <div data-testid="payment-setup">
      <p>{t("deals.stripe.payByTransfer", { amount: formatted })}</p>
      <ul>
        {instructions.reference ? (
          <li>
            {t("deals.stripe.reference")} <strong>{instructions.reference}</strong>
          </li>
        ) : null}
        {(instructions.financial_addresses ?? []).flatMap(addressLines).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
