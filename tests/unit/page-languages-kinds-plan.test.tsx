// Issue 14: pages a language hunt found still in English on a Japanese page. The email-preferences
// form labels each kind of notice from the catalogues (`notifications.kinds.*`), and the /plan
// page's tables — headings, columns, empty states and each unassigned lot's reason, worded from
// its code and facts — are in the page's language. The domain's English stays for the API.

import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, test, vi } from "vitest";
import type { PlanView } from "~/domain/matching/plan-view.ts";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from "~/domain/notification-titles.ts";
import { flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import { LANGUAGE_CODES, type LanguageCode } from "~/i18n/languages.ts";

const loaderData = vi.hoisted(() => ({ current: {} as unknown }));
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => loaderData.current,
  useActionData: () => undefined,
  Form: ({ children }: { children: React.ReactNode }) => <form>{children}</form>,
  Link: ({ children, to }: { children: React.ReactNode; to: string }) => <a href={to}>{children}</a>,
}));

const { default: NotificationSettings } = await import("~/routes/settings.notifications.tsx");
const { PlanTables } = await import("~/components/plan-tables.tsx");

const inLanguage = (code: LanguageCode, element: React.ReactElement) =>
  renderToString(<I18nextProvider i18n={i18nFor(code, CATALOGUES[code])}>{element}</I18nextProvider>);

describe("the kinds of notice on the email-preferences form", () => {
  test("English's catalogue says what the domain's English table says, kind by kind", () => {
    const english = flattenCatalogue(CATALOGUES.en);
    for (const kind of NOTIFICATION_KINDS)
      expect(english.get(`notifications.kinds.${kind}`), kind).toBe(NOTIFICATION_KIND_LABELS[kind]);
  });

  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))("%s translates every kind", (code) => {
    const messages = flattenCatalogue(CATALOGUES[code]);
    const untranslated = NOTIFICATION_KINDS.filter(
      (kind) =>
        (messages.get(`notifications.kinds.${kind}`) ?? NOTIFICATION_KIND_LABELS[kind]) ===
        NOTIFICATION_KIND_LABELS[kind],
    );
    expect(untranslated).toEqual([]);
  });

  test("the form in Japanese labels each box in Japanese, none in English", () => {
    loaderData.current = {
      email: "aiko@example.com",
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, emailed: kind !== "outbid" })),
    };
    const html = inLanguage("ja", <NotificationSettings />);
    expect(html).toContain("より高い入札があった");
    expect(html).toContain("ウォッチ中のロットがまもなく終了");
    expect(html).toContain("プラットフォームが紛争を裁定した");
    for (const kind of NOTIFICATION_KINDS) expect(html).not.toContain(`>${NOTIFICATION_KIND_LABELS[kind]}<`);
    expect(html).not.toMatch(/notifications\.kinds/);
  });
});

// A plan with a row in every table and one unassigned lot per reason, each with its facts and the
// domain's English sentence (what the API answers).
const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const view = {
  mine: null,
  plan: {
    totals: {
      byEconomyPair: [
        {
          key: "AU>KR",
          from: "AU",
          to: "KR",
          lots: 2,
          tonnes: 12.5,
          netValue: usd(1_250_000),
          freightCost: usd(90_000),
          co2eKg: 3_400,
          chemistries: [],
        },
        {
          key: "CL>CL",
          from: "CL",
          to: "CL",
          lots: 1,
          tonnes: 4,
          netValue: usd(300_000),
          freightCost: usd(10_000),
          co2eKg: 200,
          chemistries: [],
        },
      ],
    },
  },
  utilisation: [
    {
      facilityId: "f1",
      name: "Kestrel Recovery Works",
      economy: "KR",
      capacityTonnes: 100,
      bookedTonnes: 20,
      plannedTonnes: 12.5,
      share: 0.325,
    },
  ],
  shortfalls: [{ economy: "AU", capacityShortTonnes: 10, noFacilityTonnes: 5, unprofitableTonnes: 10 }],
  blocked: [
    { from: "AU", to: "CN", pairs: 4, blocked: 3, byCode: { BORDER_RESTRICTED: 3, FORM_NOT_ACCEPTED: 1 } },
  ],
  blockedMore: 2,
  unassignedCount: 4,
  unassignedReasons: { NO_FEASIBLE_FACILITY: 1, NO_POSITIVE_VALUE: 1, CAPACITY_TAKEN: 2 },
  unassigned: [
    {
      lotId: "bm",
      title: "Black mass",
      economy: "AU",
      tonnes: 5,
      reason: "NO_FEASIBLE_FACILITY",
      message:
        "No facility can take this lot: 2 facilities do not accept its form; 1 facility does not accept its chemistry.",
      facts: { blockers: { CHEMISTRY_NOT_ACCEPTED: 1, FORM_NOT_ACCEPTED: 2 } },
    },
    {
      lotId: "lmo",
      title: "LMO packs",
      economy: "AU",
      tonnes: 10,
      reason: "NO_POSITIVE_VALUE",
      message:
        "Every facility that can take this lot would cost its seller more than it pays, after freight and the CO2 price: the best option comes to -$3,000.00.",
      facts: { best: usd(-300_000) },
    },
    {
      lotId: "far",
      title: "Perth modules",
      economy: "AU",
      tonnes: 5,
      reason: "CAPACITY_TAKEN",
      message:
        "5 t of this lot found no room: the windows it could use are full of lots that gain more from them.",
      facts: { partial: true },
    },
  ],
} as unknown as PlanView;

describe("the /plan page's tables in the page's language", () => {
  test("in Japanese: headings, columns, notes and every unassigned lot's reason, none in English", () => {
    const html = inLanguage("ja", <PlanTables view={view} />).replaceAll("\u00a0", " ");
    for (const text of [
      "経済圏の組み合わせ別の流れ",
      "<th>正味価値</th>",
      "処理能力の利用率",
      "処理能力が足りない所と、規則が妨げているもの",
      "<th>空き不足</th>",
      "ほかに 2 組の経済圏の組み合わせに",
      "未割当のロット（4）",
      "（最初の 3 件を表示）",
      "1 件：受け入れ可能な施設がない",
      // The reasons, from their codes and facts: the larger count first, the amount with its code.
      "このロットを受け入れられる施設はありません：2 施設がその形態を受け入れない、1 施設がその化学組成を受け入れない。",
      "最善の選択肢で -USD 3,000.00 です。",
      "このロットのうち 5 t は空きが見つかりませんでした",
    ])
      expect(html).toContain(text);
    // Nothing of the English page is left, and no key shows through.
    for (const english of [
      "Flows by economy pair",
      "Net value",
      "Capacity utilisation",
      "Short of room",
      "Blocked pairs",
      "Unassigned lots",
      "No facility can take",
      "Every facility",
      "found no room",
      "more economy",
      "listed",
    ])
      expect(html).not.toContain(english);
    expect(html).not.toMatch(/plan\.table\.|\{\{/);
  });

  test("in English the reasons read as the domain's sentences (the API's)", () => {
    const html = inLanguage("en", <PlanTables view={view} />);
    // The utilisation line as the e2e reads it (tests/e2e/plan.test.ts).
    expect(html).toMatch(/ of [\d,.]+ t \(\d+ %\)/);
    for (const u of view.unassigned) expect(html).toContain(u.message.replace("-$", "-US$").slice(0, 40));
  });

  test("a reason without its facts falls back to the domain's sentence", () => {
    const old = { ...view, unassigned: [{ ...view.unassigned[1], facts: undefined }] } as unknown as PlanView;
    expect(inLanguage("ja", <PlanTables view={old} />)).toContain("Every facility that can take this lot");
  });
});
