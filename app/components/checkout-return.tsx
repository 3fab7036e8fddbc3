import { useEffect, useState } from "react";
import { useRevalidateWhenIdle } from "~/components/use-revalidate-when-idle.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

const POLL_MS = 2_000;
/** Stripe usually sends the webhook within seconds; after this the page stops asking and says so. */
const GIVE_UP_MS = 120_000;

/**
 * The payer is back from Stripe Checkout (`?paid=1`). The redirect proves nothing — anyone can open
 * that URL — so the deal is funded only by Stripe's signed webhook (ADR 020, 029). Until the webhook
 * has been applied this says the payment is being confirmed and reloads the page's data every two
 * seconds; once the deal is funded it says so.
 */
export function CheckoutReturnNotice({ awaitingPayment }: { awaitingPayment: boolean }) {
  const reload = useRevalidateWhenIdle();
  const { t } = useTranslation();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!awaitingPayment) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingPayment, reload]);
  if (!awaitingPayment)
    return (
      <p className="notice" role="status" data-testid="checkout-return">
        {t("deals.checkout.funded")}
      </p>
    );
  return (
    <p className="notice" role="status" data-testid="checkout-return">
      {gaveUp ? t("deals.checkout.gaveUp") : t("deals.checkout.confirming")}
    </p>
  );
}
