import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { addWeeks, weekStartFromLabel, weekStartOf } from "~/domain/price-index/cells.ts";
import { MAX_WEEKS } from "~/domain/price-index/view.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { exclusionIn, priceIndexCellTitleIn, suppressionReasonIn } from "~/i18n/price-index-words.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { lastPriceIndexRun, priceIndexAdminLog } from "~/models/price-index/read.server.ts";
import { recomputePriceIndex } from "~/models/price-index/recompute.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "admin.priceIndex.metaTitle") },
];

/** /admin/price-index (platform admins): suppressed cells with their reasons, dropped deals, recompute. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const [log, lastRun] = await Promise.all([priceIndexAdminLog(), lastPriceIndexRun()]);
  return { log, lastRun };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request, { admin: true });
  const t = pageTranslator(request, user.language);
  const form = await request.formData();
  const errors: Record<string, string> = {};
  const week = (name: string) => {
    const start = weekStartFromLabel(String(form.get(name) ?? "").trim());
    if (!start) errors[name] = t("admin.priceIndex.errors.week");
    return start;
  };
  const fromWeek = week("from");
  const toWeek = week("to");
  if (fromWeek && toWeek && fromWeek > toWeek) errors.from = t("admin.priceIndex.errors.order");
  if (fromWeek && toWeek && addWeeks(fromWeek, MAX_WEEKS) <= toWeek)
    errors.from = t("admin.priceIndex.errors.tooMany", { count: MAX_WEEKS });
  if (toWeek && toWeek > weekStartOf(new Date())) errors.to = t("admin.priceIndex.errors.future");
  if (Object.keys(errors).length > 0 || !fromWeek || !toWeek)
    return data({ errors, result: null }, { status: 400 });
  const result = await recomputePriceIndex({ fromWeek, toWeek }, { trigger: "admin" });
  return { errors: null, result };
}

export default function AdminPriceIndex() {
  const { log, lastRun } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const format = useFormat();
  const tenth = (value: number) => format.number(value / 100, { minDecimals: 1, maxDecimals: 1 });
  return (
    <div className="stack" data-testid="admin-price-index">
      <h1>{t("admin.priceIndex.title")}</h1>
      <p>
        {t("admin.priceIndex.intro")}{" "}
        {lastRun ? (
          <Slotted
            text={t("admin.priceIndex.lastRun", {
              trigger: t(`admin.priceIndex.trigger.${lastRun.trigger}`, { defaultValue: lastRun.trigger }),
              at: SLOT,
              from: lastRun.fromWeek,
              to: lastRun.toWeek,
              rows: lastRun.rows,
              corrections: lastRun.corrections,
            })}
          >
            <DateTime value={lastRun.startedAt} />
          </Slotted>
        ) : (
          t("admin.priceIndex.notComputed")
        )}
      </p>
      <Form method="post" className="filters">
        <label>
          {t("admin.priceIndex.from")} <input name="from" placeholder="2026-W01" size={9} />
        </label>
        {answer?.errors?.from ? <span className="field-error">{answer.errors.from}</span> : null}
        <label>
          {t("admin.priceIndex.to")} <input name="to" placeholder="2026-W49" size={9} />
        </label>
        {answer?.errors?.to ? <span className="field-error">{answer.errors.to}</span> : null}
        <button type="submit">{t("admin.priceIndex.recompute")}</button>
      </Form>
      {answer?.result ? (
        <p role="status">
          {t("admin.priceIndex.recomputed", {
            rows: answer.result.rows,
            published: answer.result.published,
            corrections: answer.result.corrections,
          })}
        </p>
      ) : null}
      {log.length === 0 ? (
        <p className="empty">{t("admin.priceIndex.empty")}</p>
      ) : (
        <table data-testid="price-index-log">
          <thead>
            <tr>
              <th scope="col">{t("admin.priceIndex.col.cell")}</th>
              <th scope="col">{t("admin.priceIndex.col.week")}</th>
              <th scope="col">{t("admin.priceIndex.col.shownAs")}</th>
              <th scope="col">{t("admin.priceIndex.col.why")}</th>
              <th scope="col">{t("admin.priceIndex.col.dropped")}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={`${entry.family}${entry.form}${entry.region}${entry.week}`}>
                <td>{priceIndexCellTitleIn(t, entry)}</td>
                <td>{entry.week}</td>
                <td>{t(`admin.priceIndex.publication.${entry.publication}`)}</td>
                <td>
                  {entry.reasons.map((r) => (
                    <div key={r.code + (r.organizationId ?? "")}>
                      {suppressionReasonIn(t, format.language, r)}
                      {r.organizationName ? ` (${r.organizationName})` : ""}
                    </div>
                  ))}
                </td>
                <td>
                  {entry.dropped.map((d) => (
                    <div key={d.dealId}>
                      {d.dealNumber === null ? t("admin.priceIndex.aDeal") : dealLabel(d.dealNumber)}:{" "}
                      {d.kind === "outlier"
                        ? t("admin.priceIndex.outlier", {
                            value: tenth(d.value),
                            median: tenth(d.median),
                            band: tenth(d.band),
                          })
                        : exclusionIn(t, d)}
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
