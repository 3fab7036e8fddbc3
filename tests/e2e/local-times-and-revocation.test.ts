// Local times on every page and revoking a verification (issue 15 items 1 and 4; ADR 050), in real
// Chromium against the production server with the demo data:
// - a buyer in Seoul sees the close time of the lot it bid on at /bids in Seoul time, the zone
//   named; the seller, in Santiago, sees the same instant on /lots/mine in Santiago's summer time;
// - an organisation verified through the JSON API (documents uploaded, verification requested) and
//   by an admin is revoked by a platform admin with a reason in the confirmation dialog: Cancel
//   changes nothing, confirming sets it back to unverified and its owner reads the reason.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, newAccount, setupBrowser, signUp, unique } from "./browser.ts";

const browser = setupBrowser();
const SEOUL = "Asia/Seoul"; // UTC+9 all year
const SANTIAGO = "America/Santiago"; // UTC−3 in its summer (September to April)

async function status(page: Page, text: string | RegExp) {
  await page.getByRole("status").filter({ hasText: text }).first().waitFor({ state: "visible" });
}

describe("times in the viewer's zone", () => {
  test("/bids in Seoul and /lots/mine in Santiago show one close time in each zone, named", async () => {
    const seller = await browser.newPage({ timezoneId: SANTIAGO });
    await login(seller, DEMO_ACCOUNTS.fleet);
    // Three days ahead, 12:00 UTC: 21:00 in Seoul, 09:00 in Santiago (summer time in December).
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const closesUtc = `${day}T12:00:00.000Z`;
    const title = unique("Local-time packs");
    await seller.goto("/lots/new");
    expect(await seller.locator('label[for="field-closesAt"]').textContent()).toContain(SANTIAGO);
    await seller.locator("#field-title").fill(title);
    await seller.locator("#field-chemistry").selectOption("NMC811");
    await seller.locator("#field-form").selectOption("pack");
    await seller.locator('input[name="condition"][value="intact"]').check();
    await seller.locator("#field-count").fill("10");
    await seller.locator("#field-massKg").fill("4,000");
    await seller.locator("#field-port").selectOption("AU");
    await seller.locator('input[name="saleMode"][value="auction"]').check();
    await seller.locator("#field-currency").selectOption("AUD");
    await seller.locator("#field-startingPrice").fill("10,000.00");
    // The close time typed as Santiago reads 12:00 UTC.
    const santiagoWall = await seller.evaluate(
      (iso) =>
        new Intl.DateTimeFormat("sv-SE", {
          timeZone: "America/Santiago",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        })
          .format(new Date(iso))
          .replace(" ", "T"),
      closesUtc,
    );
    await seller.locator("#field-closesAt").fill(santiagoWall);
    await seller.getByRole("button", { name: "Publish", exact: true }).click();
    await seller.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    const lotId = seller.url().split("/").pop()!;

    const buyer = await browser.newPage({ timezoneId: SEOUL });
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    await buyer.locator("#bid-amount").fill("10,000");
    await buyer.getByTestId("place-bid").click();
    await buyer.waitForURL(/bid=placed/);

    await buyer.goto("/bids");
    const row = buyer.locator("tr").filter({ hasText: title });
    const closes = row.getByTestId("bid-closes-at");
    await closes.waitFor({ state: "visible" });
    expect(await closes.getAttribute("datetime")).toBe(closesUtc);
    const seoulText = (await closes.textContent()) ?? "";
    expect(seoulText).toMatch(/, 21:00 GMT\+9$/);
    expect(seoulText).not.toContain("UTC");
    expect(await buyer.locator("thead").textContent()).not.toContain("UTC");

    await seller.goto("/lots/mine");
    const mine = seller.locator("tr").filter({ hasText: title }).locator("time");
    await mine.waitFor({ state: "visible" });
    expect(await mine.getAttribute("datetime")).toBe(closesUtc);
    expect(await mine.textContent()).toMatch(/, 09:00 GMT-3$/);
  }, 180_000);
});

describe("revoking a verification", () => {
  test("verified through the API and by an admin; revoked with a reason behind a confirmation", async () => {
    const owner = browser.page;
    const account = newAccount("revoke");
    await signUp(owner, account);

    // The owner's session uploads its registration through the API and asks to be verified.
    const uploaded = await owner.request.post("/api/v1/verification/documents", {
      multipart: {
        kind: "registration",
        file: {
          name: "registration.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from("%PDF-1.4\n% registration\n%%EOF\n"),
        },
      },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    const asked = await owner.request.post("/api/v1/verification/request");
    expect(asked.status(), await asked.text()).toBe(202);
    expect(((await asked.json()) as { status: string }).status).toBe("pending");

    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/organizations");
    await admin
      .getByRole("article", { name: account.organizationName })
      .getByRole("button", { name: "Verify", exact: true })
      .click();
    await status(admin, "Verified.");

    // Revoke: the dialog says what happens and asks for the reason; Cancel changes nothing.
    const entry = admin.getByTestId("verified-organization").filter({ hasText: account.organizationName });
    await entry.getByRole("button", { name: "Revoke verification", exact: true }).click();
    const dialog = admin.locator("dialog[open]");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByTestId("confirm-consequence").textContent()).toContain(
      `${account.organizationName} goes back to unverified`,
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    const api = await owner.request.get("/api/v1/verification");
    expect(((await api.json()) as { status: string }).status).toBe("verified");

    const reason = "The waste permit on file expired; upload the renewed one.";
    await entry.getByRole("button", { name: "Revoke verification", exact: true }).click();
    await dialog.waitFor({ state: "visible" });
    await dialog.getByLabel("Reason for revoking (sent to the owners)").fill(reason);
    await dialog.getByRole("button", { name: "Revoke the verification", exact: true }).click();
    await status(admin, "Verification revoked; the owners were told why.");
    await expect
      .poll(() =>
        admin.getByTestId("verified-organization").filter({ hasText: account.organizationName }).count(),
      )
      .toBe(0);

    // The owner is unverified again and reads why.
    await owner.goto("/settings/verification");
    expect(await owner.getByTestId("verification-badge").first().getAttribute("data-status")).toBe(
      "unverified",
    );
    expect(await owner.getByTestId("revocation-reason").textContent()).toContain(reason);
  }, 240_000);
});
