// Certificates of recovery in real Chromium against the production server with demo data (issue 12
// item 5): anyone, without logging in, opens a seeded certificate's verify page and sees its chain
// of custody verified; the PDF it links to and the API say the same certificate.
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, test } from "vitest";
import { baseUrl, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("certificate of recovery", () => {
  test("a seeded certificate's public verify page shows the chain verified, with its PDF and JSON", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/verify/PL-COR-000001`);
    const verdict = page.getByTestId("verify-verdict");
    await expect.poll(() => verdict.count()).toBe(1);
    expect(await verdict.textContent()).toMatch(/Chain of custody verified/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("PL-COR-000001");
    expect(await page.getByTestId("verify-metals").locator("tbody tr").count()).toBeGreaterThan(0);
    const pdf = await page.request.get(`${baseUrl()}/certificates/PL-COR-000001.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const api = await page.request.get(`${baseUrl()}/api/v1/certificates/PL-COR-000001`);
    expect(await api.json()).toMatchObject({
      number: "PL-COR-000001",
      chain: { verified: true, headMatches: true },
    });
  });

  // Issue 14 (ADR 064): the production server finds the Noto fonts in node_modules and embeds them.
  test("Accept-Language ja: the certificate PDF is in Japanese, its data as written", async () => {
    const page = await browser.newPage();
    const pdf = await page.request.get(`${baseUrl()}/certificates/PL-COR-000001.pdf`, {
      headers: { "Accept-Language": "ja-JP,ja;q=0.9" },
    });
    expect(pdf.status()).toBe(200);
    const bytes = new Uint8Array(await pdf.body());
    expect(bytes.length).toBeLessThan(300_000);
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain("回収証明書");
    expect(text).toContain("管理の連鎖");
    expect(text).toContain("番号 PL-COR-000001");
    expect(text).not.toContain("Certificate of recovery");
    expect(text).not.toContain("?");
  });

  // Issue 14: the public verify page in the reader's language.
  test.each([
    {
      locale: "ja-JP",
      heading: "回収証明書 PL-COR-000001",
      verdict: /管理の連鎖を検証しました/,
      metals: "回収された金属",
    },
    {
      locale: "es-CL",
      heading: "Certificado de valorización PL-COR-000001",
      verdict: /Cadena de custodia verificada/,
      metals: "Metales recuperados",
    },
  ])("Accept-Language $locale: the verify page in that language", async (c) => {
    const page = await browser.newPage({ locale: c.locale });
    await page.goto(`${baseUrl()}/verify/PL-COR-000001`);
    await page.locator(".language-switcher[data-ready=true]").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(c.heading);
    expect(await page.getByTestId("verify-verdict").textContent()).toMatch(c.verdict);
    expect(await page.getByRole("heading", { level: 2, name: c.metals }).count()).toBe(1);
    expect(await page.getByTestId("verify-metals").locator("tbody tr").count()).toBeGreaterThan(0);
  });
});
