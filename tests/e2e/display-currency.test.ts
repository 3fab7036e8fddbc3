// Issue 14 item 4 in Chromium (ADR 051): the demo buyer's owner picks JPY as its organisation's
// display currency at /settings/organization; then, beside a US-dollar lot's price, /lots and the
// lot page show "≈ JPY … at … rates" — and no converted figure is ever inside a form or an input's
// value, so it can never be bid or paid. The browser fixture fails the test on any console error.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

const CONVERTED_JPY = /^≈ JPY\s[\d,]+ at \d{1,2} [A-Z][a-z]{2} \d{4} rates$/;

async function chooseDisplayCurrency(page: Page, code: string) {
  await page.goto("/settings/organization");
  await page.locator("#field-displayCurrency").selectOption(code);
  await page.getByRole("button", { name: "Save display currency" }).click();
  await page.getByRole("status").filter({ hasText: "Display currency saved." }).waitFor();
}

/** Whether any converted figure sits in a form, or any form field's value carries one. */
async function convertedInForms(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll("form .money-converted")) found.push(el.textContent ?? "");
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      "input, select, textarea",
    )) {
      if (/≈|JPY/.test(field.value)) found.push(`${field.name}=${field.value}`);
    }
    return found;
  });
}

describe("the viewer's display currency", () => {
  test("a buyer displaying JPY sees yen beside a US-dollar lot's price on /lots and the lot page", async () => {
    const page = browser.page;
    await login(page, DEMO_ACCOUNTS.buyer);
    await chooseDisplayCurrency(page, "JPY");
    try {
      await seesYen(page);
    } finally {
      // Back to the economy's currency, so other tests read the demo buyer as before.
      await chooseDisplayCurrency(page, "");
    }
  });
});

async function seesYen(page: Page) {
  expect(await page.locator("#field-displayCurrency").inputValue()).toBe("JPY");

  await page.goto("/lots?economy=US&saleMode=auction,fixed&sort=closing_soon");
  const row = page
    .locator("[data-testid=lot-list] tbody tr")
    .filter({ has: page.locator("[data-testid=lot-price]", { hasText: /^USD/ }) })
    .first();
  await row.waitFor();
  const own = (await row.getByTestId("lot-price").textContent()) ?? "";
  expect(own).toMatch(/^USD\s[\d,]+\.\d{2}$/);
  expect(((await row.getByTestId("money-converted").textContent()) ?? "").trim()).toMatch(CONVERTED_JPY);
  expect(await convertedInForms(page)).toEqual([]);

  const href = await row.locator("a[href^='/lots/']").first().getAttribute("href");
  await page.goto(href!);
  const sale = page.getByTestId("fact-sale");
  expect(((await sale.getByTestId("money-converted").first().textContent()) ?? "").trim()).toMatch(
    CONVERTED_JPY,
  );
  // The bid panel's price, in dollars, with yen beside it.
  const price = page.locator("[data-testid=current-price], [data-testid=asking-price]").first();
  expect((await price.locator(".money-own").first().textContent()) ?? "").toMatch(/^USD\s/);
  expect(((await price.getByTestId("money-converted").first().textContent()) ?? "").trim()).toMatch(
    CONVERTED_JPY,
  );
  // The bid form asks for dollars, and nothing converted reaches it.
  if ((await page.locator("#bid-amount").count()) > 0) {
    expect(await page.locator("label[for=bid-amount]").textContent()).toContain("(USD)");
  }
  expect(await convertedInForms(page)).toEqual([]);
}
