// Helpers for e2e tests: Debian's Chromium driven by playwright-core (no browser downloads), one
// browser per test file, a fresh context (cookies, storage) per test, screenshots of failed tests in
// test-results/, and the usual moves (log in, sign up, read the outbox).
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
import { chromiumPath, RESULTS_DIR } from "./global-setup.ts";

export const DEMO_PASSWORD = "packloop-demo";
export const DEMO_ACCOUNTS = {
  fleet: "fleet@packloop.test",
  recycler: "recycler@packloop.test",
  buyer: "buyer@packloop.test",
  admin: "admin@packloop.test",
  carrier: "carrier@packloop.test",
} as const;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ACTION_TIMEOUT_MS = 15_000;
const NAVIGATION_TIMEOUT_MS = 30_000;

/** The running server's origin, e.g. http://localhost:41234 (no trailing slash). */
export function baseUrl(): string {
  return inject("e2eBaseUrl");
}

/** An absolute URL on the server under test. */
export function url(pathname: string): string {
  return new URL(pathname, `${baseUrl()}/`).toString();
}

export function launchBrowser(): Promise<Browser> {
  // playwright adds its own --headless/--no-sandbox too; duplicates are harmless.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** A unique, lowercase token for emails and names, so tests never collide with each other or demo data. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface BrowserFixture {
  /** The current test's context and a page in it (fresh for every test). */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Another fresh context (a second person, or a cookie-less visitor), closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new fresh context. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * Lets the current test render the app's error page with these statuses (a 404 it visits on
   * purpose, a 403 it expects); any other error page still fails the test.
   */
  allowErrorBoundary(...statuses: number[]): void;
}

// "Failed to load resource: … status of 400/404" is the browser reporting an answer a test asked for.
const EXPECTED_CONSOLE_ERRORS = [/^Failed to load resource: the server responded with a status of 4\d\d/];

// The app's error boundaries (app/root.tsx) render `data-error-boundary="<status>"`. React may or may
// not log what a boundary caught (a thrown 4xx/5xx Response is rendered silently, on the server or
// after a client navigation), so the DOM is the reliable witness: this script, run in every document
// before the page's own scripts, reports each boundary element as it appears — in the server's HTML
// or rendered after hydration — through the binding below.
const ERROR_BOUNDARY_BINDING = "__e2eErrorBoundary";
const ERROR_BOUNDARY_SCRIPT = `(() => {
  const seen = new WeakSet();
  const scan = () => {
    for (const element of document.querySelectorAll("[data-error-boundary]")) {
      if (seen.has(element)) continue;
      seen.add(element);
      const heading = element.querySelector("h1");
      window.${ERROR_BOUNDARY_BINDING}?.(element.getAttribute("data-error-boundary"), heading ? heading.textContent : "");
    }
  };
  new MutationObserver(scan).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-error-boundary"],
  });
  document.addEventListener("DOMContentLoaded", scan);
})();`;

interface BoundarySeen {
  url: string;
  status: number;
  title: string;
}

/** Error pages open right now in a context's pages (the final check, should a report still be in flight). */
async function boundariesOnScreen(contexts: BrowserContext[]): Promise<BoundarySeen[]> {
  const found: BoundarySeen[] = [];
  for (const context of contexts) {
    for (const page of context.pages()) {
      const here = await page
        .$$eval("[data-error-boundary]", (elements) =>
          elements.map((element) => ({
            status: Number(element.getAttribute("data-error-boundary")),
            title: (element.querySelector("h1")?.textContent ?? "").trim(),
          })),
        )
        .catch(() => []);
      for (const boundary of here) found.push({ url: page.url(), ...boundary });
    }
  }
  return found;
}

export interface SetupOptions {
  /** Console errors this file's pages may log. */
  allowConsoleErrors?: RegExp[];
  /** Statuses of error pages every test in this file may render (see BrowserFixture.allowErrorBoundary). */
  allowErrorBoundary?: number[];
}

/**
 * Registers the hooks of a test file: one Chromium for the file, a fresh context and page for each
 * test, and a screenshot of every open page when a test fails. A test also fails when a page threw
 * an uncaught exception, logged an error (a CSP violation, a hydration mismatch) that it did not
 * expect — pass `allowConsoleErrors` to tolerate some — or showed the app's error page (an error
 * boundary) with a status it did not allow (`allowErrorBoundary`).
 */
export function setupBrowser(options: SetupOptions = {}): BrowserFixture {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let current: { context: BrowserContext; page: Page } | undefined;
  let pageErrors: string[] = [];
  let boundaries: BoundarySeen[] = [];
  let allowedBoundaries = new Set<number>(options.allowErrorBoundary ?? []);
  const allowed = [...EXPECTED_CONSOLE_ERRORS, ...(options.allowConsoleErrors ?? [])];

  const watch = (page: Page) => {
    page.on("pageerror", (error) => pageErrors.push(`uncaught exception on ${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (!allowed.some((pattern) => pattern.test(text)))
        pageErrors.push(`console error on ${page.url()}: ${text}`);
    });
  };

  const newContext = async (options: BrowserContextOptions = {}) => {
    if (!browser) throw new Error("the browser is not running (setupBrowser hooks did not run)");
    const context = await browser.newContext({ baseURL: baseUrl(), ...options });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    context.on("page", watch);
    await context.exposeBinding(ERROR_BOUNDARY_BINDING, ({ page }, status: string, title: string) => {
      boundaries.push({ url: page.url(), status: Number(status), title: title.trim() });
    });
    await context.addInitScript({ content: ERROR_BOUNDARY_SCRIPT });
    contexts.push(context);
    return context;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const context = await newContext();
    current = { context, page: await context.newPage() };
  });
  afterEach(async (ctx) => {
    const errors = pageErrors;
    pageErrors = [];
    const shown = [...boundaries, ...(await boundariesOnScreen(contexts))];
    boundaries = [];
    const seen = new Set<string>();
    for (const boundary of shown) {
      const line = `error page ${boundary.status} "${boundary.title}" on ${boundary.url}`;
      if (allowedBoundaries.has(boundary.status) || seen.has(line)) continue;
      seen.add(line);
      errors.push(line);
    }
    allowedBoundaries = new Set(options.allowErrorBoundary ?? []);
    const failed = ctx.task.result?.state === "fail" || errors.length > 0;
    if (failed) await screenshotAll(contexts, ctx.task.name);
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    contexts = [];
    current = undefined;
    if (errors.length > 0) throw new Error(`The browser reported errors:\n${errors.join("\n")}`);
  });

  return {
    get context() {
      if (!current) throw new Error("no browser context outside a test");
      return current.context;
    },
    get page() {
      if (!current) throw new Error("no page outside a test");
      return current.page;
    },
    newContext,
    async newPage(options) {
      return (await newContext(options)).newPage();
    },
    allowErrorBoundary(...statuses) {
      for (const status of statuses) allowedBoundaries.add(status);
    },
  };
}

async function screenshotAll(contexts: BrowserContext[], testName: string) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const slug = testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
  let n = 0;
  for (const context of contexts) {
    for (const page of context.pages()) {
      n++;
      const file = path.join(RESULTS_DIR, `${slug}-${n}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => {});
      process.stderr.write(`[e2e] screenshot of ${page.url()} → ${path.relative(process.cwd(), file)}\n`);
    }
  }
}

/** The submit button of the form that holds a field named `field`. */
function formButton(page: Page, field: string, button: string) {
  return page.locator(`form:has([name="${field}"])`).getByRole("button", { name: button, exact: true });
}

/** Fills the log-in form and submits it; does not wait for the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  // The form's own submit button, not its label: the page speaks the browser's language (issue 14).
  await page.locator('form:has([name="password"]) button[type="submit"]').click();
}

/** Logs in and waits for the dashboard. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitLogin(page, email, password);
  await page.waitForURL(/\/dashboard(?:[?#]|$)/);
}

/** Clicks the header's "Log out" button and waits until the session is gone. */
export async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect.poll(() => page.getByRole("button", { name: "Log out", exact: true }).count()).toBe(0);
}

export interface SignUp {
  name: string;
  email: string;
  password: string;
  organizationName: string;
  economy?: string;
  capabilities?: Array<"seller" | "recycler" | "buyer">;
}

export function newAccount(prefix = "e2e"): Required<SignUp> {
  const id = unique(prefix);
  return {
    name: `Tess ${id}`,
    email: `${id}@example.test`,
    password: `pw-${id}-Long!`,
    organizationName: `Org ${id}`,
    economy: "KR",
    capabilities: ["seller"],
  };
}

/** Fills the sign-up form and submits it; does not wait for the outcome. */
export async function submitSignUp(page: Page, account: SignUp) {
  await page.goto("/signup");
  await page.locator('input[name="name"]').fill(account.name);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('input[name="organizationName"]').fill(account.organizationName);
  await page.locator('select[name="economy"]').selectOption(account.economy ?? "KR");
  for (const capability of account.capabilities ?? ["seller"]) {
    await page.locator(`input[name="capabilities"][value="${capability}"]`).check();
  }
  await formButton(page, "organizationName", "Create account").click();
}

/**
 * Signs up a new organisation, confirms its email with the link from the outbox (read by the
 * platform admin in a context of its own) and waits for the new account's dashboard.
 */
export async function signUp(page: Page, account: SignUp) {
  await submitSignUp(page, account);
  await expect.poll(() => page.getByRole("heading", { name: "Check your email" }).count()).toBe(1);
  const browser = page.context().browser();
  if (!browser) throw new Error("signUp needs a page of a launched browser");
  const adminContext = await browser.newContext({ baseURL: baseUrl() });
  adminContext.setDefaultTimeout(ACTION_TIMEOUT_MS);
  adminContext.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  let link: string;
  try {
    const admin = await adminContext.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    link = await readEmailLink(admin, account.email, "/verify-email/");
  } finally {
    await adminContext.close();
  }
  await confirmEmailLink(page, link);
}

/** Opens an email's verification link, confirms it and waits for the dashboard. */
export async function confirmEmailLink(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email", exact: true }).click();
  await page.waitForURL(/\/dashboard(?:[?#]|$)/);
}

/**
 * Logs in as the platform admin in a fresh context, opens /admin/outbox and returns the first URL
 * with `pathPart` (e.g. "/invitations/") in the smallest element that also names `recipient`:
 * that element is the one email, not the whole list.
 */
export async function findEmailLink(fixture: BrowserFixture, recipient: string, pathPart: string) {
  const admin = await fixture.newPage();
  await login(admin, DEMO_ACCOUNTS.admin);
  return readEmailLink(admin, recipient, pathPart);
}

/** The admin page's /admin/outbox read as findEmailLink describes. */
export async function readEmailLink(admin: Page, recipient: string, pathPart: string) {
  // Emails may be sent after the response (an outbox drained in the background): look a few times.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await admin.goto("/admin/outbox");
    expect(response?.status(), "GET /admin/outbox as admin@packloop.test").toBe(200);
    const link = await admin.evaluate(
      ([to, part]) => {
        const lower = to.toLowerCase();
        let best: string | null = null;
        // Visible text only: Remix's hydration <script> holds the loader data of every email.
        const elements = document.body.querySelectorAll<HTMLElement>(
          "*:not(script):not(style):not(template)",
        );
        for (const element of Array.from(elements)) {
          // biome-ignore lint/performance/useDomNodeTextContent: rendered text leaves out <script> contents
          const text = element.innerText ?? "";
          if (!text.toLowerCase().includes(lower) || !text.includes(part)) continue;
          if (best === null || text.length < best.length) best = text;
        }
        if (best === null) return null;
        const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return best.match(new RegExp(`https?://[^\\s"'<>]+${escaped}[A-Za-z0-9_-]+`))?.[0] ?? null;
      },
      [recipient, pathPart] as const,
    );
    if (link) return link;
    if (Date.now() > deadline) {
      throw new Error(`/admin/outbox shows no email to ${recipient} with a link containing ${pathPart}`);
    }
    await admin.waitForTimeout(1_000);
  }
}
