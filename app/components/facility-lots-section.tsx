import { Link } from "@remix-run/react";
import { CHEMISTRY_SHORT_LABELS, type Chemistry } from "~/domain/codes.ts";
import { economyByCode } from "~/domain/economies.ts";
import type { FacilityLots } from "~/domain/matching/match-view.ts";
import { RoutesMap } from "./map/routes-map.tsx";
import { NetValueTerms, TransportFacts } from "./match-breakdown.tsx";
import "./lot-matches.css";
import { formatKgAsTonnes } from "~/domain/quantity.ts";

const ROUTES_ON_MAP = 8;

const lotReference = (number: number) => `PL-${String(number).padStart(6, "0")}`;
const economyName = (code: string) => economyByCode(code)?.name ?? code;

function LotTitle({ lot }: { lot: FacilityLots["takeable"][number] }) {
  return (
    <>
      <Link to={`/lots/${lot.lotId}`}>
        {lotReference(lot.number)} {lot.title}
      </Link>{" "}
      <span className="hint">
        {CHEMISTRY_SHORT_LABELS[lot.chemistry as Chemistry] ?? lot.chemistry} · {formatKgAsTonnes(lot.massKg)}{" "}
        · {economyName(lot.economy)}
      </span>
    </>
  );
}

/** "Lots you can take" (issue 4 item 4): open lots this facility can take, best net value first. */
export function FacilityLotsSection({
  facility,
  lots,
}: {
  facility: { name: string; location: { lat: number; lng: number } };
  lots: FacilityLots;
}) {
  const routes = lots.takeable.slice(0, ROUTES_ON_MAP).flatMap((l, i) =>
    l.transport
      ? [
          {
            key: l.lotId,
            label: lotReference(l.number),
            endLabel: facility.name,
            legs: l.transport.legs,
            highlight: i === 0,
          },
        ]
      : [],
  );
  return (
    <section className="stack lot-matches" aria-labelledby="lots-you-can-take">
      <h2 id="lots-you-can-take">Lots you can take</h2>
      <p className="hint">
        {lots.takeableCount} open {lots.takeableCount === 1 ? "lot" : "lots"} this facility accepts and can
        take in its capacity windows, best net value to the seller first (US dollars, after freight).
      </p>
      {routes.length > 0 ? (
        <RoutesMap anchor={{ ...facility.location, label: facility.name }} routes={routes} />
      ) : null}
      {lots.takeable.length > 0 ? (
        <ol className="match-list" data-testid="takeable-lots">
          {lots.takeable.map((l) => (
            <li key={l.lotId} className="match-item" data-testid="takeable-lot">
              <h3>
                <LotTitle lot={l} />
              </h3>
              {l.breakdown ? <NetValueTerms breakdown={l.breakdown} /> : null}
              <TransportFacts transport={l.transport} />
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="no-takeable-lots">No open lot fits this facility at present.</p>
      )}
      {lots.nearMisses.length > 0 ? (
        <>
          <h3>Lots that one thing keeps out</h3>
          <ul className="match-list match-blocked" data-testid="near-miss-lots">
            {lots.nearMisses.map((l) => (
              <li key={l.lotId} data-testid="near-miss-lot">
                <LotTitle lot={l} />
                <ul className="blockers">
                  {l.blockers.map((b) => (
                    <li key={b.code} data-code={b.code}>
                      {b.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
