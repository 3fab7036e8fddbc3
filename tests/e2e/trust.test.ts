// Trust (issue 15 item 1), in real Chromium against the production server with the demo data:
// a sign-up's address is verified through the link in the outbox (until then it may not publish),
// and an organisation's verification: it uploads its documents and asks, a platform admin rejects
// with a reason and later verifies at /admin/organizations, and a counterparty sees the badge on
// the organisation's lot page.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { lotBody } from "../fixtures/lots.ts";
import {
  confirmEmailLink,
  DEMO_ACCOUNTS,
  findEmailLink,
  login,
  newAccount,
  setupBrowser,
  signUp,
  submitSignUp,
  unique,
} from "./browser.ts";

const browser = setupBrowser();

/** The smallest file Packloop takes as a PDF (it judges files by their first bytes). */
const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`),
});

function publishByApi(page: Page, title: string) {
  return page.request.post("/api/v1/lots", {
    data: lotBody({
      title,
      status: "open",
      currency: "USD",
      askingPrice: { amountMinor: 500_000, currency: "USD" },
    }),
  });
}

async function status(page: Page, text: string | RegExp) {
  await page.getByRole("status").filter({ hasText: text }).first().waitFor({ state: "visible" });
}

describe("email verification", () => {
  test("a new account verifies its address with the outbox link and may publish only then", async () => {
    const { page } = browser;
    const account = newAccount("verify");
    await submitSignUp(page, account);
    await page.getByRole("heading", { name: "Check your email" }).waitFor({ state: "visible" });

    // It may log in, but the dashboard says the address is not verified yet, and publishing is refused.
    await login(page, account.email, account.password);
    await page.getByTestId("email-unverified").waitFor({ state: "visible" });
    const refused = await publishByApi(page, unique("Unverified lot"));
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe("EMAIL_NOT_VERIFIED");
    await page.getByTestId("email-unverified").getByRole("link", { name: "Email me a new link" }).click();
    await page.waitForURL(/\/verify-email$/);
    await page.getByText("is not verified yet").waitFor({ state: "visible" });

    // The link in the outbox (as /admin/outbox shows it) verifies the address.
    const link = await findEmailLink(browser, account.email, "/verify-email/");
    expect(link).toMatch(/^https?:\/\/[^/]+\/verify-email\/[A-Za-z0-9_-]{20,}$/);
    await confirmEmailLink(page, link);
    await status(page, "Your email address is verified");
    expect(await page.getByTestId("email-unverified").count()).toBe(0);
    await page.goto("/verify-email");
    await status(page, "is verified");

    const published = await publishByApi(page, unique("Verified lot"));
    expect(published.status(), await published.text()).toBe(201);

    // The link works once.
    await page.goto(link);
    await page.getByRole("heading", { name: "This link no longer works" }).waitFor({ state: "visible" });
  });
});

describe("organisation verification", () => {
  test("documents, a rejection with its reason, then verified: the badge a buyer sees on the lot page", async () => {
    const seller = browser.page;
    const account = newAccount("kyb");
    await signUp(seller, account);
    const title = unique("KYB lot");
    const created = await publishByApi(seller, title);
    expect(created.status(), await created.text()).toBe(201);
    const lotId = (await created.json()).id as string;

    // A buyer sees "Unverified", which explains itself on the organisation's page.
    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    const badge = buyer.getByTestId("verification-badge").first();
    expect(await badge.getAttribute("data-status")).toBe("unverified");
    expect(await badge.textContent()).toMatch(/Unverified — what this means/);
    await badge.click();
    await buyer.waitForURL(/\/organizations\/[0-9a-f-]{36}#verification$/);
    await buyer
      .getByText("Packloop has not checked this organisation's registration")
      .waitFor({ state: "visible" });

    // The seller's own badge leads to its verification page.
    await seller.goto("/dashboard");
    await seller.getByTestId("verification-badge").click();
    await seller.waitForURL(/\/settings\/verification$/);
    await seller.getByTestId("verification-next-step").waitFor({ state: "visible" });
    // Asking without the registration is refused, naming what is missing.
    await seller.getByRole("button", { name: "Ask to be verified", exact: true }).click();
    await seller.getByText("Upload your company registration before asking").waitFor({ state: "visible" });

    const upload = async (kind: string, file: string) => {
      await seller.locator("#field-kind").selectOption(kind);
      await seller.locator("#field-file").setInputFiles(pdf(file));
      await seller.getByRole("button", { name: "Upload document", exact: true }).click();
      await status(seller, "uploaded");
    };
    await upload("registration", "registration.pdf");
    await upload("permit", "permit.pdf");
    await seller.getByRole("button", { name: "Ask to be verified", exact: true }).click();
    await status(seller, "a platform administrator will check");
    await expect
      .poll(() => seller.getByTestId("verification-badge").getAttribute("data-status"))
      .toBe("pending");

    // The admin's queue: a rejection needs a reason.
    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/organizations");
    const request = admin.getByRole("article", { name: account.organizationName });
    await request.getByRole("link", { name: "registration.pdf" }).waitFor({ state: "visible" });
    const documentHref = await request.getByRole("link", { name: "registration.pdf" }).getAttribute("href");
    await request.getByRole("button", { name: "Reject", exact: true }).click();
    await admin.getByText("Say why the organisation is rejected").waitFor({ state: "visible" });
    const reason = "The registration certificate is not legible; send a clearer scan.";
    await admin
      .getByRole("article", { name: account.organizationName })
      .getByLabel("Reason for rejecting")
      .fill(reason);
    await admin
      .getByRole("article", { name: account.organizationName })
      .getByRole("button", { name: "Reject", exact: true })
      .click();
    await status(admin, "Rejected");

    // Only the organisation and admins read its documents.
    const asAdmin = await admin.request.get(documentHref!);
    expect(asAdmin.status()).toBe(200);
    expect((await asAdmin.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await buyer.request.get(documentHref!)).status()).toBe(404);

    // The seller reads the reason, sends a better scan and asks again.
    await seller.goto("/settings/verification");
    expect(await seller.getByTestId("rejection-reason").textContent()).toContain(reason);
    await upload("registration", "registration-clear.pdf");
    await seller.getByRole("button", { name: "Ask to be verified", exact: true }).click();
    await status(seller, "a platform administrator will check");

    await admin.goto("/admin/organizations");
    await admin
      .getByRole("article", { name: account.organizationName })
      .getByRole("button", { name: "Verify", exact: true })
      .click();
    await status(admin, "Verified.");

    // The buyer now sees the verified badge on the lot page, and what was checked.
    await buyer.goto(`/lots/${lotId}`);
    const verified = buyer.getByTestId("verification-badge").first();
    expect(await verified.getAttribute("data-status")).toBe("verified");
    expect(await verified.textContent()).toMatch(/✓ Verified/);
    await verified.click();
    await buyer.waitForURL(/\/organizations\/[0-9a-f-]{36}#verification$/);
    await buyer
      .getByText("Documents sent: Company registration, Waste or recycling permit")
      .waitFor({ state: "visible" });
  });
});
