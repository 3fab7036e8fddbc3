// A deal paid by manual bank transfer, in real browsers (issue 11): the demo fleet lists a
// fixed-price lot; the demo buyer sees the platform's commission before it asks to buy; the seller
// accepts, which opens the deal; the buyer finds it under Deals with the payment reference; the
// platform admin records the incoming wire at /admin/deals; seller and buyer both see "Funded" and
// the amounts, read from the ledger. Then, on a server with Stripe pointed at the stand-in, two
// deals from the sale to the settlement: one paid by wire, one by card at Stripe Checkout.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatMoneyIn } from "~/i18n/format.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";
import { type RunningServer, startServer } from "./global-setup.ts";

const browser = setupBrowser();

async function listFixedPriceLot(page: Page, title: string): Promise<string> {
  await login(page, DEMO_ACCOUNTS.fleet);
  await page.goto("/lots/new");
  await page.locator("#field-title").fill(title);
  await page.locator("#field-chemistry").selectOption("LFP");
  await page.locator("#field-form").selectOption("module");
  await page.locator('input[name="condition"][value="intact"]').check();
  await page.locator("#field-count").fill("40");
  await page.locator("#field-massKg").fill("2,000");
  await page.locator("#field-port").selectOption("AU");
  await page.locator('input[name="saleMode"][value="fixed"]').check();
  await page.locator("#field-currency").selectOption("AUD");
  await page.locator("#field-askingPrice").fill("8,500.00");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.trim();

describe("a deal paid by bank transfer", () => {
  test("bought at a fixed price, the wire recorded by the admin: both parties see it funded and held", async () => {
    const title = unique("Deal LFP modules");
    const seller = browser.page;
    const lotId = await listFixedPriceLot(seller, title);

    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    expect(await text(buyer, "commission-note")).toMatch(
      /^Platform commission: \d+\.\d\d % of the final value/,
    );
    await buyer.locator('[data-testid="place-bid"]').click();
    await buyer.waitForURL(/bid=placed/);

    await seller.goto(`/lots/${lotId}`);
    await seller
      .locator('[data-testid="purchase-requests"] li')
      .getByRole("button", { name: "Accept" })
      .click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();

    // The buyer finds the deal waiting for it, with the reference to quote on its transfer.
    await buyer.goto("/deals");
    await buyer.getByRole("link", { name: "Deals", exact: true }).first().waitFor();
    const row = buyer.locator('[data-testid="deal-row"]', { hasText: title });
    await row.getByRole("link").first().click();
    await buyer.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealUrl = new URL(buyer.url()).pathname;
    expect(await text(buyer, "deal-status")).toBe("Awaiting payment");
    const reference = await text(buyer, "payment-reference");
    expect(reference).toMatch(/^PL-DL-\d{6}$/);
    expect(await text(buyer, "money-due")).toBe("AUD\u00a08,500.00");
    expect(await text(buyer, "money-held")).toBe("AUD\u00a00.00");

    // The admin records the wire as it arrived on the platform's account.
    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/deals");
    const entry = admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! });
    await entry.locator('input[name="reference"]').fill(`BANK ${reference}`);
    await entry.getByRole("button", { name: "Record incoming wire" }).click();
    await admin.getByText("Wire recorded.").waitFor();
    await expect
      .poll(() => admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! }).count())
      .toBe(0);

    for (const page of [buyer, seller]) {
      await page.goto(dealUrl);
      expect(await text(page, "deal-status")).toBe("Funded");
      expect(await text(page, "money-paid")).toBe("AUD\u00a08,500.00");
      expect(await text(page, "money-held")).toBe("AUD\u00a08,500.00");
      expect(await text(page, "money-released")).toBe("AUD\u00a00.00");
      expect(await page.getByTestId("ledger-line").count()).toBe(1);
    }
    // The seller's next step: mark the lot as shipped.
    expect(await seller.getByRole("button", { name: "Mark as shipped" }).count()).toBe(1);

    // The same deal for a reader whose browser asks for Korean (issue 14): /deals and the deal page
    // in Korean — titles, headings, the status by its code, the ledger's labels — the amounts still
    // with their ISO code; then the buyer's /bids and /watchlist. The fixture fails the test on a
    // console error, so the server's Korean and the browser's first render must agree.
    const korean = await browser.newPage({ locale: "ko-KR" });
    await login(korean, DEMO_ACCOUNTS.buyer);
    await korean.goto("/deals");
    expect(await korean.locator("html").getAttribute("lang")).toBe("ko");
    expect(await korean.title()).toBe("거래 · Packloop");
    expect((await korean.locator("h1").first().textContent())?.trim()).toBe("거래");
    const koreanRow = korean.locator('[data-testid="deal-row"]', { hasText: title });
    expect((await koreanRow.locator(".badge").textContent())?.trim()).toBe("입금 완료");
    expect(await koreanRow.textContent()).toContain("지급인(");
    expect(await koreanRow.textContent()).toContain("AUD\u00a08,500.00");
    await korean.goto(dealUrl);
    expect(await korean.title()).toMatch(/^거래 DL-\d{6} · Packloop$/);
    expect(await text(korean, "deal-status")).toBe("입금 완료");
    expect(await korean.locator("#money-heading").textContent()).toBe("자금");
    expect(await korean.locator("#timeline-heading").textContent()).toBe("진행 내역");
    expect(await korean.locator("th", { hasText: "플랫폼 예치금" }).count()).toBe(1);
    expect(await text(korean, "money-held")).toBe("AUD\u00a08,500.00");
    expect(await korean.getByTestId("deal-milestone").first().textContent()).toContain("거래 개시");
    await korean.goto("/bids");
    expect(await korean.title()).toBe("내 입찰 · Packloop");
    expect(
      await korean
        .locator('[data-testid="my-bid-row"]', { hasText: title })
        .locator("td")
        .nth(1)
        .textContent(),
    ).toContain("고정가");
    await korean.goto("/watchlist");
    expect((await korean.locator("h1").first().textContent())?.trim()).toBe("관심 목록");
  });
});

// From the sale to the settlement (issue 11, ADR 029), on a server of this file's own: Stripe on,
// pointed at the stand-in (tests/fixtures/stripe-stand-in.ts), and every inspection window a few
// seconds long (DEAL_INSPECTION_SECONDS) so the deal settles while the test waits. The demo recycler
// requests a fixed-price lot for its facility; A$20,000.00 is above the card limit (USD 10,000.00
// equivalent) and AUD has no Stripe bank transfer, so it is paid by wire (the admin records it);
// A$8,500.00 is below it, so it is paid by card at the stand-in's Checkout — funded only when the
// signed webhook arrives. Each is then shipped milestone by milestone, received with its net weight
// (the provisional release), given its final weight and settled; at every step each amount on the
// deal page equals the ledger, summed from the API's ledger lines.
describe("from the sale to the settlement", () => {
  const standIn = new StripeStandIn();
  let server: RunningServer;
  let origin = "";

  beforeAll(async () => {
    await standIn.start();
    server = await startServer({
      logName: "e2e-deals-stripe-server.log",
      env: {
        STRIPE_SECRET_KEY: "sk_test_e2e_deals",
        STRIPE_API_URL: standIn.url,
        STRIPE_WEBHOOK_SECRET: standIn.webhookSecret,
        STRIPE_CARD_LIMIT_MINOR: "1000000",
        DEAL_INSPECTION_SECONDS: "3",
        PLATFORM_BANK_DETAILS: "Packloop Test Ltd | Account 000111",
      },
    });
    origin = server.baseUrl;
    standIn.webhookUrl = `${origin}/webhooks/stripe`;
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await standIn.stop();
  });

  const pageAt = () => browser.newPage({ baseURL: origin });

  async function listLot(page: Page, title: string, askingPrice: string) {
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/new");
    await page.locator("#field-title").fill(title);
    // NMC: the chemistry the demo recycler's first facility has capacity for.
    await page.locator("#field-chemistry").selectOption("NMC622");
    await page.locator("#field-form").selectOption("module");
    await page.locator('input[name="condition"][value="intact"]').check();
    await page.locator("#field-count").fill("40");
    await page.locator("#field-massKg").fill("2,000");
    await page.locator("#field-port").selectOption("US");
    await page.locator('input[name="saleMode"][value="fixed"]').check();
    await page.locator("#field-currency").selectOption("AUD");
    await page.locator("#field-askingPrice").fill(askingPrice);
    // The papers the shipment cannot leave without.
    for (const kind of ["un38_3_summary", "safety_data_sheet"]) {
      await page.locator(`#field-doc_${kind}`).setInputFiles({
        name: `${kind}.pdf`,
        mimeType: "application/pdf",
        buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`),
      });
    }
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    return page.url().split("/").pop()!;
  }

  /** The recycler requests the lot for its first facility; the seller accepts: the deal's page. */
  async function sell(seller: Page, recycler: Page, lotId: string, title: string) {
    await recycler.goto(`/lots/${lotId}`);
    await recycler.locator('[data-testid="place-bid"]').click();
    await recycler.waitForURL(/bid=placed/);
    await seller.goto(`/lots/${lotId}`);
    await seller
      .locator('[data-testid="purchase-requests"] li')
      .getByRole("button", { name: "Accept" })
      .click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();
    await recycler.goto("/deals");
    await recycler.locator('[data-testid="deal-row"]', { hasText: title }).getByRole("link").first().click();
    await recycler.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    return new URL(recycler.url()).pathname;
  }

  type Line = { postings: { account: string; amountMinor: number; currency: string }[] };

  /** Every amount on the deal page against the ledger's own lines (GET /api/v1/deals/{id}). */
  async function expectPageEqualsLedger(page: Page, dealPath: string) {
    await page.goto(dealPath);
    const response = await page.request.get(`${origin}/api${dealPath.replace("/deals/", "/v1/deals/")}`);
    expect(response.status()).toBe(200);
    const deal = (await response.json()) as {
      amount: { amountMinor: number; currency: string };
      payments: Line[];
    };
    const currency = deal.amount.currency;
    const credit = new Map<string, number>();
    const debit = new Map<string, number>();
    for (const line of deal.payments) {
      // Each ledger line balances on its own.
      expect(line.postings.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(0);
      for (const p of line.postings) {
        const side = p.amountMinor < 0 ? credit : debit;
        side.set(p.account, (side.get(p.account) ?? 0) + Math.abs(p.amountMinor));
      }
    }
    const c = (a: string) => credit.get(a) ?? 0;
    const d = (a: string) => debit.get(a) ?? 0;
    const expected: Record<string, number> = {
      due: deal.amount.amountMinor,
      paid: c("payer_funds_held") + c("payer_receivable"),
      held: c("payer_funds_held") - d("payer_funds_held"),
      released: c("payee_payable"),
      fees: c("platform_revenue") - d("platform_revenue"),
      refunded: c("refunds_payable"),
      "paid-out": d("payee_payable"),
      "refunded-out": d("refunds_payable"),
    };
    for (const [key, amountMinor] of Object.entries(expected)) {
      expect(await text(page, `money-${key}`), key).toBe(formatMoneyIn("en", { amountMinor, currency }));
    }
    expect(await page.getByTestId("ledger-line").count()).toBe(deal.payments.length);
    return expected;
  }

  /** Records the shipment's milestones in order, each by whichever party the page offers it to. */
  async function shipAndReceive(seller: Page, recycler: Page, title: string, netKg: string) {
    await recycler.goto("/shipments");
    await recycler
      .getByTestId("shipments-table")
      .locator("tr", { hasText: title })
      .getByRole("link")
      .first()
      .click();
    await recycler.waitForURL(/\/shipments\/[0-9a-f-]{36}$/);
    const shipmentPath = new URL(recycler.url()).pathname;
    for (let step = 0; step < 10; step++) {
      let recorded = false;
      for (const page of [recycler, seller]) {
        await page.goto(shipmentPath);
        const form = page.getByRole("form", { name: "Record the next milestone" });
        if ((await form.count()) === 0) continue;
        // The submit button: the form also holds a file input for evidence, which is a button too.
        const button = form.getByRole("button", { name: /^Record “/ });
        const label = /Record “(.+)”/.exec((await button.textContent()) ?? "")![1];
        if ((await form.locator('[name="packaging"]').count()) > 0) {
          await form.locator('[name="packaging"]').fill("P909, in UN-approved drums");
          await form.locator('[name="stateOfChargePct"]').fill("30");
        }
        if ((await form.locator('[name="netWeightKg"]').count()) > 0)
          await form.locator('[name="netWeightKg"]').fill(netKg);
        await button.click();
        await expect
          .poll(() => page.getByTestId("milestone-timeline").textContent(), { timeout: 20_000 })
          .toContain(label);
        if (label === "Received and weighed") return;
        recorded = true;
        break;
      }
      expect(recorded, "a party is offered the next milestone").toBe(true);
    }
    throw new Error("the shipment never reached “Received and weighed”");
  }

  /** Received → final weight (the receiving facility, on the deal page) → settled after the window. */
  async function releaseAndSettle(recycler: Page, seller: Page, dealPath: string) {
    await recycler.goto(dealPath);
    expect(await text(recycler, "deal-status")).toBe("Provisionally released");
    await expectPageEqualsLedger(seller, dealPath);
    await recycler.goto(dealPath);
    await recycler.locator('input[name="kg"]').fill("2000");
    await recycler.getByRole("button", { name: "Record the final weight" }).click();
    await expect.poll(() => text(recycler, "deal-status"), { timeout: 20_000 }).toBe("Final assessment");
    await expect
      .poll(
        async () => {
          await recycler.goto(dealPath);
          return text(recycler, "deal-status");
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe("Settled");
    for (const page of [recycler, seller]) {
      const figures = await expectPageEqualsLedger(page, dealPath);
      expect(figures.held).toBe(0);
      expect(figures.released + figures.fees).toBe(figures.paid);
    }
  }

  test("paid by wire above the card limit, released on receipt, settled after the window", async () => {
    const title = unique("Wired NMC modules");
    const seller = await pageAt();
    const lotId = await listLot(seller, title, "20,000.00");
    const recycler = await pageAt();
    await login(recycler, DEMO_ACCOUNTS.recycler);
    const dealPath = await sell(seller, recycler, lotId, title);

    // Above the card limit, in a currency Stripe cannot take by transfer: the manual rail.
    expect(await text(recycler, "deal-status")).toBe("Awaiting payment");
    const reference = await text(recycler, "payment-reference");
    expect(reference).toMatch(/^PL-DL-\d{6}$/);
    expect(await recycler.getByText("Packloop Test Ltd").count()).toBe(1);
    expect(await recycler.getByRole("link", { name: /by card/ }).count()).toBe(0);
    await expectPageEqualsLedger(recycler, dealPath);

    const admin = await pageAt();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/deals");
    const entry = admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! });
    await entry.locator('input[name="reference"]').fill(`BANK ${reference}`);
    await entry.getByRole("button", { name: "Record incoming wire" }).click();
    await admin.getByText("Wire recorded.").waitFor();
    await recycler.goto(dealPath);
    expect(await text(recycler, "deal-status")).toBe("Funded");
    expect((await expectPageEqualsLedger(recycler, dealPath)).held).toBe(2_000_000);

    await shipAndReceive(seller, recycler, title, "2000");
    await releaseAndSettle(recycler, seller, dealPath);

    // The seller's dashboard: nothing held any more, what was released to it from the ledger.
    await seller.goto("/dashboard");
    expect(
      await seller.getByTestId("money-card-released").locator('strong[data-currency="AUD"]').count(),
    ).toBe(1);
  }, 300_000);

  test("paid by card at Stripe Checkout below the card limit, funded by the webhook, then settled", async () => {
    const title = unique("Carded NMC modules");
    const seller = await pageAt();
    const lotId = await listLot(seller, title, "8,500.00");
    const recycler = await pageAt();
    await login(recycler, DEMO_ACCOUNTS.recycler);
    const dealPath = await sell(seller, recycler, lotId, title);

    // The payment outbox reaches the stand-in within seconds: then the Checkout button.
    const pay = recycler.getByRole("link", { name: /^Pay AUD\s8,500\.00 by card$/ });
    await expect
      .poll(
        async () => {
          await recycler.goto(dealPath);
          return pay.count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    standIn.holdWebhooks = true;
    await pay.click();
    await recycler.waitForURL(new RegExp(`^${standIn.url}/checkout/cs_test_`));
    expect(await recycler.locator("h1").textContent()).toBe("Pay AUD 8,500.00");
    await recycler.getByRole("button", { name: "Pay" }).click();

    // Back on the deal page before Stripe's webhook: the redirect funds nothing.
    await recycler.waitForURL(new RegExp(`${dealPath}\\?paid=1$`));
    expect(await text(recycler, "checkout-return")).toMatch(/Stripe is confirming your payment/);
    expect(await text(recycler, "deal-status")).toBe("Awaiting payment");
    expect((await expectPageEqualsLedger(seller, dealPath)).paid).toBe(0);
    const session = standIn.created("checkout.session").find((s) => s.status === "complete")!;
    expect(session).toMatchObject({ amount_total: 850_000, currency: "aud" });
    expect(standIn.objects.get(session.payment_intent as string)).toMatchObject({
      transfer_group: (session.metadata as Record<string, string>).dealId,
    });

    // The signed webhook arrives: the open page sees the deal funded without a reload.
    await recycler.goto(`${dealPath}?paid=1`);
    await standIn.releaseWebhooks();
    expect(standIn.deliveries.slice(-2)).toEqual([
      { type: "checkout.session.completed", status: 200 },
      { type: "payment_intent.succeeded", status: 200 },
    ]);
    await expect.poll(() => text(recycler, "deal-status"), { timeout: 15_000 }).toBe("Funded");
    expect(await text(recycler, "checkout-return")).toBe(
      "Stripe confirmed your payment: the deal is funded.",
    );
    expect((await expectPageEqualsLedger(recycler, dealPath)).held).toBe(850_000);

    await shipAndReceive(seller, recycler, title, "2000");
    await releaseAndSettle(recycler, seller, dealPath);
  }, 300_000);
});
