// Accounts end to end, in real Chromium against the production server started by global-setup.ts:
// sign-up, log-in/out, form errors, invitations, password reset, demo accounts, and the public shell.
import type { Page, Response } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  baseUrl,
  DEMO_ACCOUNTS,
  findEmailLink,
  login,
  logout,
  newAccount,
  type SignUp,
  setupBrowser,
  signUp,
  submitLogin,
  submitSignUp,
  unique,
  url,
} from "./browser.ts";

const browser = setupBrowser();

/** Resolves with the next POST response of the page (a form submission, with or without JavaScript). */
function nextPost(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === "POST");
}

async function expectHeading(page: Page, text: string) {
  const heading = page.locator("h1").filter({ hasText: text });
  await heading.first().waitFor({ state: "visible" });
}

describe("server", () => {
  test("GET /healthz answers 200 with status ok", async () => {
    const response = await fetch(url("/healthz"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  test("pages carry a Content-Security-Policy header", async () => {
    for (const pathname of ["/", "/login"]) {
      const response = await fetch(url(pathname));
      expect(response.status, `GET ${pathname}`).toBe(200);
      expect(response.headers.get("content-security-policy"), `CSP on GET ${pathname}`).toBeTruthy();
    }
  });
});

describe("public pages", () => {
  test("the home page shows headline figures (open lots)", async () => {
    const { page } = browser;
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    const figure = page.getByText(/open lots/i).first();
    await figure.waitFor({ state: "visible" });
    // The number sits in the same element ("12 open lots") or beside it (<dt>Open lots</dt><dd>12</dd>).
    const text = await figure.evaluate((element) =>
      [element, element.parentElement].map((node) => node?.textContent ?? "").join(" | "),
    );
    expect(text).toMatch(/\d/);
  });

  test("an unknown URL answers 404 with the not-found page", async () => {
    const { page } = browser;
    browser.allowErrorBoundary(404);
    const response = await page.goto(`/${unique("no-such-page")}`);
    expect(response?.status()).toBe(404);
    await page.getByText("Page not found").first().waitFor({ state: "visible" });
  });
});

describe("sign-up and log-in", () => {
  test("sign up a new organisation, log out, log in again", async () => {
    const { page } = browser;
    const account = newAccount("signup");
    await signUp(page, account);
    await expectHeading(page, account.organizationName);

    await logout(page);
    await page.goto("/dashboard");
    await page.waitForURL(/\/login/);

    await login(page, account.email, account.password);
    await expectHeading(page, account.organizationName);
  });

  test("sign-up with a demo account's email answers like any sign-up: check your email, no session", async () => {
    const { page } = browser;
    const account: Required<SignUp> = {
      ...newAccount("dup"),
      email: DEMO_ACCOUNTS.fleet,
      capabilities: ["seller", "buyer"],
    };
    const posted = nextPost(page);
    await submitSignUp(page, account);
    expect((await posted).status()).toBe(200);
    await expectHeading(page, "Check your email");
    // Nothing tells the visitor that the address has an account.
    expect(await page.locator("main").textContent()).not.toMatch(/already exists|log in instead\?/i);
    expect(await page.locator("#email-error").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Log out", exact: true }).count()).toBe(0);
  });

  test("sign-up with a short password shows a field error and keeps the typed values", async () => {
    const { page } = browser;
    const account = { ...newAccount("short"), password: "short" };
    const posted = nextPost(page);
    await submitSignUp(page, account);
    expect((await posted).status()).toBe(400);

    const error = page.locator("#password-error");
    await error.waitFor({ state: "visible" });
    expect((await error.textContent())?.trim()).toBeTruthy();
    expect(await page.locator('input[name="email"]').inputValue()).toBe(account.email);
    expect(await page.locator('input[name="organizationName"]').inputValue()).toBe(account.organizationName);
    expect(page.url()).toMatch(/\/signup/);

    // Nothing was written: the same email can still sign up with a good password.
    await signUp(page, { ...account, password: "a-long-enough-password" });
    await expectHeading(page, account.organizationName);
  });

  test("a wrong password shows the generic error", async () => {
    const { page } = browser;
    await submitLogin(page, DEMO_ACCOUNTS.fleet, "not-the-password");
    await page.getByText("Email or password is incorrect.").first().waitFor({ state: "visible" });
    expect(page.url()).toMatch(/\/login/);
    expect(await page.getByRole("button", { name: "Log out", exact: true }).count()).toBe(0);
  });

  test.each(Object.entries(DEMO_ACCOUNTS))(
    "demo account %s logs in and sees its dashboard",
    async (_, email) => {
      const { page } = browser;
      await login(page, email);
      const heading = page.locator("h1").first();
      await heading.waitFor({ state: "visible" });
      expect((await heading.textContent())?.trim()).toBeTruthy();
      await page.getByRole("button", { name: "Log out", exact: true }).waitFor({ state: "visible" });
    },
  );
});

describe("organisation members", () => {
  test("invite a colleague, who accepts through the emailed link and becomes a member", async () => {
    const { page } = browser;
    const owner = newAccount("owner");
    await signUp(page, owner);

    await page.goto("/settings/organization");
    const inviteeEmail = `${unique("invitee")}@example.test`;
    const inviteForm = page.locator('form:has(select[name="role"])');
    await inviteForm.locator('input[name="email"]').fill(inviteeEmail);
    await inviteForm.locator('select[name="role"]').selectOption("member");
    const posted = nextPost(page);
    await inviteForm.getByRole("button", { name: "Send invitation", exact: true }).click();
    expect((await posted).status()).toBeLessThan(400);
    await page.getByText(inviteeEmail).first().waitFor({ state: "visible" });

    const link = await findEmailLink(browser, inviteeEmail, "/invitations/");
    // The emailed link is absolute and points back at this server, so the colleague can click it.
    expect(new URL(link).origin).toBe(new URL(baseUrl()).origin);
    const invitationPath = new URL(link).pathname;
    expect(invitationPath).toMatch(/^\/invitations\/[A-Za-z0-9_-]+$/);

    const invitee = await browser.newPage();
    const inviteeName = `Ivy ${unique("member")}`;
    const inviteePassword = "invited-member-password";
    const invitation = await invitee.goto(invitationPath);
    expect(invitation?.status()).toBe(200);
    await invitee.locator('input[name="name"]').fill(inviteeName);
    await invitee.locator('input[name="password"]').fill(inviteePassword);
    await invitee.getByRole("button", { name: "Accept invitation", exact: true }).click();
    await invitee.waitForURL(/\/dashboard(?:[?#]|$)/);
    await expectHeading(invitee, owner.organizationName);

    // The owner now sees the colleague among the members.
    await page.goto("/settings/organization");
    await page.getByText(inviteeName).first().waitFor({ state: "visible" });

    // And the colleague's new password works.
    await logout(invitee);
    await login(invitee, inviteeEmail, inviteePassword);
    await expectHeading(invitee, owner.organizationName);
  });
});

describe("password reset", () => {
  test("reset a forgotten password through the emailed link, then log in with the new one", async () => {
    const { page } = browser;
    const account = newAccount("reset");
    await signUp(page, account);
    await logout(page);

    await page.goto("/forgot-password");
    await page.locator('input[name="email"]').fill(account.email);
    const requested = nextPost(page);
    await page.getByRole("button", { name: "Send reset link", exact: true }).click();
    expect((await requested).status()).toBeLessThan(400);

    const link = await findEmailLink(browser, account.email, "/reset-password/");
    expect(new URL(link).origin).toBe(new URL(baseUrl()).origin);
    const resetPath = new URL(link).pathname;
    expect(resetPath).toMatch(/^\/reset-password\/[A-Za-z0-9_-]+$/);

    const newPassword = "a-brand-new-password-42";
    const reset = await page.goto(resetPath);
    expect(reset?.status()).toBe(200);
    await page.locator('input[name="password"]').fill(newPassword);
    const changed = nextPost(page);
    await page.getByRole("button", { name: "Set new password", exact: true }).click();
    expect((await changed).status()).toBeLessThan(400);

    const fresh = await browser.newPage();
    await submitLogin(fresh, account.email, account.password);
    await fresh.getByText("Email or password is incorrect.").first().waitFor({ state: "visible" });
    await login(fresh, account.email, newPassword);
    await expectHeading(fresh, account.organizationName);
  });
});
