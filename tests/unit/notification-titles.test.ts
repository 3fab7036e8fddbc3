// Issue 15 item 8: every notification's title names the lot it concerns, so the bell list and an
// inbox say which lot each notice is about. Issue 14: the words are in the catalogues, so a title is
// read in its recipient's language. The table is every kind × every variant (the digests in each
// of their wordings) × every language; a kind without a title, a language without one, or a
// title that forgets the lot fails here.
import { describe, expect, test } from "vitest";
import {
  isNoticeTitle,
  lotTitleFacts,
  NOTIFICATION_KINDS,
  NOTIFICATION_TITLES,
  type NoticeTitle,
  type TitleFacts,
} from "~/domain/notification-titles.ts";
import { flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { noticeTitleIn } from "~/i18n/notice-title.ts";

const facts: TitleFacts = {
  lot: "PL-000072",
  lotTitle: "Spent NMC modules from a bus fleet",
  deal: "DL-000012",
  amount: "USD 1,200.00",
  due: "2026-12-07 10:00 UTC",
  date: "7 Dec 2026",
  facility: "Kestrel Recovery Works",
  organization: "Harbourline Fleet Services",
  tonnes: "1.2 t",
  month: "January 2027",
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
