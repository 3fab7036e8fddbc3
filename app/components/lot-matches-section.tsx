import { Form, Link } from "@remix-run/react";
import { economyByCode } from "~/domain/economies.ts";
import type { LotMatches } from "~/domain/matching/match-view.ts";
import type { RankingWeights } from "~/domain/matching/ranking.ts";
import { BADGE_LABELS, type FacilityReliabilityPoint } from "~/domain/reputation/reliability.ts";
import { BlockerSentences } from "./blocker-sentences.tsx";
import { rankedRouteLines } from "./map/ranked-routes.ts";
import { RoutesMap } from "./map/routes-map.tsx";
import { NetValueTerms, TransportFacts } from "./match-breakdown.tsx";
import "./lot-matches.css";
import "./reputation.css";
import { formatNumber } from "~/domain/quantity.ts";

/** Routes drawn on the map: the best few, so the map stays legible. */
const ROUTES_ON_MAP = 8;

const PRESETS: { label: string; weights: [number, number, number] }[] = [
  { label: "Balanced", weights: [0.6, 0.2, 0.2] },
  { label: "Best net value", weights: [1, 0, 0] },
  { label: "Lowest CO2e", weights: [0.2, 1, 0] },
  { label: "Fastest", weights: [0.2, 0, 1] },
];

const economyName = (code: string) => economyByCode(code)?.name ?? code;

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
  return (
    // A <div>: a form inside a <p> would end the paragraph in the HTML parser (hydration mismatch).
    <div className="match-actions" data-testid="match-actions">
      <Link
        to={`/facilities/${facilityId}#capacity-heading`}
        className="button button-secondary"
        aria-label={`Request booking at ${facilityName}`}
      >
        Request booking
      </Link>{" "}
      {actions.canInvite ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <input type="hidden" name="facilityId" value={facilityId} />
          <button
            type="submit"
            name="intent"
            value="invite"
            className="button-secondary"
            aria-label={`Invite ${facilityName} to bid`}
          >
            Invite to bid
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function ReliabilityNote({ point }: { point: FacilityReliabilityPoint | undefined }) {
  if (!point) return null;
  return (
    <span
      className={`reliability-badge reliability-${point.badge}`}
      data-testid="match-reliability"
      data-badge={point.badge}
    >
      {point.badge === "new"
        ? `Reliability: not enough history (n = ${point.n})`
        : `${BADGE_LABELS[point.badge]} · ≥ ${Math.round(point.lower * 100)} % (n = ${point.n})`}
    </span>
  );
}

/** "Where this lot can go" (issue 4 item 4): ranked facilities, steerable weights, routes on a map. */
export function LotMatchesSection({
  lot,
  matches,
  weights,
  weightsError,
  byReliability = false,
  reliability = {},
  sellerActions = null,
}: LotMatchesSectionProps) {
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
      <h2 id="where-this-lot-can-go-heading">Where this lot can go</h2>
      <p className="hint">
        {matches.feasibleCount} of {matches.feasibleCount + matches.infeasibleCount} listed facilities can
        take this lot in the next six months. Net values are in US dollars, after freight to the facility.
      </p>
      {/* Keyed by the weights: after steering, the inputs show the weights now in use. */}
      <Form
        method="get"
        className="match-weights"
        preventScrollReset
        key={`${weights.netValue}/${weights.co2}/${weights.transitTime}/${byReliability}`}
      >
        <span>Rank by:</span>
        {PRESETS.map((p) => (
          <Link
            key={p.label}
            preventScrollReset
            to={`?w_net=${p.weights[0]}&w_co2=${p.weights[1]}&w_time=${p.weights[2]}${byReliability ? "&w_rel=1" : ""}#where-this-lot-can-go`}
          >
            {p.label}
          </Link>
        ))}
        <label>
          Net value <input name="w_net" type="number" min="0" step="0.1" defaultValue={weights.netValue} />
        </label>
        <label>
          CO2e <input name="w_co2" type="number" min="0" step="0.1" defaultValue={weights.co2} />
        </label>
        <label>
          Transit time{" "}
          <input name="w_time" type="number" min="0" step="0.1" defaultValue={weights.transitTime} />
        </label>
        <label title="Adds each facility's on-time intake (the lower bound of its 95 % interval, 0 without history) as a further criterion weighing a quarter of the others">
          <input
            type="checkbox"
            name="w_rel"
            value="1"
            defaultChecked={byReliability}
            data-testid="weigh-reliability"
          />{" "}
          Weigh facility reliability
        </label>
        <button type="submit" className="button-secondary">
          Rank
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
                  {economyName(m.economy)} · score{" "}
                  {m.score === null ? "–" : formatNumber(m.score, { maxDecimals: 2, minDecimals: 2 })}
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
        <p data-testid="no-feasible-matches">No listed facility can take this lot at present.</p>
      )}
      {matches.infeasible.length > 0 ? (
        <>
          <h3 id="facilities-that-cannot">Facilities that cannot take it</h3>
          <ul className="match-list match-blocked" data-testid="infeasible-matches">
            {matches.infeasible.map((m) => (
              <li key={m.facilityId} data-testid="match-infeasible">
                <Link to={`/facilities/${m.facilityId}`}>{m.facilityName}</Link>{" "}
                <span className="hint">{economyName(m.economy)}</span>
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
                and {matches.infeasibleCount - matches.infeasible.length} more
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
