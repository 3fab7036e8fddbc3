// From award to certificate through the web UI only, four people in their own browsers (issue 12,
// "Tests and figures"): the demo fleet (seller) lists a lot with its papers; the demo recycler's
// buyer asks to buy it delivered (DAP) to its Arizona plant; the seller accepts, which opens the deal
// and plans the shipment; the platform admin records the buyer's wire; the seller — who moves the
// goods under DAP — assigns the demo carrier, which records each movement milestone; the plant's
// weighbridge operator (a colleague the buyer invites) records the receipt with the weighbridge
// ticket as evidence, the processing, and issues the certificate of recovery. A visitor, not logged
// in, opens the link printed beside the certificate's QR code and sees the chain verified.
import type { Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, findEmailLink, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

/** The smallest file every reader takes as a PDF (Packloop judges files by their first bytes). */
const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(
    `%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  ),
});

async function listLot(page: Page, title: string): Promise<string> {
  await page.goto("/lots/new");
  await page.locator("#field-title").fill(title);
  await page.locator("#field-chemistry").selectOption("NMC811");
  await page.locator("#field-form").selectOption("module");
  await page.locator('input[name="condition"][value="intact"]').check();
  await page.locator("#field-count").fill("40");
  await page.locator("#field-massKg").fill("2,000");
  await page.locator("#field-port").selectOption("US");
  await page.locator('input[name="saleMode"][value="fixed"]').check();
  await page.locator("#field-currency").selectOption("USD");
  await page.locator("#field-askingPrice").fill("12,000.00");
  await page.locator("#field-doc_un38_3_summary").setInputFiles(pdf("un38-3-summary.pdf"));
  await page.locator("#field-doc_safety_data_sheet").setInputFiles(pdf("safety-data-sheet.pdf"));
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Opens the shipment of the lot titled `title` from the person's /shipments list. */
async function openShipment(page: Page, title: string): Promise<string> {
  await page.goto("/shipments");
  const row = page.getByTestId("shipments-table").locator("tbody tr", { hasText: title });
  await row.getByRole("link").first().click();
  await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

/** Records the milestone the page offers next, filling `fields` (name → value) first. */
async function recordNext(
  page: Page,
  label: string,
  fields: Record<string, string> = {},
  evidence?: { kind: string; file: ReturnType<typeof pdf> },
) {
  const form = page.getByRole("form", { name: "Record the next milestone" });
  for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value);
  if (evidence) {
    await form.locator('select[name="evidenceKind"]').selectOption(evidence.kind);
    await form.locator('input[name="evidence"]').setInputFiles(evidence.file);
  }
  await form.getByRole("button", { name: `Record “${label}”` }).click();
  await expect
    .poll(() => page.getByTestId("milestone-timeline").textContent(), { timeout: 15_000 })
    .toContain(label);
}

describe("from award to certificate, four people", () => {
  test("seller, buyer, carrier and the recycler's plant take one lot to a certificate that verifies", async () => {
    const title = unique("E2E NMC modules");

    // The seller lists the lot with its UN 38.3 summary and safety data sheet.
    const seller = browser.page;
    await login(seller, DEMO_ACCOUNTS.fleet);
    const lotId = await listLot(seller, title);

    // The recycler's buyer asks to buy it delivered to its Arizona plant.
    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.recycler);
    await buyer.goto(`/lots/${lotId}`);
    const bid = buyer.getByTestId("bid-form");
    const arizona = await bid.locator("#bid-facility option", { hasText: "Arizona" }).getAttribute("value");
    await bid.locator("#bid-facility").selectOption(arizona!);
    // A facility is delivered to (DAP): the form offers EXW/DAP only to a buyer who names none (ADR 040).
    expect(await bid.locator('input[name="incoterm"]').count()).toBe(0);
    await bid.getByTestId("place-bid").click();
    await buyer.waitForURL(/bid=placed/);

    // The seller accepts: the deal opens and its shipment is planned.
    await seller.goto(`/lots/${lotId}`);
    await seller
      .locator('[data-testid="purchase-requests"] li')
      .getByRole("button", { name: "Accept" })
      .click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();

    // The buyer finds its deal and the reference to quote on its transfer; the admin records it.
    await buyer.goto("/deals");
    await buyer.locator('[data-testid="deal-row"]', { hasText: title }).getByRole("link").first().click();
    await buyer.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const reference = (await buyer.getByTestId("payment-reference").textContent())!.trim();
    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/deals");
    const entry = admin.locator('[data-testid="awaiting-deal"]', { hasText: reference });
    await entry.locator('input[name="reference"]').fill(`BANK ${reference}`);
    await entry.getByRole("button", { name: "Record incoming wire" }).click();
    await admin.getByText("Wire recorded.").waitFor();
    await admin.context().close();

    // The buyer invites the plant's weighbridge operator, who joins through the emailed link.
    await buyer.goto("/settings/organization");
    const plantEmail = `${unique("plant")}@example.test`;
    const invite = buyer.locator('form:has(select[name="role"])');
    await invite.locator('input[name="email"]').fill(plantEmail);
    await invite.locator('select[name="role"]').selectOption("member");
    await invite.getByRole("button", { name: "Send invitation", exact: true }).click();
    await buyer.getByText(plantEmail).first().waitFor({ state: "visible" });
    const link = await findEmailLink(browser, plantEmail, "/invitations/");
    const plant = await browser.newPage();
    await plant.goto(new URL(link).pathname);
    await plant.locator('input[name="name"]').fill(`Weighbridge ${unique("op")}`);
    await plant.locator('input[name="password"]').fill("weighbridge-operator-password");
    await plant.getByRole("button", { name: "Accept invitation", exact: true }).click();
    await plant.waitForURL(/\/dashboard(?:[?#]|$)/);

    // Under DAP the seller moves the goods: it assigns the carrier.
    const shipmentPath = await openShipment(seller, title);
    expect(await seller.getByTestId("shipment-facts").textContent()).toContain("(DAP)");
    const assign = seller.getByRole("form", { name: "Assign the carrier" });
    await assign.locator("select").selectOption({ label: "Pacific DG Freight (fictional)" });
    await assign.getByRole("button", { name: "Assign carrier" }).click();
    await expect
      .poll(() => seller.getByTestId("shipment-facts").textContent())
      .toContain("Pacific DG Freight");

    // The carrier records every movement, the state of charge declared at pick-up.
    const carrier = await browser.newPage();
    await login(carrier, DEMO_ACCOUNTS.carrier);
    expect(await openShipment(carrier, title)).toBe(shipmentPath);
    await recordNext(carrier, "Booked");
    await recordNext(carrier, "Picked up", { packaging: "P911 crates", stateOfChargePct: "28" });
    await recordNext(carrier, "Departed");
    await recordNext(carrier, "Delivered", { lat: "33.35", lng: "-111.79" });
    // The receipt is the plant's: the carrier is not offered it.
    expect(await carrier.getByRole("button", { name: /Record “Received/ }).count()).toBe(0);

    // The plant weighs it in with the weighbridge ticket, processes it and issues the certificate.
    expect(await openShipment(plant, title)).toBe(shipmentPath);
    await recordNext(
      plant,
      "Received and weighed",
      { netWeightKg: "1985" },
      { kind: "weighbridge_ticket", file: pdf("weighbridge-ticket.pdf") },
    );
    const evidence = plant.getByTestId("milestone-evidence");
    await expect.poll(() => evidence.textContent()).toContain("weighbridge-ticket.pdf");
    await recordNext(plant, "Processed");
    // The next milestone's form starts empty: the ticket is not sent a second time.
    expect(await evidence.getByRole("link").count()).toBe(1);
    await plant.getByRole("button", { name: "Issue certificate of recovery" }).click();
    const certificate = plant.getByTestId("shipment-certificate");
    await certificate.waitFor();
    const number = (await certificate.getByRole("link").first().textContent())!.trim();
    expect(number).toMatch(/^PL-COR-\d{6}$/);

    // The seller, a party, downloads the ticket; a visitor cannot.
    await seller.goto(shipmentPath);
    const ticketHref = await seller
      .getByTestId("milestone-evidence")
      .getByRole("link", { name: /weighbridge-ticket\.pdf/ })
      .getAttribute("href");
    const ticket = await seller.request.get(ticketHref!);
    expect(ticket.status()).toBe(200);
    expect((await ticket.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // The link printed beside the certificate's QR code, read from the PDF the page links to.
    const pdfHref = await certificate.getByRole("link", { name: "PDF" }).getAttribute("href");
    const certificatePdf = await plant.request.get(pdfHref!);
    expect(certificatePdf.headers()["content-type"]).toBe("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await certificatePdf.body())), {
      mergePages: true,
    });
    const verifyLink = /Verify this certificate: (\S+)/.exec(text)?.[1];
    expect(verifyLink).toMatch(new RegExp(`/verify/${number}$`));

    const visitor = await browser.newPage();
    const denied = await visitor.request.get(ticketHref!, { maxRedirects: 0 });
    expect([302, 401, 403, 404]).toContain(denied.status());
    await visitor.goto(new URL(verifyLink!).pathname);
    const verdict = visitor.getByTestId("verify-verdict");
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/Chain of custody verified/);
    expect(await visitor.getByRole("heading", { level: 1 }).textContent()).toContain(number);
  }, 240_000);
});
