import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { LanguageSwitcher } from "./components/language-switcher.tsx";
import { NotificationBell } from "./components/notification-bell.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import { DEFAULT_LANGUAGE } from "./i18n/languages.ts";
import { usePageI18n } from "./i18n/use-page-i18n.ts";
import { useTranslation } from "./i18n/use-translation.ts";
import { rootData } from "./page-data/root-data.server.ts";
import stylesheet from "./styles/app.css?url";
import phoneStylesheet from "./styles/phone.css?url";
import { useNonce } from "./utils/nonce.tsx";
import { TIME_ZONE_COOKIE_SCRIPT } from "./utils/use-time-zone.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: phoneStylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Packloop — the APEC marketplace for end-of-life EV batteries" },
  {
    name: "description",
    content:
      "List spent EV battery packs, modules, cells and black mass; find recycling capacity across the APEC region; bid, ship and trace every lot.",
  },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  // A member's page shared with other members leaves their name, email and organisation as holes
  // (ADR 072): the page cache fills them in for each answer.
  return rootData(request, { holes: context.viewerHoles === true });
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const viewer = data?.viewer ?? null;
  // Without the root's data (it failed: the error page) the page is in English, the source.
  const language = data?.language ?? DEFAULT_LANGUAGE;
  const catalogue = data?.catalogueUrl ?? `/locales/${DEFAULT_LANGUAGE}.json`;
  const i18n = usePageI18n(language, catalogue);
  const t = i18n.t;
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Fetched by entry.client.tsx before hydrating; preloaded beside the page's modules. */}
        <link rel="preload" as="fetch" href={catalogue} crossOrigin="anonymous" data-catalogue={language} />
        {/* The browser's time zone, as a cookie for the server (ADR 040). */}
        <script
          nonce={nonce}
          suppressHydrationWarning
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours (use-time-zone.ts), no input in it.
          dangerouslySetInnerHTML={{ __html: TIME_ZONE_COOKIE_SCRIPT }}
        />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <SiteHeader>
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                ◐
              </span>{" "}
              Packloop
            </Link>
            <nav className="site-nav" aria-label={t("nav.main")}>
              <NavLink to="/lots" end>
                {t("nav.lots")}
              </NavLink>
              <NavLink to="/facilities" end>
                {t("nav.facilities")}
              </NavLink>
              <NavLink to="/insights">{t("nav.insights")}</NavLink>
              {viewer ? (
                <>
                  <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink>
                  <NavLink to="/plan">{t("nav.plan")}</NavLink>
                  {viewer.capabilities.includes("seller") ? (
                    <NavLink to="/lots/mine">{t("nav.myLots")}</NavLink>
                  ) : null}
                  {viewer.capabilities.includes("buyer") || viewer.capabilities.includes("recycler") ? (
                    <NavLink to="/bids">{t("nav.myBids")}</NavLink>
                  ) : null}
                  {viewer.capabilities.includes("seller") || viewer.capabilities.includes("recycler") ? (
                    <NavLink to="/bookings">{t("nav.bookings")}</NavLink>
                  ) : null}
                  <NavLink to="/deals">{t("nav.deals")}</NavLink>
                  <NavLink to="/shipments">{t("nav.shipments")}</NavLink>
                  <NavLink to="/settings/organization">{t("nav.organisation")}</NavLink>
                  {viewer.isPlatformAdmin ? <NavLink to="/admin/deals">{t("nav.payments")}</NavLink> : null}
                  {viewer.isPlatformAdmin ? <NavLink to="/admin/outbox">{t("nav.outbox")}</NavLink> : null}
                  {viewer.isPlatformAdmin ? (
                    <NavLink to="/admin/organizations">{t("nav.verification")}</NavLink>
                  ) : null}
                  {viewer.isPlatformAdmin ? <NavLink to="/admin/prices">{t("nav.prices")}</NavLink> : null}
                  {viewer.isPlatformAdmin ? <NavLink to="/admin/factors">{t("nav.factors")}</NavLink> : null}
                  <NotificationBell unread={viewer.unreadNotifications} />
                  <span className="viewer" title={viewer.email}>
                    {viewer.name}
                    {viewer.organizationName ? <small> · {viewer.organizationName}</small> : null}
                  </span>
                  <Form method="post" action="/logout" className="inline-form">
                    <button type="submit" className="button-link">
                      {t("nav.logOut")}
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <NavLink to="/login">{t("nav.logIn")}</NavLink>
                  <Link to="/signup" className="button button-small">
                    {t("nav.signUp")}
                  </Link>
                </>
              )}
            </nav>
            <LanguageSwitcher />
          </SiteHeader>
          <main className="site-main">{children}</main>
          <footer className="site-footer">
            <p>{t("footer.tagline")}</p>
          </footer>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      return (
        <ErrorPage title={t("errors.notFoundTitle")} code={404}>
          <p>{t("errors.notFoundBody")}</p>
        </ErrorPage>
      );
    }
    if (error.status === 503) {
      return (
        <ErrorPage title={t("errors.unavailableTitle")} code={503}>
          <p>{t("errors.unavailableBody")}</p>
        </ErrorPage>
      );
    }
    const message = typeof error.data === "string" && error.data.length < 300 ? error.data : error.statusText;
    return (
      <ErrorPage
        title={error.status === 403 ? t("errors.notAllowed") : t("errors.somethingWrong")}
        code={error.status}
      >
        <p>{message}</p>
      </ErrorPage>
    );
  }
  // Never show a stack trace: in production Remix already strips it; we show only a sentence.
  return (
    <ErrorPage title={t("errors.somethingWrong")} code={500}>
      <p>{t("errors.unexpected")}</p>
    </ErrorPage>
  );
}

function ErrorPage({ title, code, children }: { title: string; code: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    // data-error-boundary: the stable marker the browser tests look for (tests/e2e/browser.ts), so a
    // page that fell into this boundary fails its test even when nothing reached the console.
    <section className="error-page" data-status={code} data-error-boundary={code}>
      <p className="error-code">{code}</p>
      <h1>{title}</h1>
      {children}
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
