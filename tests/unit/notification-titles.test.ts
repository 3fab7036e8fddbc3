// Issue 15 item 8: every notification's title names the lot it concerns, so the bell list and an
// inbox say which lot each notice is about. Issue 14: the words are in the catalogues, so a title is
// read in its recipient's language. The table is every kind × every variant (the digests in each
// of their wordings) × every language; a kind without a title, a language without one, or a
// title that forgets the lot fails here.
import { describe, expect, test } from "vitest";
import { noticeMonth, noticeTonnes } from "~/domain/notice-text.ts";
import {
  isNoticeTitle,
  lotTitleFacts,
  NOTIFICATION_KINDS,
  NOTIFICATION_TITLES,
  type NoticeTitle,
  type TitleFacts,
  titleMoney,
} from "~/domain/notification-titles.ts";
import { flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { noticeTitleIn } from "~/i18n/notice-title.ts";

const facts: TitleFacts = {
  lot: "PL-000072",
  lotTitle: "Spent NMC modules from a bus fleet",
  deal: "DL-000012",
  amount: titleMoney(120_000, "USD"),
  due: "2026-12-07 10:00 UTC",
  date: "7 Dec 2026",
  facility: "Kestrel Recovery Works",
  organization: "Harbourline Fleet Services",
  tonnes: noticeTonnes(1_200),
  month: noticeMonth("2027-01"),
  reason: "wrong weight",
  count: 3,
  searches: '"NMC in Chile"',
  searchCount: 1,
};

// The digests word one lot and many lots, one saved search and several, differently: each wording.
const FACT_VARIANTS: TitleFacts[] = [
  facts,
  { ...facts, count: 1, searchCount: 1 },
  { ...facts, count: 1, searchCount: 2 },
  { ...facts, count: 4, searchCount: 2 },
];

const rows = NOTIFICATION_KINDS.flatMap((kind) =>
  Object.entries(NOTIFICATION_TITLES[kind] as Record<string, (f: TitleFacts) => NoticeTitle>).flatMap(
    ([variant, title]) => {
      const seen = new Map<string, NoticeTitle>();
      for (const f of FACT_VARIANTS) seen.set(title(f).key, title(f));
      return [...seen.values()].map((notice) => ({ kind, variant, key: notice.key, notice }));
    },
  ),
);

describe("every notification title names the lot, in every language", () => {
  test("every kind has at least one title", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(Object.keys(NOTIFICATION_TITLES[kind]).length, kind).toBeGreaterThan(0);
    }
    expect(Object.keys(NOTIFICATION_TITLES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  test("every title's message is in every catalogue", () => {
    const missing = LANGUAGE_CODES.flatMap((language) => {
      const messages = flattenCatalogue(CATALOGUES[language]);
      return rows.filter((row) => !messages.has(row.key)).map((row) => `${language}: ${row.key}`);
    });
    expect(missing).toEqual([]);
  });

  test.each(LANGUAGE_CODES.flatMap((language) => rows.map((row) => ({ language, ...row }))))(
    "$language: $key names PL-000072",
    ({ language, notice }) => {
      const text = noticeTitleIn(notice, language);
      expect(text).toContain("PL-000072");
      // Worded from the catalogue, not the key echoed back.
      expect(text).not.toContain("notifications.titles");
      expect(text).not.toMatch(/\{\{|\}\}/);
    },
  );

  test.each(
    LANGUAGE_CODES.flatMap((language) =>
      rows
        .filter((r) => r.kind.startsWith("deal_") || r.kind.startsWith("dispute_"))
        .map((row) => ({ language, ...row })),
    ),
  )("$language: $key names the deal or the lot's title too", ({ language, notice }) => {
    const text = noticeTitleIn(notice, language);
    expect(text.includes("DL-000012") || text.includes(facts.lotTitle)).toBe(true);
  });

  test("a translated title is the language's own words, not English", () => {
    const outbid = NOTIFICATION_TITLES.outbid.bidder(lotTitleFacts({ number: 72, title: "NMC packs" }));
    expect(noticeTitleIn(outbid, "ja")).toBe("ロット PL-000072 で上回る入札がありました — NMC packs");
    expect(noticeTitleIn(outbid, "ko")).toBe("로트 PL-000072에서 더 높은 입찰이 나왔습니다 — NMC packs");
    expect(noticeTitleIn(outbid, "th")).toBe("มีผู้เสนอราคาสูงกว่าคุณในล็อต PL-000072 — NMC packs");
    const english = rows.map((row) => noticeTitleIn(row.notice, "en"));
    for (const language of LANGUAGE_CODES.filter((code) => code !== "en")) {
      const translated = rows.map((row) => noticeTitleIn(row.notice, language));
      const same = translated.filter((text, i) => text === english[i]);
      expect(same, language).toEqual([]);
    }
  });

  test("a one-lot digest and a many-lot digest both name the first lot", () => {
    const one = NOTIFICATION_TITLES.lot_matches.facilityDigest({ lot: "PL-000072", count: 1 });
    const four = NOTIFICATION_TITLES.lot_matches.facilityDigest({ lot: "PL-000072", count: 4 });
    expect(noticeTitleIn(one, "en")).toBe("New lot PL-000072 your facility can take");
    expect(noticeTitleIn(four, "en")).toBe("4 new lots your facility can take (PL-000072 and more)");
    expect(noticeTitleIn(four, "ja")).toBe("自社施設で受け入れられる新しいロット 4 件（PL-000072 ほか）");
  });

  test("the outbid title is the issue's wording in English", () => {
    const title = NOTIFICATION_TITLES.outbid.bidder(lotTitleFacts({ number: 72, title: "NMC packs" }));
    expect(isNoticeTitle(title)).toBe(true);
    expect(noticeTitleIn(title, "en")).toBe("Outbid on PL-000072 — NMC packs");
    // Fixed text passes through as it is.
    expect(noticeTitleIn("Welcome", "ja")).toBe("Welcome");
  });
});

// Issue 14: "wherever more than one currency can appear on a page, every amount carries its ISO
// code". A title's amount is money, worded per recipient: the code, the language's digits and
// separators, the currency's own decimals (none for yen and won), never "A$" or "¥".
describe("a title's amount is written in its reader's language with its ISO code", () => {
  const funded = (amountMinor: number, currency: string) =>
    NOTIFICATION_TITLES.deal_funded.party({
      deal: "DL-000012",
      lot: "PL-000072",
      amount: titleMoney(amountMinor, currency),
    });
  test.each([
    ["en", 123_456_789, "AUD", "Deal DL-000012 (PL-000072) is funded: AUD 1,234,567.89 held"],
    [
      "ja",
      123_456_789,
      "AUD",
      "取引 DL-000012（ロット PL-000072） の入金がありました：AUD 1,234,567.89 を預かり中",
    ],
    ["th", 123_456_789, "AUD", "ดีล DL-000012 (ล็อต PL-000072) ได้รับเงินแล้ว: ถือไว้ AUD 1,234,567.89"],
    ["vi", 123_456_789, "AUD", "Giao dịch DL-000012 (lô PL-000072) đã có tiền: giữ 1.234.567,89 AUD"],
    ["en", 1_234_567, "JPY", "Deal DL-000012 (PL-000072) is funded: JPY 1,234,567 held"],
    [
      "ja",
      1_234_567,
      "JPY",
      "取引 DL-000012（ロット PL-000072） の入金がありました：JPY 1,234,567 を預かり中",
    ],
    ["th", 1_234_567, "JPY", "ดีล DL-000012 (ล็อต PL-000072) ได้รับเงินแล้ว: ถือไว้ JPY 1,234,567"],
    ["vi", 1_234_567, "JPY", "Giao dịch DL-000012 (lô PL-000072) đã có tiền: giữ 1.234.567 JPY"],
    ["en", 98_765_432, "KRW", "Deal DL-000012 (PL-000072) is funded: KRW 98,765,432 held"],
    [
      "ja",
      98_765_432,
      "KRW",
      "取引 DL-000012（ロット PL-000072） の入金がありました：KRW 98,765,432 を預かり中",
    ],
    ["th", 98_765_432, "KRW", "ดีล DL-000012 (ล็อต PL-000072) ได้รับเงินแล้ว: ถือไว้ KRW 98,765,432"],
    ["vi", 98_765_432, "KRW", "Giao dịch DL-000012 (lô PL-000072) đã có tiền: giữ 98.765.432 KRW"],
  ] as const)("%s: %i minor %s", (language, amountMinor, currency, expected) => {
    // Intl puts a no-break space between the code and the figure; compare with plain spaces.
    expect(noticeTitleIn(funded(amountMinor, currency), language).replaceAll("\u00a0", " ")).toBe(expected);
  });

  test("every title with an amount writes the code in every language, and no symbol", () => {
    // Every title is given every fact in this table; those whose message names the amount write it.
    const english = flattenCatalogue(CATALOGUES.en);
    const withAmount = rows.filter((row) => String(english.get(row.key)).includes("{{amount}}"));
    expect(withAmount.map((row) => row.key).sort()).toEqual([
      "notifications.titles.deal_created.payee",
      "notifications.titles.deal_created.payer",
      "notifications.titles.deal_funded.party",
      "notifications.titles.deal_paid_out.payee",
      "notifications.titles.deal_refunded.payer",
    ]);
    for (const language of LANGUAGE_CODES)
      for (const row of withAmount) {
        const text = noticeTitleIn(row.notice, language);
        expect(text, `${language} ${row.key}`).toContain("USD");
        expect(text, `${language} ${row.key}`).not.toMatch(/\$|\[object/);
      }
  });
});
