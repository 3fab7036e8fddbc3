import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { metaMessage } from "~/i18n/meta.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { marketplaceFigures } from "~/models/organization.server.ts";
import type { loader as rootLoader } from "~/root.tsx";

export const meta: MetaFunction = ({ matches }) => [
  { title: `Packloop — ${metaMessage(matches, "home.title")}` },
];

export async function loader() {
  return { figures: await marketplaceFigures() };
}

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  const viewer = useRouteLoaderData<typeof rootLoader>("root")?.viewer;
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div>
      <section className="hero">
        <h1>{t("home.headline")}</h1>
        <p>{t("home.intro")}</p>
        <p>
          <Link to="/quote" data-testid="home-quote-link">
            {t("home.quoteLink")}
          </Link>{" "}
          {t("home.noAccount")}
        </p>
        <p>
          {viewer ? (
            <Link to="/dashboard" className="button">
              {t("home.toDashboard")}
            </Link>
          ) : (
            <>
              <Link to="/signup" className="button">
                {t("home.createAccount")}
              </Link>{" "}
              <Link to="/login" className="button button-secondary">
                {t("nav.logIn")}
              </Link>
            </>
          )}
        </p>
      </section>

      <section className="figures" aria-label={t("home.figures")}>
        <div className="figure" data-testid="figure-open-lots">
          <strong>{format.number(figures.openLots)}</strong>
          <span>{t("home.figure.openLots", { count: figures.openLots })}</span>
        </div>
        <div className="figure" data-testid="figure-tonnes">
          <strong>{format.number(figures.tonnesListed)}</strong>
          <span>{t("home.figure.tonnesListed", { count: figures.tonnesListed })}</span>
        </div>
        <div className="figure" data-testid="figure-facilities">
          <strong>{format.number(figures.facilities)}</strong>
          <span>{t("home.figure.facilities", { count: figures.facilities })}</span>
        </div>
        <div className="figure" data-testid="figure-economies">
          <strong>{format.number(figures.economies)}</strong>
          <span>{t("home.figure.economies", { count: figures.economies })}</span>
        </div>
      </section>

      <section className="roles">
        <div className="card">
          <h2>{t("home.sellers.title")}</h2>
          <p>{t("home.sellers.body")}</p>
        </div>
        <div className="card">
          <h2>{t("home.recyclers.title")}</h2>
          <p>{t("home.recyclers.body")}</p>
        </div>
        <div className="card">
          <h2>{t("home.buyers.title")}</h2>
          <p>{t("home.buyers.body")}</p>
        </div>
      </section>
    </div>
  );
}
