import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { CAPABILITY_LABELS } from "~/domain/codes.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatKgAsTonnes } from "~/domain/quantity.ts";
import { organizationMoneyOverview } from "~/models/deals/deal-money-overview.server.ts";
import { organizationOverview } from "~/models/organization.server.ts";

export const meta: MetaFunction = () => [{ title: "Dashboard · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, user, membership } = await requireActor(request, { organization: true });
  const [overview, money] = await Promise.all([
    organizationOverview(organization.id),
    organizationMoneyOverview(organization.id),
  ]);
  return {
    userName: user.name,
    emailVerified: Boolean(user.emailVerifiedAt),
    justVerified: new URL(request.url).searchParams.get("email") === "verified",
    role: membership.role,
    organization: {
      id: organization.id,
      name: organization.name,
      economyName: organization.economy.name,
      capabilities: organization.capabilities,
      verificationStatus: organization.verificationStatus,
    },
    overview,
    money,
  };
}

const tonnes = (kg: number) => formatKgAsTonnes(kg, { maxDecimals: 1 });

export default function Dashboard() {
  const { organization, overview, money, userName, role, emailVerified, justVerified } =
    useLoaderData<typeof loader>();
  const caps = new Set(organization.capabilities);
  const lotsOpen = overview.lotsByStatus.find((s) => s.status === "open");
  const lotsTotal = overview.lotsByStatus.reduce((sum, s) => sum + s.count, 0);
  return (
    <div className="stack" data-testid="dashboard">
      <h1>{organization.name}</h1>
      <p>
        Welcome, {userName} ({role}). {organization.economyName} ·{" "}
        {organization.capabilities.map((c) => CAPABILITY_LABELS[c]).join(" · ")} ·{" "}
        <VerificationBadge status={organization.verificationStatus} organizationId={organization.id} own />
      </p>
      {justVerified ? (
        <p className="notice" role="status">
          Your email address is verified. Welcome to Packloop!
        </p>
      ) : null}
      {emailVerified ? null : (
        <p className="notice" data-testid="email-unverified">
          Your email address is not verified yet: open the link we emailed you to publish lots and bid.{" "}
          <Link to="/verify-email">Email me a new link</Link>
        </p>
      )}

      <section className="card" aria-labelledby="deal-money" data-testid="deal-money">
        <h2 id="deal-money">Money on your deals</h2>
        {money.length === 0 ? (
          <p className="empty">
            No money on deals yet. When a sale is confirmed, its deal shows here what the platform holds, what
            is due and what was released. <Link to="/deals">Your deals</Link>
          </p>
        ) : (
          <>
            <div className="grid">
              <div className="figure" data-testid="money-card-held">
                <span>Held by the platform</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {formatMoney(m.held)}
                  </strong>
                ))}
                <span className="hint">
                  {money
                    .map(
                      (m) => `${formatMoney(m.heldFromYou)} of yours · ${formatMoney(m.heldForYou)} for you`,
                    )
                    .join("; ")}
                </span>
              </div>
              <div className="figure" data-testid="money-card-due">
                <span>Due from you</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {formatMoney(m.due)}
                  </strong>
                ))}
              </div>
              <div className="figure" data-testid="money-card-released">
                <span>Released to you</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {formatMoney(m.released)}
                  </strong>
                ))}
                <span className="hint">
                  {money.map((m) => `${formatMoney(m.transferred)} transferred`).join("; ")}
                </span>
              </div>
            </div>
            <p className="hint">
              Per currency, from the platform&rsquo;s ledger, as on each deal&rsquo;s page.{" "}
              <Link to="/deals">Your deals</Link> · <a href="/deals/statement.csv">Statement (CSV)</a>
            </p>
          </>
        )}
      </section>

      {caps.has("seller") ? (
        <section className="card" aria-labelledby="selling">
          <h2 id="selling">Your lots</h2>
          {lotsTotal === 0 ? (
            <p className="empty">
              You have not listed any batteries yet. List a lot, one at a time or from a spreadsheet, and
              Packloop will show which facilities in the region can take it.
            </p>
          ) : (
            <div className="grid">
              {overview.lotsByStatus.map((s) => (
                <div className="figure" key={s.status}>
                  <strong>{s.count}</strong>
                  <span>
                    {s.status.replace("_", " ")} · {tonnes(s.massKg)}
                  </span>
                </div>
              ))}
            </div>
          )}
          {lotsOpen ? <p>{lotsOpen.count} lots are open for bids right now.</p> : null}
          <p>
            <Link to="/lots/new" className="button button-small">
              List a lot
            </Link>{" "}
            <Link to="/lots/import" className="button button-small button-secondary">
              Import from spreadsheet
            </Link>{" "}
            <Link to="/lots/mine">My lots</Link>
          </p>
        </section>
      ) : null}

      {caps.has("carrier") ? (
        <section className="card" aria-labelledby="carrying">
          <h2 id="carrying">Shipments you carry</h2>
          <p>
            Sellers and buyers assign you to their shipments; record pick-up, departure, port and customs
            milestones as the goods move. <Link to="/shipments">Your shipments</Link>
          </p>
        </section>
      ) : null}

      {caps.has("recycler") ? (
        <section className="card" aria-labelledby="facilities">
          <h2 id="facilities">Your facilities</h2>
          {overview.facilities.length === 0 ? (
            <p className="empty">
              No facilities yet. Publish a facility with the chemistries and forms it accepts and the capacity
              it can take each month, and sellers will find it.
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Facility</th>
                  <th>Economy</th>
                  <th>Capacity offered (6 months)</th>
                  <th>Booked</th>
                </tr>
              </thead>
              <tbody>
                {overview.facilities.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/facilities/${f.id}`}>{f.name}</Link> ·{" "}
                      <Link to={`/facilities/${f.id}/capacity`}>Post capacity</Link>
                    </td>
                    <td>{f.economyCode}</td>
                    <td>{tonnes(f.capacityKg)}</td>
                    <td>{tonnes(f.bookedKg)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <Link to="/facilities/new" className="button button-small">
              Publish a facility
            </Link>
          </p>
        </section>
      ) : null}

      {caps.has("buyer") ? (
        <section className="card" aria-labelledby="buying">
          <h2 id="buying">Your bids</h2>
          {overview.activeBids === 0 ? (
            <p className="empty">
              No active bids. Browse open lots by chemistry, form and location, and bid in auctions, tenders
              or at a fixed price.
            </p>
          ) : (
            <p>
              <strong>{overview.activeBids}</strong> active {overview.activeBids === 1 ? "bid" : "bids"}.
            </p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="team">
        <h2 id="team">Team</h2>
        <p>
          {overview.members} {overview.members === 1 ? "member" : "members"}.{" "}
          {overview.members === 1 ? "Invite colleagues so they can list, bid and book with you. " : null}
          <Link to="/settings/organization">Manage members and invitations</Link>
        </p>
      </section>
    </div>
  );
}
