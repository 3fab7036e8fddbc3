// Members' shared pages (ADR 072) in real Chromium: two new buyers in one economy browse /lots, the
// second gets the render the two share (X-Page-Cache: hit), with their own name, email and
// organisation in the header — names holding quotes, "<", "&" and "</script>" — and the page
// hydrates on it: a client-side navigation keeps working and the header still names them. The
// fixture fails the test on any console error (a hydration mismatch) or error page.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { newAccount, type SignUp, setupBrowser, signUp } from "./browser.ts";

const browser = setupBrowser();

async function signedUpBuyer(
  name: string,
  organizationName: string,
): Promise<{ page: Page; account: SignUp }> {
  const account = { ...newAccount("shared"), name, organizationName, capabilities: ["buyer" as const] };
  const page = await browser.newPage();
  await signUp(page, account);
  return { page, account };
}

test("a member's /lots shared with another member shows their own name, and hydrates", async () => {
  const first = await signedUpBuyer(`Ana "A" <O'Neil>`, "First & Only Metals");
  const second = await signedUpBuyer("Bo & </script><b>Lee</b>", `"Second" <Trading> 回收`);
  await first.page.goto("/lots");

  // Another test may be writing meanwhile (a closing sale): view until the answer is the stored one.
  let cache: string | undefined;
  for (let i = 0; i < 20 && cache !== "hit"; i++) {
    if (i > 0) await second.page.waitForTimeout(100);
    cache = (await second.page.goto("/lots"))?.headers()["x-page-cache"];
  }
  expect(cache).toBe("hit");
  const viewer = second.page.locator(".viewer");
  await expect
    .poll(() => viewer.textContent())
    .toBe(`${second.account.name} · ${second.account.organizationName}`);
  expect(await viewer.getAttribute("title")).toBe(second.account.email);
  expect(await second.page.locator("[data-testid=lot-list] tbody tr").count()).toBeGreaterThan(0);

  // Hydrated: a client-side navigation to the list view, the header still theirs.
  await second.page.getByRole("link", { name: "List", exact: true }).click();
  await second.page.waitForURL(/view=list/);
  await expect
    .poll(() => viewer.textContent())
    .toBe(`${second.account.name} · ${second.account.organizationName}`);
  expect(await second.page.locator("[data-testid=lot-list] tbody tr").count()).toBeGreaterThan(0);

  // And the first member's page names the first member.
  await first.page.goto("/lots");
  await expect
    .poll(() => first.page.locator(".viewer").textContent())
    .toBe(`${first.account.name} · ${first.account.organizationName}`);
});
