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
import { getActor } from "./auth/actor.server.ts";
import { mapTilesFromEnv } from "./components/map/tiles.server.ts";
import { NotificationBell } from "./components/notification-bell.tsx";
import { headerViewer } from "./models/viewer.server.ts";
import stylesheet from "./styles/app.css?url";
import { useNonce } from "./utils/nonce.tsx";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
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

export async function loader({ request }: LoaderFunctionArgs) {
  // mapTiles: every map on every page uses the same base layer (null = the bundled world map).
  const actor = await getActor(request);
  const viewer = actor
    ? await headerViewer({
        userId: actor.userId,
        name: actor.user.name,
        email: actor.user.email,
        isPlatformAdmin: actor.isPlatformAdmin,
        organizationName: actor.organization?.name ?? null,
        capabilities: actor.capabilities,
      })
    : null;
  return { viewer, mapTiles: mapTilesFromEnv() };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const viewer = data?.viewer ?? null;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◐
            </span>{" "}
            Packloop
          </Link>
          <nav className="site-nav" aria-label="Main">
            <NavLink to="/lots" end>
              Lots
            </NavLink>
            <NavLink to="/facilities" end>
              Facilities
            </NavLink>
            <NavLink to="/insights">Insights</NavLink>
            {viewer ? (
              <>
                <NavLink to="/dashboard">Dashboard</NavLink>
                <NavLink to="/plan">Plan</NavLink>
                {viewer.capabilities.includes("seller") ? <NavLink to="/lots/mine">My lots</NavLink> : null}
                {viewer.capabilities.includes("buyer") || viewer.capabilities.includes("recycler") ? (
                  <NavLink to="/bids">My bids</NavLink>
                ) : null}
                {viewer.capabilities.includes("seller") || viewer.capabilities.includes("recycler") ? (
                  <NavLink to="/bookings">Bookings</NavLink>
                ) : null}
                <NavLink to="/deals">Deals</NavLink>
                <NavLink to="/shipments">Shipments</NavLink>
                <NavLink to="/settings/organization">Organisation</NavLink>
                {viewer.isPlatformAdmin ? <NavLink to="/admin/deals">Payments</NavLink> : null}
                {viewer.isPlatformAdmin ? <NavLink to="/admin/outbox">Outbox</NavLink> : null}
                {viewer.isPlatformAdmin ? <NavLink to="/admin/organizations">Verification</NavLink> : null}
                {viewer.isPlatformAdmin ? <NavLink to="/admin/prices">Prices</NavLink> : null}
                {viewer.isPlatformAdmin ? <NavLink to="/admin/factors">Factors</NavLink> : null}
                <NotificationBell unread={viewer.unreadNotifications} />
                <span className="viewer" title={viewer.email}>
                  {viewer.name}
                  {viewer.organizationName ? <small> · {viewer.organizationName}</small> : null}
                </span>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button-link">
                    Log out
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login">Log in</NavLink>
                <Link to="/signup" className="button button-small">
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </header>
        <main className="site-main">{children}</main>
        <footer className="site-footer">
          <p>
            Packloop connects fleets, collectors, recyclers and buyers of end-of-life EV batteries across the
            21 APEC economies.
          </p>
        </footer>
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
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      return (
        <ErrorPage title="Page not found" code={404}>
          <p>We could not find the page you asked for. It may have moved, or the address may be mistyped.</p>
        </ErrorPage>
      );
    }
    if (error.status === 503) {
      return (
        <ErrorPage title="Packloop is temporarily unavailable" code={503}>
          <p>
            We cannot reach our database right now. Nothing you submitted was lost; please try again shortly.
          </p>
        </ErrorPage>
      );
    }
    const message = typeof error.data === "string" && error.data.length < 300 ? error.data : error.statusText;
    return (
      <ErrorPage title={error.status === 403 ? "Not allowed" : "Something went wrong"} code={error.status}>
        <p>{message}</p>
      </ErrorPage>
    );
  }
  // Never show a stack trace: in production Remix already strips it; we show only a sentence.
  return (
    <ErrorPage title="Something went wrong" code={500}>
      <p>An unexpected error stopped this page. It has been logged; please try again.</p>
    </ErrorPage>
  );
}

function ErrorPage({ title, code, children }: { title: string; code: number; children: ReactNode }) {
  return (
    // data-error-boundary: the stable marker the browser tests look for (tests/e2e/browser.ts), so a
    // page that fell into this boundary fails its test even when nothing reached the console.
    <section className="error-page" data-status={code} data-error-boundary={code}>
      <p className="error-code">{code}</p>
      <h1>{title}</h1>
      {children}
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
