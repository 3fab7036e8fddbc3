// Every page of the app, opened in Chromium as each demo role (anonymous, the fleet seller, the
// recycler, the buyer, the carrier, the admin), with real ids from the demo data: a lot of each sale mode and
// status (a closed auction with its provisional winner among them), the fleet's own lots and their
// edit pages, the recycler's facility and its capacity, an import, a notification, a document, an
// invitation and a password reset. A page fails on an uncaught error, a console error, an error
// page it was not expected to show, or a 5xx. Resource routes (CSV/XLSX templates, event streams,
// map data, the JSON API) are fetched with the role's cookies and must answer below 500.
//
// The list of routes comes from the app's own route config (app/routes.ts): a route with no entry in
// ROUTES below fails the test, so a new page cannot go unvisited.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gridToCsv, lotGrid, todayUtc } from "../fixtures/lot-import-rows.ts";
import { baseUrl, DEMO_ACCOUNTS, setupBrowser, unique } from "./browser.ts";
import { demoSessions, type Role } from "./demo-sessions.ts";

const browser = setupBrowser();

const ROLES: Role[] = ["anonymous", "fleet", "recycler", "buyer", "carrier", "admin"];
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Real ids from the demo data (and a few things the setup makes: an import, a notification…). */
interface DemoIds {
  /** A public lot of each `${status}/${saleMode}` the demo has, e.g. "closed/auction". */
  lots: Map<string, string>;
  closedAuction: string;
  fleetDraft: string;
  fleetOpenLot: string;
  fleetAwardedLot: string;
  awardId: string;
  bidId: string;
  facility: string;
  /** The demo fleet operator's organisation (its public page). */
  fleetOrganization: string;
  bookingId: string;
  importId: string;
  /** The demo fleet's "what if" (ADR 037): every signed-in role may view it by link. */
  scenarioId: string;
  notificationId: string;
  documentId: string;
  invitationToken: string;
  resetToken: string;
  /** The demo buyer's deal awaiting payment, and the roles that may see it (the others get 404). */
  dealId: string;
  dealViewers: Set<Role>;
  /** The demo's disputed deal (the buyer disputed it) and its evidence file (parties only; 404 else). */
  disputedDealId: string;
  evidencePath: string;
  /** A shipment each role is on (from the demo's shipments), if it is on any. */
  shipments: Partial<Record<Role, string>>;
}

interface Visit {
  path: string;
  /**
   * The status of the error page this visit must show (a 403 for a role the page refuses); none by
   * default. An expected refusal is checked over HTTP, without the browser, unless `inBrowser`.
   */
  boundary?: number;
  inBrowser?: boolean;
}

type Plan = (ids: DemoIds, role: Role) => Visit[];

const page =
  (...paths: string[]): Plan =>
  () =>
    paths.map((p) => ({ path: p }));
/** A page only some roles may open: the others get the 403 error page. */
const onlyFor =
  (roles: Role[], ...paths: string[]): Plan =>
  (_ids, role) =>
    paths.map((p) => ({ path: p, boundary: role === "anonymous" || roles.includes(role) ? undefined : 403 }));

const HTML = "html";
const RESOURCE = "resource";

/**
 * Every route of app/routes, by route id: how to fill its parameters for a role. Pages ("html") are
 * opened in the browser; resource routes are fetched. Anonymous visitors of a page that needs a log-in
 * are sent to /login, which must render too.
 */
const ROUTES: Record<string, { kind: typeof HTML | typeof RESOURCE; plan: Plan }> = {
  "routes/_index": { kind: HTML, plan: page("/") },
  // The not-found page, in the browser: the error page itself must render without errors.
  "routes/$": { kind: HTML, plan: () => [{ path: "/no-such-page", boundary: 404, inBrowser: true }] },
  "routes/login": { kind: HTML, plan: page("/login") },
  "routes/signup": { kind: HTML, plan: page("/signup") },
  "routes/forgot-password": { kind: HTML, plan: page("/forgot-password") },
  "routes/reset-password.$token": {
    kind: HTML,
    plan: (ids) => [{ path: `/reset-password/${ids.resetToken}` }, { path: "/reset-password/unknown-token" }],
  },
  "routes/invitations.$token": {
    kind: HTML,
    plan: (ids) => [{ path: `/invitations/${ids.invitationToken}` }, { path: "/invitations/unknown-token" }],
  },
  "routes/logout": { kind: RESOURCE, plan: page("/logout") },
  "routes/language": { kind: RESOURCE, plan: page("/language") },
  "routes/locales.$file": { kind: RESOURCE, plan: page("/locales/en.json") },
  "routes/dashboard": { kind: HTML, plan: page("/dashboard") },
  "routes/quote": { kind: HTML, plan: page("/quote") },
  "routes/plan": { kind: HTML, plan: page("/plan") },
  "routes/places.search": {
    kind: RESOURCE,
    plan: page("/places/search?q=valpa", "/places/search?q=syd&economy=AU"),
  },
  "routes/places.nearest": { kind: RESOURCE, plan: page("/places/nearest?lat=-33.05&lng=-71.6&economy=CL") },
  "routes/searches": { kind: HTML, plan: page("/searches") },
  "routes/watchlist": { kind: HTML, plan: page("/watchlist") },
  "routes/notifications": { kind: HTML, plan: page("/notifications") },
  "routes/notifications.$notificationId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/notifications/${ids.notificationId}` }],
  },
  // The bell's live count: every member's own.
  "routes/notifications.events": { kind: RESOURCE, plan: page("/notifications/events") },
  "routes/bids": { kind: HTML, plan: page("/bids") },
  "routes/bookings": { kind: HTML, plan: page("/bookings") },
  "routes/settings.organization": { kind: HTML, plan: page("/settings/organization") },
  "routes/settings.api-tokens": { kind: HTML, plan: page("/settings/api-tokens") },
  "routes/settings.notifications": { kind: HTML, plan: page("/settings/notifications") },
  "routes/settings.payouts": { kind: HTML, plan: page("/settings/payouts") },
  "routes/admin.outbox": { kind: HTML, plan: onlyFor(["admin"], "/admin/outbox") },
  "routes/admin.organizations": { kind: HTML, plan: onlyFor(["admin"], "/admin/organizations") },
  "routes/settings.verification": { kind: HTML, plan: page("/settings/verification") },
  "routes/settings.verification_.documents.$documentId": {
    kind: RESOURCE,
    plan: page("/settings/verification/documents/00000000-0000-7000-8000-000000000000"),
  },
  "routes/verify-email._index": { kind: HTML, plan: page("/verify-email") },
  "routes/verify-email.$token": { kind: HTML, plan: page("/verify-email/unknown-token") },
  "routes/admin.prices": { kind: HTML, plan: onlyFor(["admin"], "/admin/prices") },
  "routes/admin.factors": { kind: HTML, plan: onlyFor(["admin"], "/admin/factors") },
  "routes/webhooks.stripe": { kind: RESOURCE, plan: page("/webhooks/stripe") },
  "routes/admin.deals": { kind: HTML, plan: onlyFor(["admin"], "/admin/deals") },
  "routes/deals._index": { kind: HTML, plan: page("/deals") },
  // The payer's pro-forma invoice: a PDF for the payer, 404 for the others, 409 without bank details.
  "routes/deals.$dealId_.pro-forma[.]pdf": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/deals/${ids.dealId}/pro-forma.pdf` }],
  },
  "routes/deals.$dealId": {
    kind: HTML,
    plan: (ids, role) => [
      {
        path: `/deals/${ids.dealId}`,
        boundary: role === "anonymous" || ids.dealViewers.has(role) ? undefined : 404,
      },
      // With a live dispute, its evidence and a proposal; its seller is no demo account.
      {
        path: `/deals/${ids.disputedDealId}`,
        boundary: role === "anonymous" || role === "buyer" || role === "admin" ? undefined : 404,
      },
    ],
  },
  "routes/deals.statement[.]csv": { kind: RESOURCE, plan: page("/deals/statement.csv") },
  "routes/deals.$dealId_.evidence.$evidenceId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: ids.evidencePath }],
  },
  "routes/lots._index": {
    kind: HTML,
    plan: () => [
      { path: "/lots" },
      { path: "/lots?view=map" },
      { path: "/lots?status=closed,awarded&saleMode=auction,sealed" },
    ],
  },
  "routes/lots.$lotId": {
    kind: HTML,
    plan: (ids) =>
      [...new Set([...ids.lots.values(), ids.closedAuction, ids.fleetOpenLot, ids.fleetAwardedLot])].map(
        (id) => ({ path: `/lots/${id}` }),
      ),
  },
  "routes/lots.$lotId_.edit": {
    kind: HTML,
    plan: (ids, role) =>
      [ids.fleetDraft, ids.fleetOpenLot].map((id) => ({
        path: `/lots/${id}/edit`,
        boundary: role === "anonymous" || role === "fleet" ? undefined : 403,
      })),
  },
  "routes/lots.new": { kind: HTML, plan: onlyFor(["fleet"], "/lots/new") },
  "routes/lots.mine": { kind: HTML, plan: onlyFor(["fleet"], "/lots/mine") },
  "routes/lots.import": { kind: HTML, plan: onlyFor(["fleet"], "/lots/import") },
  "routes/lots.import_.$importId": {
    kind: HTML,
    plan: (ids, role) => [
      {
        path: `/lots/import/${ids.importId}`,
        boundary: role === "anonymous" || role === "fleet" ? undefined : 403,
      },
    ],
  },
  "routes/lots.import_.$importId.progress": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/import/${ids.importId}/progress` }],
  },
  "routes/lots.import.template[.]csv": { kind: RESOURCE, plan: page("/lots/import/template.csv") },
  "routes/lots.import.template[.]xlsx": { kind: RESOURCE, plan: page("/lots/import/template.xlsx") },
  "routes/lots.map-data": { kind: RESOURCE, plan: page("/lots/map-data") },
  "routes/lots.$lotId_.events": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.fleetOpenLot}/events` }],
  },
  "routes/lots.$lotId_.award": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.closedAuction}/award` }],
  },
  "routes/lots.$lotId_.bids": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.closedAuction}/bids` }],
  },
  "routes/lots.$lotId_.questions": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.fleetOpenLot}/questions` }],
  },
  "routes/lots.$lotId_.watch": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.fleetOpenLot}/watch` }],
  },
  "routes/lots.$lotId_.documents.$documentId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/lots/${ids.fleetOpenLot}/documents/${ids.documentId}` }],
  },
  "routes/facilities._index": {
    kind: HTML,
    plan: () => [{ path: "/facilities" }, { path: "/facilities?view=map" }],
  },
  "routes/facilities.new": { kind: HTML, plan: onlyFor(["recycler"], "/facilities/new") },
  "routes/facilities.$facilityId._index": {
    kind: HTML,
    plan: (ids) => [{ path: `/facilities/${ids.facility}` }],
  },
  "routes/facilities.$facilityId.capacity": {
    kind: HTML,
    plan: (ids, role) => [
      {
        path: `/facilities/${ids.facility}/capacity`,
        boundary: role === "anonymous" || role === "recycler" ? undefined : 403,
      },
    ],
  },
  "routes/facilities.$facilityId.edit": {
    kind: HTML,
    plan: (ids, role) => [
      {
        path: `/facilities/${ids.facility}/edit`,
        boundary: role === "anonymous" || role === "recycler" ? undefined : 403,
      },
    ],
  },
  "routes/facilities.map-data": { kind: RESOURCE, plan: page("/facilities/map-data") },
  "routes/organizations.$organizationId": {
    kind: HTML,
    plan: (ids) => [{ path: `/organizations/${ids.fleetOrganization}` }],
  },
  "routes/api.v1.openapi[.]json": { kind: RESOURCE, plan: page("/api/v1/openapi.json") },
  "routes/api.v1.economies": { kind: RESOURCE, plan: page("/api/v1/economies") },
  "routes/api.v1.lots": { kind: RESOURCE, plan: page("/api/v1/lots") },
  "routes/api.v1.lots.$lotId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/lots/${ids.closedAuction}` }],
  },
  "routes/api.v1.lots.$lotId.bids": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/lots/${ids.closedAuction}/bids` }],
  },
  "routes/api.v1.lots.$lotId.awards": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/lots/${ids.fleetAwardedLot}/awards` }],
  },
  "routes/api.v1.lots.$lotId.passport": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/lots/${ids.fleetOpenLot}/passport` }],
  },
  "routes/api.v1.lots.$lotId.custody": {
    kind: RESOURCE,
    plan: (ids) => [
      { path: `/api/v1/lots/${ids.fleetAwardedLot}/custody` },
      { path: `/api/v1/lots/${ids.fleetDraft}/custody` },
    ],
  },
  "routes/insights._index": { kind: HTML, plan: page("/insights", "/insights?chemistry=LFP&economy=AU") },
  "routes/insights[.]csv": {
    kind: RESOURCE,
    plan: page("/insights.csv?table=monthly", "/insights.csv?table=flows"),
  },
  "routes/transparency.anchors": { kind: HTML, plan: page("/transparency/anchors") },
  "routes/transparency.anchors[.]json": { kind: RESOURCE, plan: page("/transparency/anchors.json") },
  "routes/insights_.price-index._index": { kind: HTML, plan: page("/insights/price-index") },
  "routes/insights_.price-index.methodology": { kind: HTML, plan: page("/insights/price-index/methodology") },
  "routes/insights_.price-index[.]csv": { kind: RESOURCE, plan: page("/insights/price-index.csv") },
  "routes/insights_.scenarios._index": { kind: HTML, plan: page("/insights/scenarios") },
  "routes/insights_.scenarios.$scenarioId": {
    kind: HTML,
    plan: (ids) => [{ path: `/insights/scenarios/${ids.scenarioId}` }],
  },
  "routes/api.v1.price-index": { kind: RESOURCE, plan: page("/api/v1/price-index") },
  "routes/api.v1.scenarios": { kind: RESOURCE, plan: page("/api/v1/scenarios") },
  "routes/api.v1.scenarios.$scenarioId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/scenarios/${ids.scenarioId}` }],
  },
  "routes/admin.price-index": { kind: HTML, plan: onlyFor(["admin"], "/admin/price-index") },
  "routes/api.v1.lots.$lotId.$lotAction": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/lots/${ids.fleetOpenLot}/publish` }],
  },
  "routes/api.v1.bids.$bidId": { kind: RESOURCE, plan: (ids) => [{ path: `/api/v1/bids/${ids.bidId}` }] },
  "routes/api.v1.bids.$bidId.$decision": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/bids/${ids.bidId}/withdraw` }],
  },
  "routes/api.v1.awards.$awardId.$decision": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/awards/${ids.awardId}/confirm` }],
  },
  "routes/api.v1.facilities": { kind: RESOURCE, plan: page("/api/v1/facilities") },
  "routes/api.v1.facilities.$facilityId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/facilities/${ids.facility}` }],
  },
  "routes/api.v1.bookings": { kind: RESOURCE, plan: page("/api/v1/bookings") },
  "routes/api.v1.bookings.$bookingId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/bookings/${ids.bookingId}` }],
  },
  "routes/api.v1.bookings.$bookingId.$decision": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/bookings/${ids.bookingId}/accept` }],
  },
  "routes/api.v1.deals": { kind: RESOURCE, plan: page("/api/v1/deals") },
  "routes/api.v1.deals.$dealId": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/deals/${ids.dealId}` }],
  },
  "routes/api.v1.deals.$dealId.payments": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/deals/${ids.dealId}/payments` }],
  },
  // Dispute actions are POST only: a GET answers 405 for every role.
  "routes/api.v1.deals.$dealId.disputes": {
    kind: RESOURCE,
    plan: (ids) => [{ path: `/api/v1/deals/${ids.dealId}/disputes` }],
  },
  "routes/api.v1.deals.$dealId.disputes.$disputeId.proposals": {
    kind: RESOURCE,
    plan: (ids) => [
      { path: `/api/v1/deals/${ids.dealId}/disputes/01900000-0000-7000-8000-000000000000/proposals` },
    ],
  },
  "routes/api.v1.deals.$dealId.disputes.$disputeId.proposals.$proposalId.accept": {
    kind: RESOURCE,
    plan: (ids) => [
      {
        path: `/api/v1/deals/${ids.dealId}/disputes/01900000-0000-7000-8000-000000000000/proposals/01900000-0000-7000-8000-000000000000/accept`,
      },
    ],
  },
  "routes/api.v1.deals.$dealId.disputes.$disputeId.decision": {
    kind: RESOURCE,
    plan: (ids) => [
      { path: `/api/v1/deals/${ids.dealId}/disputes/01900000-0000-7000-8000-000000000000/decision` },
    ],
  },
  "routes/api.v1.quotes": { kind: RESOURCE, plan: page("/api/v1/quotes") },
  "routes/api.v1.allocation-plans": { kind: RESOURCE, plan: page("/api/v1/allocation-plans") },
  // Every member's own shipments; anonymous visitors are sent to log in.
  "routes/shipments._index": { kind: HTML, plan: page("/shipments", "/shipments?late=1") },
  // The map's data and the page's live stream: the member's own shipments, filtered as the page.
  "routes/shipments.map-data": {
    kind: RESOURCE,
    plan: page("/shipments/map-data", "/shipments/map-data?late=1"),
  },
  "routes/shipments.events": { kind: RESOURCE, plan: page("/shipments/events") },
  // A shipment the role is on; a role on none gets the 404 page (as anyone not on a shipment does).
  "routes/shipments.$shipmentId": {
    kind: HTML,
    plan: (ids, role) => {
      const own = ids.shipments[role];
      if (own) return [{ path: `/shipments/${own}` }];
      const missing = "/shipments/01900000-0000-7000-8000-000000000000";
      return [{ path: missing, boundary: role === "anonymous" ? undefined : 404 }];
    },
  },
  // The live stream: fetched like the other event streams (a 404 for a role not on the shipment).
  "routes/shipments.$shipmentId_.events": {
    kind: RESOURCE,
    plan: (ids, role) => [
      { path: `/shipments/${ids.shipments[role] ?? "01900000-0000-7000-8000-000000000000"}/events` },
    ],
  },
  // Certificates of recovery are public: the first seeded one (the demo seeds PL-COR-000001…3) and
  // a number that does not exist (the 404 page, for everyone).
  "routes/verify.$certificateNumber": {
    kind: HTML,
    plan: () => [{ path: "/verify/PL-COR-000001" }, { path: "/verify/PL-COR-999999", boundary: 404 }],
  },
  "routes/certificates.$file": {
    kind: RESOURCE,
    plan: page("/certificates/PL-COR-000001.pdf", "/certificates/PL-COR-999999.pdf"),
  },
  "routes/api.v1.certificates.$certificateNumber": {
    kind: RESOURCE,
    plan: page("/api/v1/certificates/PL-COR-000001", "/api/v1/certificates/nonsense"),
  },
  // A shipment's papers: its parties get the PDF; a role on no shipment gets 404 (never a 5xx).
  "routes/shipments.$shipmentId_.papers.$file": {
    kind: RESOURCE,
    plan: (ids, role) => [
      {
        path: `/shipments/${ids.shipments[role] ?? "01900000-0000-7000-8000-000000000000"}/papers/dangerous-goods.pdf`,
      },
      {
        path: `/shipments/${ids.shipments[role] ?? "01900000-0000-7000-8000-000000000000"}/papers/nonsense.pdf`,
      },
    ],
  },
  "routes/api.v1.shipments": { kind: RESOURCE, plan: page("/api/v1/shipments") },
  // Not on the shipment (or no such shipment): 404 for everyone, never a 5xx.
  "routes/api.v1.shipments.$shipmentId": {
    kind: RESOURCE,
    plan: page("/api/v1/shipments/01900000-0000-7000-8000-000000000000"),
  },
  "routes/api.v1.shipments.$shipmentId.milestones": {
    kind: RESOURCE,
    plan: page("/api/v1/shipments/01900000-0000-7000-8000-000000000000/milestones"),
  },
  // POST only: a GET answers 401 without credentials, else 405 (never a 5xx).
  "routes/api.v1.shipments.$shipmentId.carrier": {
    kind: RESOURCE,
    plan: page("/api/v1/shipments/01900000-0000-7000-8000-000000000000/carrier"),
  },
  "routes/api.v1.shipments.$shipmentId.consents": {
    kind: RESOURCE,
    plan: (ids, role) => [
      { path: `/api/v1/shipments/${ids.shipments[role] ?? "01900000-0000-7000-8000-000000000000"}/consents` },
    ],
  },
  // The organisation's own verification (ADR 050): members read it, anonymous gets 401; the request
  // is POST only (405 to a GET).
  "routes/api.v1.verification": { kind: RESOURCE, plan: page("/api/v1/verification") },
  "routes/api.v1.verification.documents": { kind: RESOURCE, plan: page("/api/v1/verification/documents") },
  "routes/api.v1.verification.request": { kind: RESOURCE, plan: page("/api/v1/verification/request") },
  // A milestone's evidence file: the demo has none, so 404 for everyone on or off the shipment.
  "routes/shipments.$shipmentId_.evidence.$evidenceId": {
    kind: RESOURCE,
    plan: (ids, role) => [
      {
        path: `/shipments/${ids.shipments[role] ?? "01900000-0000-7000-8000-000000000000"}/evidence/01900000-0000-7000-8000-000000000000`,
      },
    ],
  },
};

/** The route ids of app/routes, as Remix's route config (app/routes.ts) makes them. */
async function appRouteIds(): Promise<string[]> {
  // flatRoutes() reads the app directory from where the Remix Vite plugin would have put it.
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = path.resolve(
    import.meta.dirname,
    "../../app",
  );
  const { default: config } = await import("../../app/routes.ts");
  const ids: string[] = [];
  const walk = (entries: Array<{ id?: string; file: string; children?: unknown[] }>) => {
    for (const entry of entries) {
      ids.push(entry.id ?? entry.file.replace(/\.[jt]sx?$/, ""));
      if (entry.children) walk(entry.children as typeof entries);
    }
  };
  walk(await config);
  return ids;
}

// --- The demo's ids, read through the app's own API and pages with each role's cookies ---

const { session, getJson, dispose } = demoSessions();

async function getHtml(role: Role, pathname: string): Promise<string> {
  const response = await (await session(role)).get(pathname);
  expect(response.status(), `GET ${pathname} as ${role}`).toBe(200);
  return response.text();
}

type LotsPage = { lots: Array<{ id: string; sellerOrganizationId: string; bidCount: number }> };

/** The token of the newest email link `/${kind}/…` after `recipient` in the admin's outbox. */
async function outboxToken(recipient: string, kind: "invitations" | "reset-password"): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const html = await getHtml("admin", "/admin/outbox");
    const at = html.indexOf(recipient);
    const match = at < 0 ? null : new RegExp(`/${kind}/([A-Za-z0-9_-]{16,})`).exec(html.slice(at));
    if (match) return match[1];
    if (Date.now() > deadline) throw new Error(`no ${kind} email to ${recipient} in /admin/outbox`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function findDemoIds(): Promise<DemoIds> {
  const lots = new Map<string, string>();
  for (const status of ["open", "closed", "awarded"]) {
    for (const saleMode of ["auction", "sealed", "fixed"]) {
      const found = await getJson<LotsPage>(
        "buyer",
        `/api/v1/lots?status=${status}&saleMode=${saleMode}&limit=1`,
      );
      if (found.lots[0]) lots.set(`${status}/${saleMode}`, found.lots[0].id);
    }
  }
  const closedAuction = lots.get("closed/auction");
  if (!closedAuction) throw new Error("the demo data has no closed auction");

  const drafts = await getJson<LotsPage>("fleet", "/api/v1/lots?status=draft&limit=1");
  const fleetDraft = drafts.lots[0].id;
  const fleetOrganization = drafts.lots[0].sellerOrganizationId;
  // Without bids where the page allows: a lot with bids can no longer be edited (409 by design).
  const own = async (status: string) => {
    const found = await getJson<LotsPage>("fleet", `/api/v1/lots?status=${status}&limit=500`);
    const mine = found.lots.filter((l) => l.sellerOrganizationId === fleetOrganization);
    const lot = mine.find((l) => l.bidCount === 0) ?? mine[0];
    if (!lot) throw new Error(`the demo fleet has no ${status} lot`);
    return lot.id;
  };
  const fleetOpenLot = await own("open");
  const fleetAwardedLot = await own("awarded");
  const awards = await getJson<{ awards: Array<{ id: string }> }>(
    "fleet",
    `/api/v1/lots/${fleetAwardedLot}/awards`,
  );
  const bids = await getJson<{ bids: Array<{ id: string }> }>(
    "fleet",
    `/api/v1/lots/${fleetAwardedLot}/bids`,
  );
  const bookings = await getJson<{ bookings: Array<{ id: string; facility: { id: string } }> }>(
    "recycler",
    "/api/v1/bookings",
  );

  const deals = await getJson<{ deals: Array<{ id: string }> }>(
    "buyer",
    "/api/v1/deals?role=payer&status=awaiting_payment",
  );
  const dealId = deals.deals[0]?.id;
  if (!dealId) throw new Error("the demo buyer has no deal awaiting payment");
  const dealViewers = new Set<Role>();
  for (const role of ROLES.filter((r) => r !== "anonymous")) {
    const response = await (await session(role)).get(`/api/v1/deals/${dealId}`);
    if (response.status() === 200) dealViewers.add(role);
  }

  // The demo's disputed deal and its evidence file, as the buyer (the payer who disputed it) reads them.
  const disputed = await getJson<{ deals: { id: string }[] }>("buyer", "/api/v1/deals?status=disputed");
  const disputedDeal = disputed.deals[0]?.id;
  if (!disputedDeal) throw new Error("the demo buyer has no disputed deal");
  const withDisputes = await getJson<{ disputes?: { evidence: { url: string }[] }[] }>(
    "buyer",
    `/api/v1/deals/${disputedDeal}`,
  );
  const evidencePath = withDisputes.disputes?.[0]?.evidence[0]?.url;
  if (!evidencePath) throw new Error("the demo's dispute has no evidence file");

  const fleet = await session("fleet");
  // An import of one lot, as the import page's form sends it.
  const imported = await fleet.post("/lots/import", {
    multipart: {
      file: {
        name: "smoke.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(gridToCsv(lotGrid(1, todayUtc()))),
      },
      publish: "draft",
      intent: "check",
    },
    maxRedirects: 0,
  });
  const importId = new RegExp(`/lots/import/(${UUID})`).exec(imported.headers().location ?? "")?.[1];
  if (!importId) throw new Error(`the import answered ${imported.status()}: ${await imported.text()}`);
  // A "what if" saved by the fleet, as the scenarios form sends it.
  const saved = await fleet.post("/insights/scenarios", {
    form: { intent: "save", name: "Smoke: dearer CO2", co2Price: "250" },
    maxRedirects: 0,
  });
  const scenarioId = new RegExp(`/insights/scenarios/(${UUID})`).exec(saved.headers().location ?? "")?.[1];
  if (!scenarioId) throw new Error(`saving a scenario answered ${saved.status()}: ${await saved.text()}`);
  // A document on the fleet's open lot, as the lot page's upload form sends it.
  const uploaded = await fleet.post(`/lots/${fleetOpenLot}`, {
    multipart: {
      intent: "upload",
      doc_soh_report: {
        name: "soh.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n% state of health 80 %\n%%EOF\n"),
      },
    },
    maxRedirects: 0,
  });
  expect(uploaded.status(), "upload a document").toBeLessThan(400);
  const lotHtml = await getHtml("fleet", `/lots/${fleetOpenLot}`);
  const documentId = new RegExp(`/lots/${fleetOpenLot}/documents/(${UUID})`).exec(lotHtml)?.[1];
  if (!documentId) throw new Error("the uploaded document is not linked from its lot page");
  // A question from the buyer notifies the fleet.
  const asked = await (await session("buyer")).post(`/lots/${fleetOpenLot}/questions`, {
    form: { intent: "ask", question: "Are the packs stored indoors?" },
    maxRedirects: 0,
  });
  expect(asked.status(), "ask a question").toBe(302);
  const notificationId = new RegExp(`/notifications/(${UUID})`).exec(
    await getHtml("fleet", "/notifications"),
  )?.[1];
  if (!notificationId) throw new Error("the fleet has no notification to open");
  // An invitation from the fleet, and a password reset asked for the buyer.
  const invitee = `${unique("smoke-invitee")}@example.test`;
  const invited = await fleet.post("/settings/organization", {
    form: { intent: "invite", email: invitee, role: "member" },
  });
  expect(invited.status(), "invite a member").toBe(200);
  const shipments: Partial<Record<Role, string>> = {};
  for (const role of ["fleet", "recycler", "buyer", "admin"] as const) {
    const listed = (await (await (await session(role)).get("/api/v1/shipments")).json()) as {
      shipments: { id: string }[];
    };
    if (listed.shipments[0]) shipments[role] = listed.shipments[0].id;
  }
  const reset = await (await session("anonymous")).post("/forgot-password", {
    form: { email: DEMO_ACCOUNTS.buyer },
  });
  expect(reset.status(), "ask for a password reset").toBeLessThan(400);

  return {
    lots,
    closedAuction,
    fleetDraft,
    fleetOpenLot,
    fleetAwardedLot,
    awardId: awards.awards[0].id,
    bidId: bids.bids[0].id,
    facility: bookings.bookings[0].facility.id,
    fleetOrganization,
    bookingId: bookings.bookings[0].id,
    importId,
    scenarioId,
    notificationId,
    documentId,
    invitationToken: await outboxToken(invitee, "invitations"),
    resetToken: await outboxToken(DEMO_ACCOUNTS.buyer, "reset-password"),
    dealId,
    dealViewers,
    disputedDealId: disputedDeal,
    evidencePath,
    shipments,
  };
}

// --- Opening the pages ---

/** Waits until React has hydrated the page and run its effects (where the award panel once threw). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))),
      ),
  );
}

/** GET as the role, without following redirects; an event stream's body is never read. */
async function httpGet(role: Role, pathname: string): Promise<{ status: number; location: string }> {
  const { cookies } = await (await session(role)).storageState();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const response = await fetch(new URL(pathname, `${baseUrl()}/`), {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

/**
 * One page as the role: over HTTP first (no 5xx; an expected refusal has its status; a visitor who
 * must log in is sent to /login), then — for a page the role may see — in the browser, until React
 * has hydrated it and run its effects, where it must show exactly the error page expected (none).
 */
async function checkPage(page: Page, role: Role, visit: Visit): Promise<string[]> {
  const answer = await httpGet(role, visit.path);
  if (answer.status >= 500) return [`${visit.path} answered ${answer.status}`];
  if (visit.boundary !== undefined && !visit.inBrowser) {
    return answer.status === visit.boundary
      ? []
      : [`${visit.path} answered ${answer.status}, expected ${visit.boundary}`];
  }
  if (role === "anonymous" && answer.status === 302 && answer.location.startsWith("/login")) return [];

  const problems: string[] = [];
  browserViews++;
  const response = await page.goto(visit.path, { waitUntil: "load" });
  const status = response?.status() ?? 0;
  if (status >= 500) problems.push(`${visit.path} answered ${status} in the browser`);
  await hydrated(page);
  const boundary = await page.evaluate(
    () => document.querySelector("[data-error-boundary]")?.getAttribute("data-error-boundary") ?? null,
  );
  const shown = boundary === null ? undefined : Number(boundary);
  if (shown !== visit.boundary) {
    const what = shown === undefined ? "no error page" : `error page ${shown}`;
    problems.push(`${visit.path} showed ${what}, expected ${visit.boundary ?? "none"}`);
  }
  return problems;
}

async function fetchResource(role: Role, visit: Visit): Promise<string[]> {
  const { status } = await httpGet(role, visit.path);
  return status >= 500 ? [`${visit.path} answered ${status}`] : [];
}

let browserViews = 0;

// Pages opened side by side in the role's one context: a page view mostly waits on the server.
const TABS = 3;

let ids: DemoIds;

beforeAll(async () => {
  ids = await findDemoIds();
}, 120_000);

afterAll(async () => {
  await dispose();
});

describe("smoke: every route as every demo role", () => {
  test("every route of app/routes has an entry here (a page to open or a resource to fetch)", async () => {
    const routeIds = await appRouteIds();
    expect(routeIds.length).toBeGreaterThan(40);
    const missing = routeIds.filter((id) => id !== "root" && !(id in ROUTES));
    expect(missing, "routes with no smoke entry: add them to ROUTES in tests/e2e/smoke.test.ts").toEqual([]);
    const stale = Object.keys(ROUTES).filter((id) => !routeIds.includes(id));
    expect(stale, "smoke entries for routes that no longer exist").toEqual([]);
  });

  test.each(ROLES)(
    "every page and resource as %s",
    async (role) => {
      const { context } = browser;
      // The refusals ROUTES expects; openPage checks each visit shows exactly the one it expects.
      browser.allowErrorBoundary(403, 404);
      if (role !== "anonymous") {
        const cookies = await (await session(role)).storageState();
        await context.addCookies(cookies.cookies);
      }
      const problems: string[] = [];
      const report = (routeId: string, found: string[]) =>
        problems.push(...found.map((problem) => `${routeId} as ${role}: ${problem}`));
      const started = Date.now();
      browserViews = 0;
      const pageVisits: Array<{ routeId: string; visit: Visit }> = [];
      for (const [routeId, route] of Object.entries(ROUTES)) {
        for (const visit of route.plan(ids, role)) {
          if (route.kind === HTML) pageVisits.push({ routeId, visit });
          else report(routeId, await fetchResource(role, visit));
        }
      }
      const pages = pageVisits.length;
      const tabs = [
        browser.page,
        ...(await Promise.all(Array.from({ length: TABS - 1 }, () => context.newPage()))),
      ];
      await Promise.all(
        tabs.map(async (tab) => {
          for (let next = pageVisits.shift(); next; next = pageVisits.shift()) {
            report(next.routeId, await checkPage(tab, role, next.visit));
          }
        }),
      );
      process.stdout.write(
        `[e2e] smoke as ${role}: ${pages} pages (${browserViews} opened in Chromium) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      expect(problems).toEqual([]);
    },
    180_000,
  );
});
