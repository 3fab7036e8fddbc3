import { Link } from "@remix-run/react";
import type { PlanView } from "~/domain/matching/plan-view.ts";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import { formatTonnes } from "~/domain/quantity.ts";
import { flowSentence, usePlanFormat } from "./plan-map.tsx";

// Plan figures are LP results: one decimal is all they mean.
const tonnes = (t: number) => formatTonnes(t, { maxDecimals: 1 });

const REASON_LABELS: Record<string, string> = {
  CAPACITY_TAKEN: "capacity went to lots that gain more",
  NO_FEASIBLE_FACILITY: "no facility may take it",
  NO_POSITIVE_VALUE: "every option costs the seller more than it pays",
};

const BLOCKER_LABELS: Record<string, string> = {
  CHEMISTRY_NOT_ACCEPTED: "Chemistry",
  FORM_NOT_ACCEPTED: "Form",
  CONDITION_NOT_ACCEPTED: "Condition",
  INSUFFICIENT_CAPACITY: "Capacity",
  TRANSPORT_FORBIDDEN: "Transport",
  BORDER_RESTRICTED: "Border",
  FACILITY_NOT_PERMITTED: "Import consent",
};

export interface PlanTablesProps {
  view: PlanView;
  /** The flow whose figures show beside the map; its row is marked. */
  selected?: string | null;
  /** Hovering a row, or focusing or pressing its button, shows that flow's figures and marks its arc. */
  onSelect?: (key: string) => void;
}

/** The plan's tables: flows by economy pair, utilisation, shortfalls, blocked cross-border pairs, unassigned lots. */
export function PlanTables({ view, selected = null, onSelect }: PlanTablesProps) {
  const { t, money, tonnes: tonnesIn, language } = usePlanFormat();
  const mine = view.mine;
  const usedCodes = BLOCKER_CODES.filter((code) => view.blocked.some((b) => (b.byCode[code] ?? 0) > 0));
  return (
    <>
      <section className="card" aria-labelledby="plan-pairs">
        <h2 id="plan-pairs">Flows by economy pair</h2>
        {view.plan.totals.byEconomyPair.length === 0 ? (
          <p className="empty">
            {mine === "lots"
              ? t("plan.filter.noLotFlows")
              : mine === "facilities"
                ? t("plan.filter.noFacilityFlows")
                : "The plan sends no lot anywhere."}
          </p>
        ) : (
          <table className="stack-table" data-testid="plan-pairs">
            <thead>
              <tr>
                <th>From → to</th>
                <th>Lots</th>
                <th>Tonnes</th>
                <th>Net value</th>
                <th>Freight</th>
                <th>CO2e</th>
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
                  <td data-label="From → to">
                    {/* A keyboard stop per flow: focusing it shows the flow's figures and marks its arc. */}
                    <button
                      type="button"
                      className="button-link plan-flow-button"
                      aria-pressed={selected === p.key}
                      title={t("plan.table.show", { flow: flowSentence(t, tonnesIn, p, language) })}
                      onFocus={onSelect ? () => onSelect(p.key) : undefined}
                      onClick={onSelect ? () => onSelect(p.key) : undefined}
                    >
                      {p.from === p.to ? `Within ${p.from}` : `${p.from} → ${p.to}`}
                    </button>
                  </td>
                  <td data-label="Lots">{p.lots}</td>
                  <td data-label="Tonnes">{tonnesIn(p.tonnes)}</td>
                  <td data-label="Net value">{money(p.netValue)}</td>
                  <td data-label="Freight">{money(p.freightCost)}</td>
                  <td data-label="CO2e">{tonnesIn(p.co2eKg / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="plan-utilisation">
        <h2 id="plan-utilisation">Capacity utilisation</h2>
        <p className="plan-note">
          Each facility&apos;s capacity over the next six months: already booked (grey) and planned (green).
        </p>
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
                {tonnes(u.bookedTonnes + u.plannedTonnes)} of {tonnes(u.capacityTonnes)} (
                {Math.round(u.share * 100)} %)
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="plan-short">
        <h2 id="plan-short">Where capacity is short, and what the rules block</h2>
        {view.shortfalls.length === 0 ? (
          <p className="empty">Every open lot has a place in the plan.</p>
        ) : (
          <table className="stack-table" data-testid="plan-shortfalls">
            <thead>
              <tr>
                <th>Lots in</th>
                <th>Short of room</th>
                <th>No facility may take</th>
                <th>Not worth moving</th>
              </tr>
            </thead>
            <tbody>
              {view.shortfalls.map((s) => (
                <tr key={s.economy}>
                  <td data-label="Lots in">{s.economy}</td>
                  <td data-label="Short of room">{tonnes(s.capacityShortTonnes)}</td>
                  <td data-label="No facility may take">{tonnes(s.noFacilityTonnes)}</td>
                  <td data-label="Not worth moving">{tonnes(s.unprofitableTonnes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="plan-note">
          Cross-border lot–facility pairs that cannot go ahead, by what stands in the way (a pair can count
          under several rules).
        </p>
        {mine ? <p className="plan-note">{t("plan.filter.blockedWhole")}</p> : null}
        {view.blocked.length === 0 ? (
          <p className="empty">No cross-border pair is blocked.</p>
        ) : (
          <table className="stack-table" data-testid="plan-blocked">
            <thead>
              <tr>
                <th>From → to</th>
                <th>Blocked pairs</th>
                {usedCodes.map((code) => (
                  <th key={code} title={code}>
                    {BLOCKER_LABELS[code]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.blocked.map((b) => (
                <tr key={`${b.from}>${b.to}`}>
                  <td data-label="From → to">
                    {b.from} → {b.to}
                  </td>
                  <td data-label="Blocked pairs">
                    {b.blocked} of {b.pairs}
                  </td>
                  {usedCodes.map((code) => (
                    <td key={code} data-label={BLOCKER_LABELS[code]}>
                      {b.byCode[code] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.blockedMore > 0 ? (
          <p className="plan-note">
            {view.blockedMore} more economy {view.blockedMore === 1 ? "pair has" : "pairs have"} blocked
            pairs.
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="plan-unassigned">
        <h2 id="plan-unassigned">Unassigned lots ({view.unassignedCount})</h2>
        {mine === "facilities" ? <p className="plan-note">{t("plan.filter.unassignedWhole")}</p> : null}
        {view.unassignedCount === 0 ? (
          <p className="empty">None: every open lot is in the plan.</p>
        ) : (
          <>
            <p className="plan-note">
              {Object.entries(view.unassignedReasons)
                .map(([reason, n]) => `${n} ${REASON_LABELS[reason] ?? reason}`)
                .join(" · ")}
              {view.unassignedCount > view.unassigned.length
                ? ` (first ${view.unassigned.length} listed)`
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
                  {u.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
