import type { PaymentSetupView } from "~/domain/deals/stripe-rail.ts";

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
  if (view.state === "none") return null;
  if (view.state === "pending")
    return (
      <p className="notice" data-testid="payment-setup" role="status">
        Payment set-up pending: Packloop is setting up the payment with Stripe. Nothing is lost if this takes
        a while; reload the page in a minute.
      </p>
    );
  if (view.state === "failed")
    return (
      <p className="error" data-testid="payment-setup" role="alert">
        Stripe refused to set up this payment. The platform&rsquo;s administrators have been told.
      </p>
    );
  if (!isPayer)
    return (
      <p data-testid="payment-setup">
        The payer can pay {formatted}{" "}
        {view.method === "checkout" ? "by card through Stripe" : "by bank transfer"}.
      </p>
    );
  if (view.method === "checkout" && view.checkoutUrl)
    return (
      <p data-testid="payment-setup">
        <a className="button" href={view.checkoutUrl}>
          Pay {formatted} by card
        </a>
      </p>
    );
  const instructions = (view.instructions ?? {}) as BankInstructions;
  return (
    <div data-testid="payment-setup">
      <p>
        Pay {formatted} by bank transfer to the account below, quoting the reference exactly: the deal is
        funded when Stripe reports the transfer.
      </p>
      <ul>
        {instructions.reference ? (
          <li>
            Reference: <strong>{instructions.reference}</strong>
          </li>
        ) : null}
        {(instructions.financial_addresses ?? []).flatMap(addressLines).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
