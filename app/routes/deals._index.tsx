import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { DEAL_STATUS_LABELS } from "~/domain/deals/deal-view.ts";
import { listDeals } from "~/models/deals/deal-read.server.ts";

export const meta: MetaFunction = () => [{ title: "Deals · Packloop" }];

/** The organisation's deals, those waiting for it first (issue 11 item 7). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const deals = await listDeals({ organizationId: actor.organizationId, isPlatformAdmin: false });
  return { deals, organizationId: actor.organizationId };
}

export default function Deals() {
  const { deals, organizationId } = useLoaderData<typeof loader>();
  const waiting = deals.filter((d) => d.nextSteps.length > 0);
  const others = deals.filter((d) => d.nextSteps.length === 0);
  const table = (rows: typeof deals, caption: string) => (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Deal</th>
          <th scope="col">Lot</th>
          <th scope="col">You are</th>
          <th scope="col">Status</th>
          <th scope="col">Amount</th>
          <th scope="col">Next step</th>
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
                ? `Payer (to ${deal.payee.name})`
                : deal.payee.id === organizationId
                  ? `Payee (from ${deal.payer.name})`
                  : "Receiving facility"}
            </td>
            <td>
              <span className="badge">{DEAL_STATUS_LABELS[deal.status]}</span>
            </td>
            <td>
              <Money money={deal.amount} />
            </td>
            <td>
              {deal.nextSteps.map((s) => s.label).join("; ") ||
                (deal.status === "awaiting_payment" ? (
                  <>
                    Payment due <DateTime value={deal.paymentDueAt} />
                  </>
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
      <h1>Deals</h1>
      <p>
        Every confirmed award and accepted booking becomes a deal: paid, held, released on receipt and settled
        on the final figures. <a href="/deals/statement.csv">Download your statement (CSV)</a>
      </p>
      {deals.length === 0 ? <p className="empty">No deals yet.</p> : null}
      {waiting.length > 0 ? table(waiting, "Waiting for you") : null}
      {others.length > 0 ? table(others, waiting.length > 0 ? "Other deals" : "Your deals") : null}
    </div>
  );
}
