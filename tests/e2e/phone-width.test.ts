// Packloop on a phone (390 × 844, an iPhone 12–15): every main page, opened as each demo role that
// uses it, must fit the screen — the document may not scroll sideways (ADR 041). Wide tables turn
// into stacked cards or scroll inside themselves, the /lots and /facilities filters fold into a
// drawer, the header's links into a "Menu". Also: that menu opens by keyboard and by tap (and
// without JavaScript), the /lots drawer opens and applies a filter, and at 1280 px the recycler's
// booking requests show their Decline button without a sideways scroll.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setupBrowser } from "./browser.ts";
import { demoSessions, type Role } from "./demo-sessions.ts";

const browser = setupBrowser();

const PHONE = { width: 390, height: 844 };
const ROLES: Role[] = ["anonymous", "fleet", "recycler", "buyer", "carrier", "admin"];

// --- Sessions and the demo's ids, read through the JSON API ---

const { session, getJson, dispose } = demoSessions();

type ApiLot = { id: string; sellerOrganizationId: string; bidCount: number };
type ApiBooking = { id: string; status: string; facility: { id: string } };

interface DemoIds {
  /** An open auction with bids (the public bid ladder). */
  biddedAuction: string;
  /** A closed auction. */
  closedAuction: string;
  /** A lot of the demo fleet's with bids (the seller's ladder on its own lot). */
  fleetLotWithBids: string;
  /** The demo recycler's facility with a booking request waiting. */
  facility: string;
  deal: string | null;
  shipment: Partial<Record<Role, string>>;
}

async function findDemoIds(): Promise<DemoIds> {
  const open = await getJson<{ lots: ApiLot[] }>(
    "buyer",
    "/api/v1/lots?status=open&saleMode=auction&limit=100",
  );
  const biddedAuction = open.lots.find((lot) => lot.bidCount > 0)?.id;
  if (!biddedAuction) throw new Error("the demo data has no open auction with bids");
  const closed = await getJson<{ lots: ApiLot[] }>(
    "buyer",
    "/api/v1/lots?status=closed&saleMode=auction&limit=1",
  );
  const drafts = await getJson<{ lots: ApiLot[] }>("fleet", "/api/v1/lots?status=draft&limit=1");
  const fleetOrganization = drafts.lots[0].sellerOrganizationId;
  let fleetLotWithBids: string | undefined;
  for (const status of ["open", "closed", "awarded"]) {
    const found = await getJson<{ lots: ApiLot[] }>("fleet", `/api/v1/lots?status=${status}&limit=500`);
    fleetLotWithBids ??= found.lots.find(
      (l) => l.sellerOrganizationId === fleetOrganization && l.bidCount > 0,
    )?.id;
  }
  if (!fleetLotWithBids) throw new Error("the demo fleet has no lot with bids");
  const bookings = await getJson<{ bookings: ApiBooking[] }>("recycler", "/api/v1/bookings");
  const requested = bookings.bookings.find((b) => b.status === "requested");
  if (!requested) throw new Error("the demo recycler has no booking request waiting");
  const deals = await getJson<{ deals: { id: string }[] }>("buyer", "/api/v1/deals");
  const shipment: Partial<Record<Role, string>> = {};
  for (const role of ["fleet", "recycler", "buyer", "carrier"] as const) {
    const listed = await getJson<{ shipments: { id: string }[] }>(role, "/api/v1/shipments");
    if (listed.shipments[0]) shipment[role] = listed.shipments[0].id;
  }
  return {
    biddedAuction,
    closedAuction: closed.lots[0].id,
    fleetLotWithBids,
    facility: requested.facility.id,
    deal: deals.deals[0]?.id ?? null,
    shipment,
  };
}

/** The main pages each role uses (what its header links to, and the pages those lead to). */
function pagesFor(ids: DemoIds, role: Role): string[] {
  const everyone = [
    "/",
    "/lots",
    "/lots?view=both",
    "/lots?view=map",
    "/facilities",
    "/facilities?view=map",
    `/lots/${ids.biddedAuction}`,
    `/lots/${ids.closedAuction}`,
    `/facilities/${ids.facility}`,
    "/quote",
    "/insights",
    "/insights/price-index",
    "/transparency/anchors",
    "/verify/PL-COR-000001",
  ];
  if (role === "anonymous") return [...everyone, "/login", "/signup", "/forgot-password"];
  const members = [
    ...everyone,
    "/dashboard",
    "/plan",
    "/deals",
    "/shipments",
    "/notifications",
    "/watchlist",
    "/searches",
    "/settings/organization",
    "/insights/scenarios",
  ];
  const own = ids.shipment[role] ? [`/shipments/${ids.shipment[role]}`] : [];
  switch (role) {
    case "fleet":
      return [
        ...members,
        ...own,
        "/lots/mine",
        "/lots/new",
        "/lots/import",
        "/bookings",
        `/lots/${ids.fleetLotWithBids}`,
      ];
    case "recycler":
      return [
        ...members,
        ...own,
        "/bids",
        "/bookings",
        "/facilities/new",
        `/facilities/${ids.facility}/capacity`,
        `/facilities/${ids.facility}/edit`,
      ];
    case "buyer":
      return [...members, ...own, "/bids", ...(ids.deal ? [`/deals/${ids.deal}`] : [])];
    case "carrier":
      return [...members, ...own];
    case "admin":
      return [
        ...members,
        "/admin/deals",
        "/admin/outbox",
        "/admin/prices",
        "/admin/factors",
        "/admin/price-index",
      ];
  }
}

// --- Measuring a page ---

/** Waits until React has hydrated the page and run its effects (maps draw in effects). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100))),
      ),
  );
}

/**
 * How wide the document is against the window, and — when it is too wide — the outermost elements
 * that stick out past the right edge (not counting those inside a box that scrolls or clips).
 */
function measureWidth(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (scrollWidth > viewport) {
      const contained = (element: Element) => {
        for (let box = element.parentElement; box; box = box.parentElement) {
          if (getComputedStyle(box).overflowX !== "visible" && box.getBoundingClientRect().right <= viewport)
            return true;
        }
        return false;
      };
      for (const element of Array.from(document.body.querySelectorAll("*"))) {
        const right = element.getBoundingClientRect().right;
        const parentRight = element.parentElement?.getBoundingClientRect().right ?? 0;
        if (right <= viewport + 0.5 || parentRight > viewport + 0.5 || contained(element)) continue;
        const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/) : [];
        const name = [element.tagName.toLowerCase(), ...classes.filter(Boolean)].join(".");
        const testId = element.getAttribute("data-testid");
        culprits.push(`${name}${testId ? `[data-testid=${testId}]` : ""} reaches ${Math.round(right)} px`);
        if (culprits.length === 5) break;
      }
    }
    return { scrollWidth, viewport, culprits };
  });
}

async function phoneContext(role: Role, options: { hasTouch?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  if (role !== "anonymous") await context.addCookies((await (await session(role)).storageState()).cookies);
  return context;
}

let ids: DemoIds;

beforeAll(async () => {
  ids = await findDemoIds();
}, 120_000);

afterAll(async () => {
  await dispose();
});

describe("phones (390 × 844)", () => {
  // Two tabs side by side: a page view mostly waits on the server.
  const TABS = 2;

  test.each(ROLES)(
    "no main page scrolls sideways as %s",
    async (role) => {
      const context = await phoneContext(role);
      const queue = pagesFor(ids, role);
      const visited = queue.length;
      const problems: string[] = [];
      const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
      await Promise.all(
        tabs.map(async (tab) => {
          for (let path = queue.shift(); path; path = queue.shift()) {
            const response = await tab.goto(path, { waitUntil: "load" });
            expect(response?.status() ?? 0, `GET ${path} as ${role}`).toBeLessThan(400);
            await hydrated(tab);
            const { scrollWidth, viewport, culprits } = await measureWidth(tab);
            expect(viewport, "the window is a phone's").toBe(PHONE.width);
            if (scrollWidth > viewport) {
              problems.push(`${path} as ${role} is ${scrollWidth} px wide: ${culprits.join("; ")}`);
            }
          }
        }),
      );
      expect(visited).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    },
    240_000,
  );

  test("the header's menu opens by keyboard and by tap, and closes after a navigation", async () => {
    const context = await phoneContext("buyer", { hasTouch: true });
    const page = await context.newPage();
    await page.goto("/dashboard");
    await hydrated(page);
    const menu = page.locator("details.site-menu");
    const toggle = page.locator("summary.site-menu-toggle");
    const deals = page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Deals", exact: true });
    expect(await toggle.isVisible()).toBe(true);
    expect(await deals.isVisible()).toBe(false);
    // The bell stays in the bar beside the toggle.
    expect(await page.locator("a.notification-bell").isVisible()).toBe(true);
    // The header fits in one row of a phone.
    const header = await page.locator(".site-header").boundingBox();
    expect(header?.height ?? 0).toBeLessThan(80);

    // Keyboard: Tab reaches the toggle, Enter opens it, Escape closes it and keeps the focus there.
    await page.locator("body").focus();
    for (let i = 0; i < 5 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    expect(await toggle.evaluate((el) => el === document.activeElement), "Tab reaches the Menu toggle").toBe(
      true,
    );
    await page.keyboard.press("Enter");
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await deals.isVisible()).toBe(true);
    expect((await measureWidth(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press("Escape");
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await deals.isVisible()).toBe(false);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    // Tap: opens; tapping a link goes there and folds the menu again.
    await toggle.tap();
    expect(await deals.isVisible()).toBe(true);
    await deals.tap();
    await page.waitForURL(/\/deals$/);
    await expect.poll(() => deals.isVisible()).toBe(false);
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
  });

  test("the header's menu works without JavaScript too", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    const login = page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Log in", exact: true });
    expect(await login.isVisible()).toBe(false);
    await page.locator("summary.site-menu-toggle").click();
    expect(await login.isVisible()).toBe(true);
    await login.click();
    await page.waitForURL(/\/login$/);
    // The filters' drawer too: open it, tick a box, submit the form.
    await page.goto("/lots");
    const lfp = page.getByRole("checkbox", { name: "LFP", exact: true });
    expect(await lfp.isVisible()).toBe(false);
    await page.locator("summary.browse-drawer-toggle").click();
    await lfp.check();
    await page.getByRole("button", { name: "Apply filters", exact: true }).click();
    await page.waitForURL(/chemistry=LFP/);
    const chemistries = await page
      .getByTestId("lot-list")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chemistry")));
    expect(chemistries.length).toBeGreaterThan(0);
    expect(new Set(chemistries)).toEqual(new Set(["LFP"]));
  });

  test("the /lots filters fold into a drawer that opens and applies a filter", async () => {
    const context = await phoneContext("anonymous", { hasTouch: true });
    const page = await context.newPage();
    await page.goto("/lots");
    await hydrated(page);
    const count = async () =>
      Number(((await page.getByTestId("result-count").textContent()) ?? "").replace(/[^0-9]/g, ""));
    const before = await count();
    const lfp = page.getByRole("checkbox", { name: "LFP", exact: true });
    const toggle = page.locator("summary.browse-drawer-toggle");
    expect(await lfp.isVisible()).toBe(false);
    // Closed, the drawer is one line above the results.
    const closed = await toggle.boundingBox();
    expect(closed?.height ?? 0).toBeLessThan(60);
    await toggle.tap();
    expect(await lfp.isVisible()).toBe(true);
    expect((await measureWidth(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await lfp.tap();
    await page.waitForURL(/chemistry=LFP/);
    await page.waitForFunction(
      (n) => !document.querySelector("[data-testid=result-count]")?.textContent?.startsWith(`${n} `),
      before,
    );
    const after = await count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const chemistries = await page
      .getByTestId("lot-list")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chemistry")));
    expect(chemistries.length).toBe(Math.min(after, 25));
    expect(new Set(chemistries)).toEqual(new Set(["LFP"]));
    expect((await measureWidth(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  });
});

describe("booking requests on a desktop (1280 px)", () => {
  test("each request's Decline button shows without scrolling sideways", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies((await (await session("recycler")).storageState()).cookies);
    const page = await context.newPage();
    await page.goto(`/facilities/${ids.facility}/capacity`);
    await hydrated(page);
    const rows = page.getByTestId("booking-request");
    expect(await rows.count()).toBeGreaterThan(0);
    const scroller = page.locator(".table-scroll:has([data-testid=booking-request])");
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth, "the requests' table fits its card").toBeLessThanOrEqual(clientWidth);
    const card = await scroller.boundingBox();
    for (const row of await rows.all()) {
      const decline = row.getByRole("button", { name: "Decline", exact: true });
      expect(await decline.isVisible()).toBe(true);
      const box = await decline.boundingBox();
      expect(box, "Decline has a box").not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
    }
  });
});
