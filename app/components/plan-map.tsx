/**
 * The /plan page's map with what a newcomer needs to read it (issue 15): a legend whose sample
 * widths come from the scale the arcs are drawn with (flowWidthSamples → flowWeight), and the
 * figures of one flow — hovered, tapped or focused on the map, or picked from the table — beside
 * the map. The legend and the figures are plain HTML, so they render on the server too.
 */
import type { TFunction } from "i18next";
import { economyNameIn } from "~/domain/economy-names.ts";
import type { FlowWidthSample, PlanFlow } from "~/domain/matching/plan-flows.ts";
import type { PlanPair } from "~/domain/matching/plan-view.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { formatMoneyIn, formatTonnesIn } from "~/i18n/format.ts";
import { isLanguageCode, type LanguageCode } from "~/i18n/languages.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { CROSS_BORDER_COLOUR, DOMESTIC_COLOUR, SELECTED_FLOW_COLOUR } from "./map/flow-style.ts";
import { FlowsMap } from "./map/flows-map.tsx";

/** Figures in the viewer's language: plan figures are LP results, one decimal is all they mean. */
export function usePlanFormat() {
  const { t, i18n } = useTranslation();
  const language: LanguageCode = isLanguageCode(i18n.language) ? i18n.language : "en";
  return {
    t,
    language,
    tonnes: (value: number) => formatTonnesIn(language, value, { maxDecimals: 1 }),
    money: (money: Parameters<typeof formatMoneyIn>[1]) => formatMoneyIn(language, money),
  };
}

/** "Korea (KR)", "韓国 (KR)": the short name in the page's language, with the code the tables use. */
export function economyName(code: string, language: LanguageCode = "en"): string {
  const name = economyNameIn(language, code);
  return name === code ? code : `${name} (${code})`;
}

/** The arc's accessible name and the row's button: from → to, tonnes and lots. */
export function flowSentence(
  t: TFunction,
  tonnes: (value: number) => string,
  flow: Pick<PlanFlow, "from" | "to" | "tonnes" | "lots">,
  language: LanguageCode = "en",
): string {
  const figures = { tonnes: tonnes(flow.tonnes), count: flow.lots };
  return flow.from === flow.to
    ? t("plan.map.withinArc", { ...figures, economy: economyName(flow.from, language) })
    : t("plan.map.arc", {
        ...figures,
        from: economyName(flow.from, language),
        to: economyName(flow.to, language),
      });
}

export interface PlanMapProps {
  flows: readonly PlanFlow[];
  pairs: readonly PlanPair[];
  widthSamples: readonly FlowWidthSample[];
  selected: string | null;
  onSelect: (key: string | null) => void;
}

export function PlanMap({ flows, pairs, widthSamples, selected, onSelect }: PlanMapProps) {
  const { t, tonnes, language } = usePlanFormat();
  const pair = pairs.find((p) => p.key === selected) ?? null;
  return (
    <section className="plan-map-section" aria-label={t("plan.map.label")}>
      <div className="plan-map-layout">
        <div className="plan-map-column">
          <FlowsMap
            flows={flows}
            selected={selected}
            onSelect={onSelect}
            describe={(flow) => flowSentence(t, tonnes, flow, language)}
          />
          <p className="plan-note">{t("plan.map.keyboard")}</p>
        </div>
        <PlanFlowFigures pair={pair} />
      </div>
      <PlanLegend samples={widthSamples} />
    </section>
  );
}

/** One flow's figures: from → to, tonnes, lots, chemistries, net value, freight and CO2e. */
export function PlanFlowFigures({ pair }: { pair: PlanPair | null }) {
  const { t, tonnes, money, language } = usePlanFormat();
  return (
    <aside className="card plan-flow-figures" data-testid="plan-flow-figures" aria-live="polite">
      {pair ? (
        <>
          <h2 className="plan-flow-title" data-flow={pair.key}>
            {pair.from === pair.to
              ? t("plan.figures.within", { economy: economyName(pair.from, language) })
              : t("plan.figures.fromTo", {
                  from: economyName(pair.from, language),
                  to: economyName(pair.to, language),
                })}
          </h2>
          <dl className="plan-flow-list">
            <dt>{t("plan.figures.tonnes")}</dt>
            <dd data-testid="plan-flow-tonnes">{tonnes(pair.tonnes)}</dd>
            <dt>{t("plan.figures.lots")}</dt>
            <dd>{pair.lots}</dd>
            <dt>{t("plan.figures.chemistry")}</dt>
            <dd className="plan-flow-chemistry" data-testid="plan-flow-chemistry">
              {pair.chemistries
                .map((c) => `${chemistryShortLabel(t, c.chemistry)} ${tonnes(c.tonnes)}`)
                .join(" · ")}
            </dd>
            <dt>{t("plan.figures.netValue")}</dt>
            <dd data-testid="plan-flow-net">{money(pair.netValue)}</dd>
            <dt>{t("plan.figures.freight")}</dt>
            <dd>{money(pair.freightCost)}</dd>
            <dt>{t("plan.figures.co2e")}</dt>
            <dd>{tonnes(pair.co2eKg / 1000)}</dd>
          </dl>
          <p className="plan-note">{t("plan.figures.netNote")}</p>
        </>
      ) : (
        <p className="plan-note">{t("plan.figures.prompt")}</p>
      )}
    </aside>
  );
}

const SAMPLE_LENGTH = 44;

/** What the map's widths, colours and markers mean. */
export function PlanLegend({ samples }: { samples: readonly FlowWidthSample[] }) {
  const { t, tonnes } = usePlanFormat();
  const tallest = Math.max(16, ...samples.map((s) => s.weight + 4));
  return (
    <section
      className="pl-map-legend plan-legend"
      aria-labelledby="plan-legend-title"
      data-testid="plan-legend"
    >
      <h2 id="plan-legend-title" className="plan-legend-title">
        {t("plan.legend.title")}
      </h2>
      <div>
        <strong>{t("plan.legend.width")}</strong>
        {samples.length === 0 ? (
          <p className="plan-note">{t("plan.legend.noFlows")}</p>
        ) : (
          <ul data-testid="plan-legend-widths">
            {samples.map((s) => (
              <li key={s.tonnes} data-weight={s.weight} data-tonnes={s.tonnes}>
                <svg
                  width={SAMPLE_LENGTH + tallest}
                  height={tallest}
                  viewBox={`0 0 ${SAMPLE_LENGTH + tallest} ${tallest}`}
                  aria-hidden="true"
                >
                  <line
                    x1={tallest / 2}
                    y1={tallest / 2}
                    x2={SAMPLE_LENGTH + tallest / 2}
                    y2={tallest / 2}
                    stroke={CROSS_BORDER_COLOUR}
                    strokeOpacity={0.7}
                    strokeWidth={s.weight}
                    strokeLinecap="round"
                  />
                </svg>
                {tonnes(s.tonnes)}
              </li>
            ))}
          </ul>
        )}
        <p className="plan-note">{t("plan.legend.widthNote")}</p>
      </div>
      <div>
        <strong>{t("plan.legend.colours")}</strong>
        <ul>
          <li>
            <LegendLine colour={CROSS_BORDER_COLOUR} />
            {t("plan.legend.crossBorder")}
          </li>
          <li>
            <svg width="28" height="12" aria-hidden="true">
              <circle cx="14" cy="6" r="4.5" fill={CROSS_BORDER_COLOUR} stroke="#ffffff" />
            </svg>
            {t("plan.legend.destination")}
          </li>
          <li>
            <svg width="28" height="16" aria-hidden="true">
              <circle cx="14" cy="8" r="7" fill={DOMESTIC_COLOUR} fillOpacity="0.75" stroke="#ffffff" />
            </svg>
            {t("plan.legend.domestic")}
          </li>
          <li>
            <LegendLine colour={SELECTED_FLOW_COLOUR} />
            {t("plan.legend.selected")}
          </li>
        </ul>
      </div>
      <div>
        <strong>{t("plan.legend.places")}</strong>
        <ul>
          <li>
            <span className="plan-legend-economy" aria-hidden="true">
              Aa
            </span>
            {t("plan.legend.economies")}
          </li>
          <li>
            <span className="plan-legend-city" aria-hidden="true" />
            {t("plan.legend.cities")}
          </li>
        </ul>
      </div>
    </section>
  );
}

/** A legend's sample of an arc: a short line in the arc's colour. */
function LegendLine({ colour }: { colour: string }) {
  return (
    <svg width="28" height="12" aria-hidden="true">
      <line x1="2" y1="6" x2="26" y2="6" stroke={colour} strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
