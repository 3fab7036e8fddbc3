import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { FxWarning } from "~/components/fx-warning.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { organizationMoneyOverview } from "~/models/deals/deal-money-overview.server.ts";
import { missingExchangeRates } from "~/models/factor.server.ts";
import { organizationOverview } from "~/models/organization.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "nav.dashboard") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, user, membership, isPlatformAdmin } = await requireActor(request, {
    organization: true,
  });
  const [overview, money, missingFx] = await Promise.all([
    organizationOverview(organization.id),
    organizationMoneyOverview(organization.id),
    // A platform admin also sees the currencies in use without an exchange rate.
    isPlatformAdmin ? missingExchangeRates() : [],
  ]);
  return {
    userName: user.name,
    emailVerified: Boolean(user.emailVerifiedAt),
    justVerified: new URL(request.url).searchParams.get("email") === "verified",
    role: membership.role,
    organization: {
      id: organization.id,
      name: organization.name,
      economyCode: organization.economyCode,
      capabilities: organization.capabilities,
      verificationStatus: organization.verificationStatus,
    },
    overview,
    money,
    missingFx,
  };
}

export default function Dashboard() {
  const { organization, overview, money, missingFx, userName, role, emailVerified, justVerified } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const format = useFormat();
  const tonnes = (kg: number) => format.kgAsTonnes(kg, { maxDecimals: 1 });
  const amount = format.money;
  const caps = new Set(organization.capabilities);
  const lotsOpen = overview.lotsByStatus.find((s) => s.status === "open");
  const lotsTotal = overview.lotsByStatus.reduce((sum, s) => sum + s.count, 0);
  return (
    <div className="stack" data-testid="dashboard">
      <h1>{organization.name}</h1>
      <p>
        {t("dashboard.welcome", { name: userName, role: t(`dashboard.role.${role}`) })}{" "}
        {economies.name(organization.economyCode, "name")} ·{" "}
        {organization.capabilities.map((c) => t(`account.capability.${c}`)).join(" · ")} ·{" "}
        <VerificationBadge status={organization.verificationStatus} organizationId={organization.id} own />
      </p>
      <FxWarning missing={missingFx} formHref="/admin/factors#add-value" />
      {justVerified ? (
        <p className="notice" role="status">
          {t("dashboard.justVerified")}
        </p>
      ) : null}
      {emailVerified ? null : (
        <p className="notice" data-testid="email-unverified">
          {t("dashboard.unverified")} <Link to="/verify-email">{t("account.emailStatus.resend")}</Link>
        </p>
      )}

      <section className="card" aria-labelledby="deal-money" data-testid="deal-money">
        <h2 id="deal-money">{t("dashboard.money.title")}</h2>
        {money.length === 0 ? (
          <p className="empty">
            {t("dashboard.money.empty")} <Link to="/deals">{t("dashboard.money.yourDeals")}</Link>
          </p>
        ) : (
          <>
            <div className="grid">
              <div className="figure" data-testid="money-card-held">
                <span>{t("dashboard.money.held")}</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {amount(m.held)}
                  </strong>
                ))}
                <span className="hint">
                  {money
                    .map((m) =>
                      t("dashboard.money.heldSplit", {
                        yours: amount(m.heldFromYou),
                        forYou: amount(m.heldForYou),
                      }),
                    )
                    .join("; ")}
                </span>
              </div>
              <div className="figure" data-testid="money-card-due">
                <span>{t("dashboard.money.due")}</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {amount(m.due)}
                  </strong>
                ))}
              </div>
              <div className="figure" data-testid="money-card-released">
                <span>{t("dashboard.money.released")}</span>
                {money.map((m) => (
                  <strong key={m.currency} data-currency={m.currency}>
                    {amount(m.released)}
                  </strong>
                ))}
                <span className="hint">
                  {money
                    .map((m) => t("dashboard.money.transferred", { amount: amount(m.transferred) }))
                    .join("; ")}
                </span>
              </div>
            </div>
            <p className="hint">
              {t("dashboard.money.note")} <Link to="/deals">{t("dashboard.money.yourDeals")}</Link> ·{" "}
              <a href="/deals/statement.csv">{t("dashboard.money.statement")}</a>
            </p>
          </>
        )}
      </section>

      {caps.has("seller") ? (
        <section className="card" aria-labelledby="selling">
          <h2 id="selling">{t("dashboard.lots.title")}</h2>
          {lotsTotal === 0 ? (
            <p className="empty">{t("dashboard.lots.empty")}</p>
          ) : (
            <div className="grid">
              {overview.lotsByStatus.map((s) => (
                <div className="figure" key={s.status}>
                  <strong>{format.number(s.count)}</strong>
                  <span>
                    {t(`dashboard.lots.status.${s.status}`)} · {tonnes(s.massKg)}
                  </span>
                </div>
              ))}
            </div>
          )}
          {lotsOpen ? <p>{t("dashboard.lots.openNow", { count: lotsOpen.count })}</p> : null}
          <p>
            <Link to="/lots/new" className="button button-small">
              {t("lots.listLot")}
            </Link>{" "}
            <Link to="/lots/import" className="button button-small button-secondary">
              {t("dashboard.lots.import")}
            </Link>{" "}
            <Link to="/lots/mine">{t("nav.myLots")}</Link>
          </p>
        </section>
      ) : null}

      {caps.has("carrier") ? (
        <section className="card" aria-labelledby="carrying">
          <h2 id="carrying">{t("dashboard.carrier.title")}</h2>
          <p>
            {t("dashboard.carrier.body")} <Link to="/shipments">{t("dashboard.carrier.link")}</Link>
          </p>
        </section>
      ) : null}

      {caps.has("recycler") ? (
        <section className="card" aria-labelledby="facilities">
          <h2 id="facilities">{t("dashboard.facilities.title")}</h2>
          {overview.facilities.length === 0 ? (
            <p className="empty">{t("dashboard.facilities.empty")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t("facilities.table.facility")}</th>
                  <th>{t("lots.browse.field.economy")}</th>
                  <th>{t("dashboard.facilities.offered")}</th>
                  <th>{t("dashboard.facilities.booked")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.facilities.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/facilities/${f.id}`}>{f.name}</Link> ·{" "}
                      <Link to={`/facilities/${f.id}/capacity`}>
                        {t("dashboard.facilities.postCapacity")}
                      </Link>
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
              {t("facilities.publish")}
            </Link>
          </p>
        </section>
      ) : null}

      {caps.has("buyer") ? (
        <section className="card" aria-labelledby="buying">
          <h2 id="buying">{t("dashboard.bids.title")}</h2>
          {overview.activeBids === 0 ? (
            <p className="empty">{t("dashboard.bids.empty")}</p>
          ) : (
            <p>
              <Trans
                i18nKey="dashboard.bids.active"
                count={overview.activeBids}
                values={{ shown: format.number(overview.activeBids) }}
                components={{ strong: <strong /> }}
              />
            </p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="team">
        <h2 id="team">{t("dashboard.team.title")}</h2>
        <p>
          {t("dashboard.team.members", { count: overview.members })}{" "}
          {overview.members === 1 ? `${t("dashboard.team.invite")} ` : null}
          <Link to="/settings/organization">{t("dashboard.team.manage")}</Link>
        </p>
      </section>
    </div>
  );
}
