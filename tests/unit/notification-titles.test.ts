// Issue 15 item 8: every notification's title names the lot it concerns, so the bell list and an
// inbox say which lot each notice is about. The table is every kind × every variant the catalogue
// has; a kind without a title, or a title that forgets the lot, fails here.
import { describe, expect, test } from "vitest";
import {
  lotTitleFacts,
  NOTIFICATION_KINDS,
  NOTIFICATION_TITLES,
  type TitleFacts,
} from "~/domain/notification-titles.ts";

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

const rows = NOTIFICATION_KINDS.flatMap((kind) =>
  Object.entries(NOTIFICATION_TITLES[kind] as Record<string, (f: TitleFacts) => string>).map(
    ([variant, title]) => ({ kind, variant, title }),
  ),
);

describe("every notification title names the lot", () => {
  test("every kind has at least one title", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(Object.keys(NOTIFICATION_TITLES[kind]).length, kind).toBeGreaterThan(0);
    }
    expect(Object.keys(NOTIFICATION_TITLES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  test.each(rows)("$kind ($variant) names PL-000072", ({ title }) => {
    expect(title(facts)).toContain("PL-000072");
  });

  test.each(rows.filter((r) => r.kind.startsWith("deal_") || r.kind.startsWith("dispute_")))(
    "$kind ($variant) names the deal or the lot's title too",
    ({ title }) => {
      const text = title(facts);
      expect(text.includes("DL-000012") || text.includes(facts.lotTitle)).toBe(true);
    },
  );

  test("a one-lot digest and a many-lot digest both name the first lot", () => {
    expect(NOTIFICATION_TITLES.lot_matches.facilityDigest({ lot: "PL-000072", count: 1 })).toBe(
      "New lot PL-000072 your facility can take",
    );
    expect(NOTIFICATION_TITLES.lot_matches.facilityDigest({ lot: "PL-000072", count: 4 })).toBe(
      "4 new lots your facility can take (PL-000072 and more)",
    );
  });

  test("the outbid title is the issue's wording", () => {
    expect(NOTIFICATION_TITLES.outbid.bidder(lotTitleFacts({ number: 72, title: "NMC packs" }))).toBe(
      "Outbid on PL-000072 — NMC packs",
    );
  });
});
