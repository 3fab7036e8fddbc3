// Issue 14 in Chromium, the pages' own text: /lots in Korean and Spanish (heading, filter labels,
// the count through the language's plural rules), a filter kept across a language switch, and
// /login in Vietnamese with its error for a wrong password written in Vietnamese too. The browser
// fixture fails a test on any console error, so a hydration mismatch (the server's text differing
// from the browser's first render) fails it as well.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

async function hydrated(page: Page) {
  // The language switcher submits by itself only once React has hydrated the page.
  await page.locator(".language-switcher[data-ready=true]").waitFor();
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").trim();

const legends = (page: Page) =>
  page.locator("#lot-filters legend").evaluateAll((all) => all.map((l) => (l.textContent ?? "").trim()));

describe("/lots in the reader's language", () => {
  test.each([
    {
      locale: "ko-KR",
      lang: "ko",
      title: "배터리 로트",
      legends: ["화학 조성", "형태", "상태", "중량", "건강 상태", "경제권", "판매 방식", "진행 상태"],
      count: /^\d[\d,]*개 로트$/,
      column: "로트",
      search: "검색",
    },
    {
      locale: "es-CL",
      lang: "es",
      title: "Lotes de baterías",
      legends: [
        "Química",
        "Forma",
        "Condición",
        "Masa",
        "Estado de salud",
        "Economía",
        "Modalidad de venta",
        "Estado",
      ],
      count: /^\d[\d.,\u00a0]* (de )?lotes?$/,
      column: "Lote",
      search: "Buscar",
    },
  ])("Accept-Language $locale: heading, filter labels and the count", async (c) => {
    const page = await browser.newPage({ locale: c.locale });
    await page.goto("/lots?view=list");
    await hydrated(page);
    expect(await page.locator("html").getAttribute("lang")).toBe(c.lang);
    expect(await page.title()).toBe(`${c.title} · Packloop`);
    expect(await text(page, "h1")).toBe(c.title);
    expect(await legends(page)).toEqual(c.legends);
    expect(await text(page, "label[for=lot-q]")).toBe(c.search);
    const count = await text(page, "[data-testid=result-count]");
    expect(count).toMatch(c.count);
    // Some lots are open in the demo data, and the list's head is translated too.
    expect(Number(count.replace(/\D/g, ""))).toBeGreaterThan(1);
    expect(await text(page, "[data-testid=lot-list] thead th")).toBe(c.column);
    // The English words are gone from the filters (not just added to).
    expect(await page.locator("#lot-filters").textContent()).not.toContain("State of health");
  });

  test("a filter choice survives switching the language", async () => {
    const page = await browser.newPage({ locale: "en-GB" });
    await page.goto("/lots?view=list&form=black_mass&sort=mass_desc");
    await hydrated(page);
    expect(await page.getByRole("checkbox", { name: "Black mass", exact: true }).isChecked()).toBe(true);
    const english = await text(page, "[data-testid=result-count]");
    expect(english).toMatch(/^\d[\d,]* lots?$/);

    await page.locator("select[name=language]").selectOption("es");
    await page.waitForFunction(() => document.documentElement.lang === "es");
    await hydrated(page);
    const here = new URL(page.url());
    expect(here.pathname).toBe("/lots");
    expect(here.searchParams.get("form")).toBe("black_mass");
    expect(here.searchParams.get("sort")).toBe("mass_desc");
    // The same box, now labelled in Spanish, is still ticked; the sort keeps its choice; the same
    // number of lots, counted in Spanish.
    expect(await page.getByRole("checkbox", { name: "Masa negra", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Celdas", exact: true }).isChecked()).toBe(false);
    expect(await page.locator("#lot-sort").inputValue()).toBe("mass_desc");
    expect(await text(page, "#lot-sort option:checked")).toBe("Más pesados primero");
    const spanish = await text(page, "[data-testid=result-count]");
    expect(spanish).toMatch(/^\d[\d.,\u00a0]* (de )?lotes?$/);
    expect(spanish.replace(/\D/g, "")).toBe(english.replace(/\D/g, ""));
  });
});

describe("/login in Vietnamese", () => {
  test("the form and a wrong password's error are in Vietnamese", async () => {
    const page = await browser.newPage({ locale: "vi-VN" });
    await page.goto("/login");
    await hydrated(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await text(page, "h1")).toBe("Đăng nhập");
    expect(await text(page, "label[for=field-email]")).toBe("Email");
    expect(await text(page, "label[for=field-password]")).toBe("Mật khẩu");
    const submit = page.locator("form:has([name=password]) button[type=submit]");
    expect(((await submit.textContent()) ?? "").trim()).toBe("Đăng nhập");
    expect(await page.getByRole("link", { name: "Quên mật khẩu?" }).count()).toBe(1);

    // An empty form: the field errors come back in Vietnamese, under the fields they name.
    await submit.click();
    await page.locator("#email-error").waitFor();
    expect(await text(page, "#email-error")).toBe("Nhập địa chỉ email của bạn.");
    expect(await text(page, "#password-error")).toBe("Nhập mật khẩu của bạn.");

    // A wrong password (an address with no account answers the same, and throttles no demo account).
    await page.locator("input[name=email]").fill(`${unique("nobody")}@packloop.test`);
    await page.locator("input[name=password]").fill("not-the-password");
    await submit.click();
    const error = page.locator(".form-error[role=alert]");
    await error.waitFor();
    expect(((await error.textContent()) ?? "").trim()).toBe("Email hoặc mật khẩu không đúng.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.locator("main").textContent()).not.toContain("incorrect");
  });
});

describe("the admin, saved-search and notification pages in the reader's language", () => {
  test("/admin/factors in Vietnamese: title, headings, the bell, and a refused value's error", async () => {
    const page = await browser.newPage({ locale: "vi-VN" });
    await login(page, DEMO_ACCOUNTS.admin);
    await page.goto("/admin/factors");
    await hydrated(page);
    expect(await page.title()).toBe("Thông số logistics và thị trường · Packloop");
    expect(await text(page, "h1")).toBe("Thông số logistics và thị trường");
    expect(await text(page, "[data-testid=current-factors] thead th")).toBe("Thông số");
    expect(await text(page, "#add-value h2")).toBe("Thêm giá trị");
    expect(await page.locator("a.notification-bell").getAttribute("aria-label")).toMatch(/^Thông báo, /);

    // Out of bounds: refused by field, in Vietnamese (nothing is written).
    await page.locator("#field-key").selectOption("border.crossing_days");
    await page.locator("#field-value").fill("90");
    await page.locator("#field-asOf").fill("2026-01-10");
    await page.locator("#field-sourceUrl").fill("https://example.com/border-times");
    await page.getByRole("button", { name: "Thêm giá trị" }).click();
    // The unit in Vietnamese too, as Intl writes days (ADR 067).
    await expect.poll(() => text(page, "#value-error")).toBe("Nhập giá trị từ 0 đến 60 ngày.");

    await page.goto("/admin/outbox");
    await hydrated(page);
    expect(await text(page, "h1")).toBe("Hộp thư đi");
    expect(await page.locator('select[name="kind"] option').first().textContent()).toBe("Mọi loại");
  });

  test("/searches and /notifications in Japanese", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await login(page, DEMO_ACCOUNTS.buyer);
    await page.goto("/searches");
    await hydrated(page);
    expect(await page.title()).toBe("保存した検索 · Packloop");
    expect(await text(page, "h1")).toBe("保存した検索");
    expect(await page.getByRole("link", { name: "ロットのページ" }).count()).toBe(1);

    await page.goto("/notifications");
    await hydrated(page);
    expect(await page.title()).toBe("お知らせ · Packloop");
    expect(await text(page, "h1")).toBe("お知らせ");
    expect(await page.getByRole("link", { name: "ウォッチリスト" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "メールの設定" }).count()).toBe(1);
    expect(await page.locator("main").textContent()).not.toContain("Email choices");
  });
});

describe("/lots/new in Japanese", () => {
  test("the listing form and the field problems its action sends back are in Japanese", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/new");
    await hydrated(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(await page.title()).toBe("ロットを出品 · Packloop");
    expect(await text(page, "h1")).toBe("ロットを出品");
    expect(await text(page, "label[for=field-massKg]")).toBe("総質量（kg）");
    expect(await text(page, "label[for=field-lat]")).toBe("緯度");
    expect(await text(page, "label[for=field-doc_photo]")).toBe("写真");
    // The form's own labels for codes come from the lots namespace: "Battery packs" is バッテリーパック.
    expect(await page.locator("#field-form option[value=pack]").textContent()).toBe("バッテリーパック");

    // Published empty: the action words each problem in Japanese, beside its field.
    await page.locator("#field-title").fill("");
    await page.getByRole("button", { name: "公開", exact: true }).click();
    await page.locator("#title-error").waitFor();
    expect(await text(page, "#title-error")).toBe(
      "ロットにタイトルを付けてください（例：「日産リーフ パック 24 個、40 kWh」）。",
    );
    expect(await text(page, "#count-error")).toBe(
      "ロットに含まれる単位の数（パック、モジュール、セル、袋）を入力してください。",
    );
    expect(await text(page, ".lot-form > .form-error")).toBe(
      "下の印の付いた項目を修正し、ファイルをもう一度選んでください。",
    );
    expect(await page.locator("main").textContent()).not.toContain("Enter the gross mass");
  });
});
