import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { addWeeks, weekStartFromLabel, weekStartOf } from "~/domain/price-index/cells.ts";
import { cellTitle, MAX_WEEKS } from "~/domain/price-index/view.ts";
import { lastPriceIndexRun, priceIndexAdminLog } from "~/models/price-index/read.server.ts";
import { recomputePriceIndex } from "~/models/price-index/recompute.server.ts";

export const meta: MetaFunction = () => [{ title: "Price index log · Packloop" }];

/** /admin/price-index (platform admins): suppressed cells with their reasons, dropped deals, recompute. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const [log, lastRun] = await Promise.all([priceIndexAdminLog(), lastPriceIndexRun()]);
  return { log, lastRun };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireActor(request, { admin: true });
  const form = await request.formData();
  const errors: Record<string, string> = {};
  const week = (name: string) => {
    const start = weekStartFromLabel(String(form.get(name) ?? "").trim());
    if (!start) errors[name] = "Enter an ISO week such as 2026-W01.";
    return start;
  };
  const fromWeek = week("from");
  const toWeek = week("to");
  if (fromWeek && toWeek && fromWeek > toWeek) errors.from = "The first week must not be after the last.";
  if (fromWeek && toWeek && addWeeks(fromWeek, MAX_WEEKS) <= toWeek)
    errors.from = `At most ${MAX_WEEKS} weeks at a time.`;
  if (toWeek && toWeek > weekStartOf(new Date())) errors.to = "The last week must not be in the future.";
  if (Object.keys(errors).length > 0 || !fromWeek || !toWeek)
    return data({ errors, result: null }, { status: 400 });
  const result = await recomputePriceIndex({ fromWeek, toWeek }, { trigger: "admin" });
  return { errors: null, result };
}

export default function AdminPriceIndex() {
  const { log, lastRun } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="stack" data-testid="admin-price-index">
      <h1>Price index: suppressions and outliers</h1>
      <p>
        Cells not published and deals left out, with the reasons — these name deals and organisations and are
        never shown in public.{" "}
        {lastRun ? (
          <>
            Last run ({lastRun.trigger}) <DateTime value={lastRun.startedAt} />:{" "}
            {`${lastRun.fromWeek}–${lastRun.toWeek}, ${lastRun.rows} cell-weeks, ${lastRun.corrections} corrections.`}
          </>
        ) : (
          "Not computed yet."
        )}
      </p>
      <Form method="post" className="filters">
        <label>
          From <input name="from" placeholder="2026-W01" size={9} />
        </label>
        {answer?.errors?.from ? <span className="field-error">{answer.errors.from}</span> : null}
        <label>
          To <input name="to" placeholder="2026-W49" size={9} />
        </label>
        {answer?.errors?.to ? <span className="field-error">{answer.errors.to}</span> : null}
        <button type="submit">Recompute</button>
      </Form>
      {answer?.result ? (
        <p role="status">
          Recomputed {answer.result.rows} cell-weeks, {answer.result.published} published,{" "}
          {answer.result.corrections} corrections.
        </p>
      ) : null}
      {log.length === 0 ? (
        <p className="empty">Nothing suppressed or dropped.</p>
      ) : (
        <table data-testid="price-index-log">
          <thead>
            <tr>
              <th scope="col">Cell</th>
              <th scope="col">Week</th>
              <th scope="col">Shown as</th>
              <th scope="col">Why not published</th>
              <th scope="col">Deals left out</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={`${entry.family}${entry.form}${entry.region}${entry.week}`}>
                <td>{cellTitle(entry)}</td>
                <td>{entry.week}</td>
                <td>{entry.publication.replace("_", " ")}</td>
                <td>
                  {entry.reasons.map((r) => (
                    <div key={r.code + (r.organizationId ?? "")}>
                      {r.message}
                      {r.organizationName ? ` (${r.organizationName})` : ""}
                    </div>
                  ))}
                </td>
                <td>
                  {entry.dropped.map((d) => (
                    <div key={d.dealId}>
                      {d.dealNumber === null ? "a deal" : dealLabel(d.dealNumber)}:{" "}
                      {d.kind === "outlier"
                        ? `outlier, ${(d.value / 100).toFixed(1)} against the median ${(d.median / 100).toFixed(1)} ± ${(d.band / 100).toFixed(1)}`
                        : d.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
