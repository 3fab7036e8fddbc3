import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { formatNumber } from "~/domain/quantity.ts";
import { marketplaceFigures } from "~/models/organization.server.ts";
import type { loader as rootLoader } from "~/root.tsx";

export const meta: MetaFunction = () => [
  { title: "Packloop — the APEC marketplace for end-of-life EV batteries" },
];

export async function loader() {
  return { figures: await marketplaceFigures() };
}

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  const viewer = useRouteLoaderData<typeof rootLoader>("root")?.viewer;
  return (
    <div>
      <section className="hero">
        <h1>Every spent EV battery, matched to the facility that can recover it.</h1>
        <p>
          Packloop is where fleet operators and collectors list spent packs, modules, cells, production scrap
          and black mass; where recyclers publish the capacity they can take each month; and where buyers bid
          — across the 21 APEC economies, with dangerous-goods transport, border rules, freight and CO₂ worked
          out for every lot.
        </p>
        <p>
          <Link to="/quote" data-testid="home-quote-link">
            Get an instant quote for a lot
          </Link>{" "}
          — no account needed.
        </p>
        <p>
          {viewer ? (
            <Link to="/dashboard" className="button">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link to="/signup" className="button">
                Create an account
              </Link>{" "}
              <Link to="/login" className="button button-secondary">
                Log in
              </Link>
            </>
          )}
        </p>
      </section>

      <section className="figures" aria-label="Marketplace today">
        <div className="figure" data-testid="figure-open-lots">
          <strong>{formatNumber(figures.openLots)}</strong>
          <span>open lots</span>
        </div>
        <div className="figure" data-testid="figure-tonnes">
          <strong>{formatNumber(figures.tonnesListed)}</strong>
          <span>tonnes listed</span>
        </div>
        <div className="figure" data-testid="figure-facilities">
          <strong>{formatNumber(figures.facilities)}</strong>
          <span>recycling facilities</span>
        </div>
        <div className="figure" data-testid="figure-economies">
          <strong>{formatNumber(figures.economies)}</strong>
          <span>economies active</span>
        </div>
      </section>

      <section className="roles">
        <div className="card">
          <h2>Fleets and collectors</h2>
          <p>
            List one pack or thousands from a spreadsheet. See the UN number and packing rules, the metal
            inside, and which facilities can legally take each lot — and what it nets after freight.
          </p>
        </div>
        <div className="card">
          <h2>Recyclers</h2>
          <p>
            Publish your facilities, the chemistries, forms and conditions you accept, and your monthly
            capacity as a payable or a gate fee. Fill your lines with feedstock from the whole region.
          </p>
        </div>
        <div className="card">
          <h2>Buyers</h2>
          <p>
            Bid in auctions, sealed tenders or at a fixed price, with every bid shown as net value to the
            seller. Each lot keeps a tamper-evident chain of custody up to its certificate of recovery.
          </p>
        </div>
      </section>
    </div>
  );
}
