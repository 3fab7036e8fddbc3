import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { Unassigned } from "~/domain/matching/allocation-unassigned.ts";
import type { PlanView } from "~/domain/matching/plan-view.ts";
import { BLOCKER_CODES, type BlockerCode } from "~/domain/matching/types.ts";
import type { Money } from "~/domain/money.ts";
import { flowSentence, usePlanFormat } from "./plan-map.tsx";

const UNASSIGNED_REASONS = ["CAPACITY_TAKEN", "NO_FEASIBLE_FACILITY", "NO_POSITIVE_VALUE"] as const;

/**
 * An unassigned lot's reason in the page's language, from its code and facts (issue 14); the
 * domain's English sentence (the API's) only for a reason the page does not know.
 */
export function unassignedReasonText(
  t: TFunction,
  u: Pick<Unassigned, "reason" | "message" | "tonnes"> & { facts?: Unassigned["facts"] },
  format: { money: (money: Money) => string; tonnes: (value: number) => string },
): string {
  const facts = u.facts ?? {};
  const key = "plan.table.unassigned.reasons";
  if (u.reason === "NO_FEASIBLE_FACILITY" && facts.blockers) {
    const counts = (Object.entries(facts.blockers) as [BlockerCode, number][])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    if (counts.length === 0) return t(`${key}.noneOffered`);
    const parts = counts.map(([code, n]) => t(`${key}.blockers.${code}`, { count: n }));
    return t(`${key}.noFacility`, { parts: parts.join(t(`${key}.separator`)) });
  }
  if (u.reason === "NO_POSITIVE_VALUE" && facts.best)
    return t(`${key}.noPositiveValue`, { amount: format.money(facts.best) });
  if (u.reason === "CAPACITY_TAKEN" && facts.partial !== undefined)
    return facts.partial
      ? t(`${key}.capacityPartial`, { tonnes: format.tonnes(u.tonnes) })
      : t(`${key}.capacityWhole`);
  return u.message;
}

export interface PlanTablesProps {
  view: PlanView;
  /** The flow whose figures show beside the map; its row is marked. */
  selected?: string | null;
  /** Hovering a row, or focusing or pressing its button, shows that flow's figures and marks its arc. */
  onSelect?: (key: string) => void;
}

/** The plan's tables: flows by economy pair, utilisation, shortfalls, blocked cross-border pairs, unassigned lots. */
export function PlanTables({ view, selected = null, onSelect }: PlanTablesProps) {
  // Plan figures are LP results: one decimal is all they mean (usePlanFormat's tonnes).
  const { t, money, tonnes, language } = usePlanFormat();
  const blockerLabel = (code: string) => t(`plan.table.blocked.codes.${code}`);
  const mine = view.mine;
  const usedCodes = BLOCKER_CODES.filter((code) => view.blocked.some((b) => (b.byCode[code] ?? 0) > 0));
  return (
    <>
      <section className="card" aria-labelledby="plan-pairs">
        <h2 id="plan-pairs">{t("plan.table.pairs.heading")}</h2>
        {view.plan.totals.byEconomyPair.length === 0 ? (
          <p className="empty">
            {mine === "lots"
              ? t("plan.filter.noLotFlows")
              : mine === "facilities"
                ? t("plan.filter.noFacilityFlows")
                : t("plan.table.pairs.empty")}
          </p>
        ) : (
          <table className="stack-table" data-testid="plan-pairs">
            <thead>
              <tr>
                <th>{t("plan.table.pairs.fromTo")}</th>
                <th>{t("plan.table.pairs.lots")}</th>
                <th>{t("plan.table.pairs.tonnes")}</th>
                <th>{t("plan.table.pairs.netValue")}</th>
                <th>{t("plan.table.pairs.freight")}</th>
                <th>{t("plan.table.pairs.co2e")}</th>
              </tr>
            </thead>
            <tbody>
              {view.plan.totals.byEconomyPair.map((p) => (
                <tr
                  key={p.key}
                  data-flow={p.key}
                  className={selected === p.key ? "plan-row-selected" : undefined}
                  onMouseEnter={onSelect ? () => onSelect(p.key) : undefined}
                >
                  <td data-label={t("plan.table.pairs.fromTo")}>
                    {/* A keyboard stop per flow: focusing it shows the flow's figures and marks its arc. */}
                    <button
                      type="button"
                      className="button-link plan-flow-button"
                      aria-pressed={selected === p.key}
                      title={t("plan.table.show", { flow: flowSentence(t, tonnes, p, language) })}
                      onFocus={onSelect ? () => onSelect(p.key) : undefined}
                      onClick={onSelect ? () => onSelect(p.key) : undefined}
                    >
                      {p.from === p.to
                        ? t("plan.figures.within", { economy: p.from })
                        : t("plan.figures.fromTo", { from: p.from, to: p.to })}
                    </button>
                  </td>
                  <td data-label={t("plan.table.pairs.lots")}>{p.lots}</td>
                  <td data-label={t("plan.table.pairs.tonnes")}>{tonnes(p.tonnes)}</td>
                  <td data-label={t("plan.table.pairs.netValue")}>{money(p.netValue)}</td>
                  <td data-label={t("plan.table.pairs.freight")}>{money(p.freightCost)}</td>
                  <td data-label={t("plan.table.pairs.co2e")}>{tonnes(p.co2eKg / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="plan-utilisation">
        <h2 id="plan-utilisation">{t("plan.table.utilisation.heading")}</h2>
        <p className="plan-note">{t("plan.table.utilisation.note")}</p>
        <ul className="plan-bars" data-testid="plan-utilisation">
          {view.utilisation.map((u) => (
            <li key={u.facilityId}>
              <Link to={`/facilities/${u.facilityId}`}>{u.name}</Link>{" "}
              <span className="plan-muted">{u.economy}</span>
              <div className="plan-bar" aria-hidden="true">
                <span
                  className="plan-bar-booked"
                  style={{ width: `${(u.bookedTonnes / u.capacityTonnes) * 100}%` }}
                />
                <span
                  className="plan-bar-planned"
                  style={{ width: `${Math.min(100, (u.plannedTonnes / u.capacityTonnes) * 100)}%` }}
                />
              </div>
              <span className="plan-muted">
                {t("plan.table.utilisation.of", {
                  used: tonnes(u.bookedTonnes + u.plannedTonnes),
                  capacity: tonnes(u.capacityTonnes),
                  share: Math.round(u.share * 100),
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="plan-short">
        <h2 id="plan-short">{t("plan.table.short.heading")}</h2>
        {view.shortfalls.length === 0 ? (
          <p className="empty">{t("plan.table.short.empty")}</p>
        ) : (
          <table className="stack-table" data-testid="plan-shortfalls">
            <thead>
              <tr>
                <th>{t("plan.table.short.lotsIn")}</th>
                <th>{t("plan.table.short.shortOfRoom")}</th>
                <th>{t("plan.table.short.noFacility")}</th>
                <th>{t("plan.table.short.notWorth")}</th>
              </tr>
            </thead>
            <tbody>
              {view.shortfalls.map((s) => (
                <tr key={s.economy}>
                  <td data-label={t("plan.table.short.lotsIn")}>{s.economy}</td>
                  <td data-label={t("plan.table.short.shortOfRoom")}>{tonnes(s.capacityShortTonnes)}</td>
                  <td data-label={t("plan.table.short.noFacility")}>{tonnes(s.noFacilityTonnes)}</td>
                  <td data-label={t("plan.table.short.notWorth")}>{tonnes(s.unprofitableTonnes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="plan-note">{t("plan.table.blocked.note")}</p>
        {mine ? <p className="plan-note">{t("plan.filter.blockedWhole")}</p> : null}
        {view.blocked.length === 0 ? (
          <p className="empty">{t("plan.table.blocked.empty")}</p>
        ) : (
          <table className="stack-table" data-testid="plan-blocked">
            <thead>
              <tr>
                <th>{t("plan.table.pairs.fromTo")}</th>
                <th>{t("plan.table.blocked.pairs")}</th>
                {usedCodes.map((code) => (
                  <th key={code} title={code}>
                    {blockerLabel(code)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.blocked.map((b) => (
                <tr key={`${b.from}>${b.to}`}>
                  <td data-label={t("plan.table.pairs.fromTo")}>
                    {t("plan.figures.fromTo", { from: b.from, to: b.to })}
                  </td>
                  <td data-label={t("plan.table.blocked.pairs")}>
                    {t("plan.table.blocked.ofPairs", { blocked: b.blocked, pairs: b.pairs })}
                  </td>
                  {usedCodes.map((code) => (
                    <td key={code} data-label={blockerLabel(code)}>
                      {b.byCode[code] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.blockedMore > 0 ? (
          <p className="plan-note">{t("plan.table.blocked.more", { count: view.blockedMore })}</p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="plan-unassigned">
        <h2 id="plan-unassigned">{t("plan.table.unassigned.heading", { n: view.unassignedCount })}</h2>
        {mine === "facilities" ? <p className="plan-note">{t("plan.filter.unassignedWhole")}</p> : null}
        {view.unassignedCount === 0 ? (
          <p className="empty">{t("plan.table.unassigned.empty")}</p>
        ) : (
          <>
            <p className="plan-note">
              {Object.entries(view.unassignedReasons)
                .map(([reason, n]) =>
                  (UNASSIGNED_REASONS as readonly string[]).includes(reason)
                    ? t(`plan.table.unassigned.counts.${reason}`, { n })
                    : `${n} ${reason}`,
                )
                .join(" · ")}
              {view.unassignedCount > view.unassigned.length
                ? ` ${t("plan.table.unassigned.firstListed", { n: view.unassigned.length })}`
                : ""}
            </p>
            <ul className="plan-unassigned" data-testid="plan-unassigned">
              {view.unassigned.map((u) => (
                <li key={u.lotId}>
                  <Link to={`/lots/${u.lotId}`}>{u.title}</Link>{" "}
                  <span className="plan-muted">
                    {u.economy} · {tonnes(u.tonnes)}
                  </span>
                  <br />
                  {unassignedReasonText(t, u, { money, tonnes })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
