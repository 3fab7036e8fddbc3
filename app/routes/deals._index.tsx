import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listDeals } from "~/models/deals/deal-read.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "deals.list.title") }];

/** The organisation's deals, those waiting for it first (issue 11 item 7). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const deals = await listDeals({ organizationId: actor.organizationId, isPlatformAdmin: false });
  return { deals, organizationId: actor.organizationId };
}

export default function Deals() {
  const { deals, organizationId } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const waiting = deals.filter((d) => d.nextSteps.length > 0);
  const others = deals.filter((d) => d.nextSteps.length === 0);
  const table = (rows: typeof deals, caption: string) => (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("deals.list.deal")}</th>
          <th scope="col">{t("deals.list.lot")}</th>
          <th scope="col">{t("deals.list.youAre")}</th>
          <th scope="col">{t("deals.list.status")}</th>
          <th scope="col">{t("deals.list.amount")}</th>
          <th scope="col">{t("deals.list.nextStep")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((deal) => (
          <tr key={deal.id} data-testid="deal-row">
            <td>
              <Link to={`/deals/${deal.id}`}>{deal.reference}</Link>
            </td>
            <td>
              {deal.lot.reference} {deal.lot.title}
            </td>
            <td>
              {deal.payer.id === organizationId
                ? t("deals.list.payerTo", { name: deal.payee.name })
                : deal.payee.id === organizationId
                  ? t("deals.list.payeeFrom", { name: deal.payer.name })
                  : t("deals.list.receivingFacility")}
            </td>
            <td>
              <span className="badge">{t(`deals.status.${deal.status}`)}</span>
            </td>
            <td>
              <Money money={deal.amount} />
            </td>
            <td>
              {deal.nextSteps.map((s) => t(`deals.step.${s.event}`, { defaultValue: s.label })).join("; ") ||
                (deal.status === "awaiting_payment" ? (
                  <Slotted text={t("deals.list.paymentDue", { time: SLOT })}>
                    <DateTime value={deal.paymentDueAt} />
                  </Slotted>
                ) : (
                  "—"
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="stack">
      <h1>{t("deals.list.title")}</h1>
      <p>
        {t("deals.list.intro")} <a href="/deals/statement.csv">{t("deals.list.statement")}</a>
      </p>
      {deals.length === 0 ? <p className="empty">{t("deals.list.empty")}</p> : null}
      {waiting.length > 0 ? table(waiting, t("deals.list.waiting")) : null}
      {others.length > 0
        ? table(others, waiting.length > 0 ? t("deals.list.others") : t("deals.list.yours"))
        : null}
    </div>
  );
}
