import { Form, Link } from "@remix-run/react";
import type { LotMatches } from "~/domain/matching/match-view.ts";
import type { RankingWeights } from "~/domain/matching/ranking.ts";
import { BADGE_LABELS, type FacilityReliabilityPoint } from "~/domain/reputation/reliability.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { BlockerSentences } from "./blocker-sentences.tsx";
import { rankedRouteLines } from "./map/ranked-routes.ts";
import { RoutesMap } from "./map/routes-map.tsx";
import { NetValueTerms, TransportFacts } from "./match-breakdown.tsx";
import "./lot-matches.css";
import "./reputation.css";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useLotFormat } from "./lot/use-lot-format.ts";

/** Routes drawn on the map: the best few, so the map stays legible. */
const ROUTES_ON_MAP = 8;

/** The presets, by their key under lot.matches.presets. */
const PRESETS: {
  label: "balanced" | "bestNet" | "lowestCo2" | "fastest";
  weights: [number, number, number];
}[] = [
  { label: "balanced", weights: [0.6, 0.2, 0.2] },
  { label: "bestNet", weights: [1, 0, 0] },
  { label: "lowestCo2", weights: [0.2, 1, 0] },
  { label: "fastest", weights: [0.2, 0, 1] },
];

export interface LotMatchesSectionProps {
  /** `economy`: where the lot leaves from, named in the blockers' sentences. */
  lot: { location: { lat: number; lng: number }; reference: string; economy: string };
  matches: LotMatches;
  weights: RankingWeights;
  weightsError: string | null;
  /** The optional reliability weight is on (ADR 036; off by default). */
  byReliability?: boolean;
  /** Each listed facility's reliability badge, by facility id. */
  reliability?: Readonly<Record<string, FacilityReliabilityPoint>>;
  /** For the lot's seller: "Request booking" and "Invite to bid" per facility (issue 15 item 6). */
  sellerActions?: { lotId: string; canInvite: boolean } | null;
}

/** What the seller can do with a facility that can take the lot. */
function SellerMatchActions({
  facilityId,
  facilityName,
  actions,
}: {
  facilityId: string;
  facilityName: string;
  actions: { lotId: string; canInvite: boolean };
}) {
  const { t } = useTranslation();
  return (
    // A <div>: a form inside a <p> would end the paragraph in the HTML parser (hydration mismatch).
    <div className="match-actions" data-testid="match-actions">
      <Link
        to={`/facilities/${facilityId}#capacity-heading`}
        className="button button-secondary"
        aria-label={t("lot.matches.requestBookingAt", { facility: facilityName })}
      >
        {t("lot.matches.requestBooking")}
      </Link>{" "}
      {actions.canInvite ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <input type="hidden" name="facilityId" value={facilityId} />
          <button
            type="submit"
            name="intent"
            value="invite"
            className="button-secondary"
            aria-label={t("lot.matches.inviteFacility", { facility: facilityName })}
          >
            {t("lot.matches.invite")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function ReliabilityNote({ point }: { point: FacilityReliabilityPoint | undefined }) {
  const { t } = useTranslation();
  if (!point) return null;
  return (
    <span
      className={`reliability-badge reliability-${point.badge}`}
      data-testid="match-reliability"
      data-badge={point.badge}
    >
      {point.badge === "new"
        ? t("lot.matches.notEnoughHistory", { n: point.n })
        : `${BADGE_LABELS[point.badge]} · ≥ ${Math.round(point.lower * 100)} % (n = ${point.n})`}
    </span>
  );
}

/**
 * "Where this lot can go" (issue 4 item 4): ranked facilities, steerable weights, routes on a map.
 * Its own words in the page's language (issue 14); the net-value terms, transport facts and
 * blockers (match-breakdown.tsx, shared with /quote) are still English.
 */
export function LotMatchesSection({
  lot,
  matches,
  weights,
  weightsError,
  byReliability = false,
  reliability = {},
  sellerActions = null,
}: LotMatchesSectionProps) {
  const { t, number } = useLotFormat();
  const economies = useEconomyNames();
  // Numbered as the list's rows and drawn on the same scale as /quote's (ranked-routes.ts).
  const routes = rankedRouteLines(
    matches.feasible.map((m, i) => ({
      facilityId: m.facilityId,
      name: m.facilityName,
      rank: i + 1,
      legs: m.transport?.legs ?? [],
    })),
    ROUTES_ON_MAP,
  );
  return (
    <section
      className="stack lot-matches"
      aria-labelledby="where-this-lot-can-go-heading"
      id="where-this-lot-can-go"
    >
      <h2 id="where-this-lot-can-go-heading">{t("lot.matches.heading")}</h2>
      <p className="hint">
        {t("lot.matches.summary", {
          feasible: number(matches.feasibleCount),
          total: number(matches.feasibleCount + matches.infeasibleCount),
        })}
      </p>
      {/* Keyed by the weights: after steering, the inputs show the weights now in use. */}
      <Form
        method="get"
        className="match-weights"
        preventScrollReset
        key={`${weights.netValue}/${weights.co2}/${weights.transitTime}/${byReliability}`}
      >
        <span>{t("lot.matches.rankBy")}</span>
        {PRESETS.map((p) => (
          <Link
            key={p.label}
            preventScrollReset
            to={`?w_net=${p.weights[0]}&w_co2=${p.weights[1]}&w_time=${p.weights[2]}${byReliability ? "&w_rel=1" : ""}#where-this-lot-can-go`}
          >
            {t(`lot.matches.presets.${p.label}`)}
          </Link>
        ))}
        <label>
          {t("lot.matches.netValue")}{" "}
          <input name="w_net" type="number" min="0" step="0.1" defaultValue={weights.netValue} />
        </label>
        <label>
          CO2e <input name="w_co2" type="number" min="0" step="0.1" defaultValue={weights.co2} />
        </label>
        <label>
          {t("lot.matches.transitTime")}{" "}
          <input name="w_time" type="number" min="0" step="0.1" defaultValue={weights.transitTime} />
        </label>
        <label title={t("lot.matches.reliabilityTitle")}>
          <input
            type="checkbox"
            name="w_rel"
            value="1"
            defaultChecked={byReliability}
            data-testid="weigh-reliability"
          />{" "}
          {t("lot.matches.weighReliability")}
        </label>
        <button type="submit" className="button-secondary">
          {t("lot.matches.rank")}
        </button>
      </Form>
      {weightsError ? (
        <p className="form-error" role="alert">
          {weightsError}
        </p>
      ) : null}
      {routes.length > 0 ? (
        <RoutesMap anchor={{ ...lot.location, label: lot.reference }} routes={routes} />
      ) : null}
      {matches.feasible.length > 0 ? (
        <ol className="match-list" data-testid="feasible-matches">
          {matches.feasible.map((m) => (
            <li key={m.facilityId} className="match-item" data-testid="match-feasible">
              <h3>
                <Link to={`/facilities/${m.facilityId}`}>{m.facilityName}</Link>{" "}
                <span className="hint">
                  {economies.name(m.economy, "name")} · {t("lot.matches.score")}{" "}
                  {m.score === null ? "–" : number(m.score, { maxDecimals: 2, minDecimals: 2 })}
                </span>{" "}
                <ReliabilityNote point={reliability[m.facilityId]} />
              </h3>
              {m.breakdown ? <NetValueTerms breakdown={m.breakdown} /> : null}
              <TransportFacts
                transport={m.transport}
                unNumber={m.unNumber}
                packingInstruction={m.packingInstruction}
                documents={m.documents}
              />
              {sellerActions ? (
                <SellerMatchActions
                  facilityId={m.facilityId}
                  facilityName={m.facilityName}
                  actions={sellerActions}
                />
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="no-feasible-matches">{t("lot.matches.noneFeasible")}</p>
      )}
      {matches.infeasible.length > 0 ? (
        <>
          <h3 id="facilities-that-cannot">{t("lot.matches.cannotHeading")}</h3>
          <ul className="match-list match-blocked" data-testid="infeasible-matches">
            {matches.infeasible.map((m) => (
              <li key={m.facilityId} data-testid="match-infeasible">
                <Link to={`/facilities/${m.facilityId}`}>{m.facilityName}</Link>{" "}
                <span className="hint">{economies.name(m.economy, "name")}</span>
                <BlockerSentences
                  className="blockers"
                  blockers={m.blockers}
                  facts={{
                    facilityName: m.facilityName,
                    lotEconomy: lot.economy,
                    facilityEconomy: m.economy,
                  }}
                />
              </li>
            ))}
          </ul>
          {matches.infeasibleCount > matches.infeasible.length ? (
            <p className="hint">
              <Link to="?blocked=all#facilities-that-cannot" preventScrollReset data-testid="more-blocked">
                {t("lot.matches.andMore", { n: number(matches.infeasibleCount - matches.infeasible.length) })}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
