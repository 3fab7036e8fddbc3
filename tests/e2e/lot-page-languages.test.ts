// Issue 14 in Chromium, the lot page's server sentences (ADR 066): an Australian-dollar auction with
// a capacity booking the recycler accepted and a bid on it, opened by visitors reading Japanese and
// Thai. The derived values' basis and routing hint, the ladder's note, the booking note and the
// custody events' labels are the catalogue's sentences in that language, and the English ones are
// gone; then a new buyer (its own account: a language is saved on it) reads the bid form's amount
// preview in Japanese and in Thai. The browser fixture fails the test on any console error, so a
// hydration mismatch (the server's words differing from the browser's first render) fails it too.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import ja from "~/i18n/catalogues/ja.json";
import th from "~/i18n/catalogues/th.json";
import { lotBody } from "../fixtures/lots.ts";
import { DEMO_ACCOUNTS, login, newAccount, setupBrowser, signUp, unique } from "./browser.ts";

const browser = setupBrowser();

interface ApiFacility {
  name: string;
  acceptedChemistries: string[];
  acceptedForms: string[];
  acceptedConditions: string[];
  capacity: { id: string; month: string; freeTonnes: number; acceptedChemistries: string[] }[];
}

type Words = typeof ja.lotWords;
const WORDS: Record<"ja" | "th", Words> = { ja: ja.lotWords, th: th.lotWords };
const METALS = { ja: ja.insights.metals, th: th.insights.metals };

/** English sentences the page showed before, which must not appear in Japanese or Thai. */
const ENGLISH = [
  "Opening bid.",
  "Carried for recycling",
  "state of health",
  "is paid for",
  "paid at 70",
  "are booked at",
  "Capacity booking accepted",
];

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

let lot: {
  id: string;
  title: string;
  facility: string;
  payables: "lithium_only" | "nothing_paid" | "nickel_cobalt";
};

beforeAll(async () => {
  // The demo recycler's facility and a capacity window of this month or later with room.
  const recycler = await browser.newPage();
  await login(recycler, DEMO_ACCOUNTS.recycler);
  const postCapacity = recycler
    .locator("tr")
    .filter({ hasNotText: "E2E" })
    .getByRole("link", { name: "Post capacity" })
    .first();
  const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(
    (await postCapacity.getAttribute("href")) ?? "",
  )?.[1];
  expect(facilityId).toBeTruthy();
  const facility = (await (
    await recycler.request.get(`/api/v1/facilities/${facilityId}`)
  ).json()) as ApiFacility;
  const thisMonth = new Date().toISOString().slice(0, 7);
  const open = facility.capacity.filter((w) => w.month >= thisMonth && w.freeTonnes >= 2);
  const window = open.find((w) => w.acceptedChemistries.includes("LFP")) ?? open[0];
  expect(window, JSON.stringify(facility.capacity)).toBeTruthy();
  const chemistry = window!.acceptedChemistries.includes("LFP") ? "LFP" : window!.acceptedChemistries[0]!;

  // The demo fleet lists an intact LFP auction in AUD (state of health 85 %: a second-life hint).
  const seller = await browser.newPage();
  await login(seller, DEMO_ACCOUNTS.fleet);
  const title = unique("Languages lot page packs");
  const created = await seller.request.post("/api/v1/lots", {
    data: lotBody({
      title,
      status: "open",
      saleMode: "auction",
      chemistry,
      form: "pack",
      condition: "intact",
      count: 2,
      massKg: 1000,
      energyKwh: null,
      stateOfHealthPct: 85,
      currency: "AUD",
      askingPrice: undefined,
      startingPrice: { amountMinor: 1_000_000, currency: "AUD" },
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    }),
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The seller books the window; the recycler accepts: a booking and its custody event.
  const booked = await seller.request.post("/api/v1/bookings", {
    data: { capacityWindowId: window!.id, lotId: id },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const booking = (await booked.json()) as { id: string };
  const accepted = await recycler.request.post(`/api/v1/bookings/${booking.id}/accept`, { data: {} });
  expect(accepted.status(), await accepted.text()).toBe(200);

  // The demo buyer bids: the ladder's first row.
  const buyer = await browser.newPage();
  await login(buyer, DEMO_ACCOUNTS.buyer);
  const bid = await buyer.request.post(`/api/v1/lots/${id}/bids`, {
    data: { amount: { amountMinor: 1_000_000, currency: "AUD" } },
  });
  expect(bid.status(), await bid.text()).toBe(201);
  // The payables the value range rests on (lot-value.ts's DEFAULT_PAYABLE_RANGES).
  const payables = ["LFP", "LMFP", "LMO"].includes(chemistry)
    ? "lithium_only"
    : chemistry === "SODIUM_ION"
      ? "nothing_paid"
      : "nickel_cobalt";
  lot = { id, title, facility: facility.name, payables };
}, 120_000);

describe("the lot page's server sentences in the reader's language", () => {
  test.each([
    {
      locale: "ja-JP",
      lang: "ja" as const,
      booked: "として予約されています",
      custodyListed: "出品",
      custodyBooking: "処理能力の予約の承諾",
    },
    {
      locale: "th-TH",
      lang: "th" as const,
      booked: "จองไว้ที่",
      custodyListed: "ลงประกาศ",
      custodyBooking: "รับการจองกำลังการผลิต",
    },
  ])("a visitor reading $lang", async (c) => {
    const words = WORDS[c.lang];
    const page = await browser.newPage({ locale: c.locale });
    await page.goto(`/lots/${lot.id}`);
    expect(await page.locator("html").getAttribute("lang")).toBe(c.lang);
    await page.getByTestId("lot-page").waitFor();

    // Derived values: the routing hint with its figure, the transport basis with its package mark,
    // the payables behind the value.
    expect(await text(page, "routing-hint")).toBe(words.routing.soh_high.replace("{{soh}}", "85"));
    expect(await text(page, "transport-basis")).toBe(
      words.transport.recycling.replace("{{mark}}", "LITHIUM BATTERIES FOR RECYCLING"),
    );
    const derived = (await page.getByTestId("lot-derived").textContent()) ?? "";
    expect(derived).toContain(words.value[lot.payables]);
    // The contained metals by their names in the language (the reference prices' commodity names
    // below them are data, as their sources write them).
    const metals = await page
      .getByTestId("lot-derived")
      .locator("th[scope=row]")
      .evaluateAll((all) => all.map((el) => (el.textContent ?? "").trim()));
    expect(metals).toContain(METALS[c.lang].Li);
    expect(metals).not.toContain("Lithium");

    // The ladder's note on the one bid, and the booking note naming the facility.
    await expect.poll(() => text(page, "ladder-note")).toBe(words.ladder.opening);
    const booking = await text(page, "lot-reservation");
    expect(booking).toContain(lot.facility);
    expect(booking).toContain(c.booked);
    expect(booking).not.toMatch(/\{\{|lotWords/);

    // The custody events: listed and the booking accepted, in the language.
    const kinds = await page
      .getByTestId("custody-kind")
      .evaluateAll((all) => all.map((el) => (el.textContent ?? "").trim()));
    expect(kinds).toEqual(expect.arrayContaining([c.custodyListed, c.custodyBooking]));

    // None of the English sentences is left in the sections that showed them.
    for (const section of ["lot-derived", "bid-panel", "lot-custody"]) {
      const shown = (await page.getByTestId(section).textContent()) ?? "";
      for (const english of ENGLISH) expect(shown, `${section}: ${english}`).not.toContain(english);
    }
  });

  test("a new buyer reads the bid form's amount preview in Japanese, then in Thai", async () => {
    // Its own account: the language it picks is saved on it, never on a shared demo account.
    const page = browser.page;
    await signUp(page, { ...newAccount("lot-page-lang"), economy: "AU", capabilities: ["buyer"] });
    for (const lang of ["ja", "th"] as const) {
      await page.goto(`/lots/${lot.id}`);
      await page.locator(".language-switcher[data-ready=true]").waitFor();
      await page.locator("select[name=language]").selectOption(lang);
      await page.waitForFunction((code) => document.documentElement.lang === code, lang);
      await page.locator(".language-switcher[data-ready=true]").waitFor();
      await page.locator("#bid-amount").fill("12,500");
      const preview = page.getByTestId("amount-preview");
      await expect.poll(() => preview.textContent()).toMatch(/^= .*AUD.* ≈ USD [\d,.\s]+/);
      const shown = (await preview.textContent()) ?? "";
      const [, after] = WORDS[lang].preview.roughUsdDated.split("{{date}}");
      expect(shown).toContain(after!);
      expect(shown).toContain(lang === "ja" ? "のレート" : "อัตรา ณ");
      expect(shown).not.toContain("rate of");
    }
  });
});

// Issue 14 item 4 (ADR 051) on the seller's award panel: a purchase request's amount in the deal's
// currency with the seller organisation's display currency beside it, never inside a form.
describe("the award panel shows the seller's display currency", () => {
  test("a US-dollar request reads with Australian dollars beside it for an Australian seller", async () => {
    const seller = browser.page;
    // A new organisation in Australia: its display currency is the economy's, AUD.
    await signUp(seller, { ...newAccount("award-display"), economy: "AU", capabilities: ["seller"] });
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({ title: unique("Display currency award packs"), status: "open", currency: "USD" }),
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    const request = await buyer.request.post(`/api/v1/lots/${id}/bids`, {
      data: { amount: { amountMinor: 1_800_000, currency: "USD" } },
    });
    expect(request.status(), await request.text()).toBe(201);

    await seller.goto(`/lots/${id}`);
    const row = seller.locator('[data-testid="purchase-requests"] li').first();
    await row.waitFor();
    const sentence = row.locator("p").first();
    expect(((await sentence.locator(".money-own").textContent()) ?? "").trim()).toMatch(/^USD\s18,000\.00$/);
    expect(((await sentence.getByTestId("money-converted").textContent()) ?? "").trim()).toMatch(
      /^≈ AUD\s[\d,]+(\.\d{2})? at \d{1,2} [A-Z][a-z]{2} \d{4} rates$/,
    );
    // The converted figure is text beside the amount: no form holds it or sends it.
    expect(await seller.locator("form .money-converted").count()).toBe(0);
    const values = await seller
      .locator("input, select, textarea")
      .evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value));
    expect(values.filter((v) => /≈|AUD/.test(v))).toEqual([]);
  });
});
