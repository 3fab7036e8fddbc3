// Issue 14: a facility page's "Lots you can take" in Japanese — the headings, the note, and the near
// misses' reasons (a capacity shortfall worded from its facts, another blocker by its sentence), with
// no English sentence from the engine.
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, test } from "vitest";
import { FacilityLotsSection } from "~/components/facility-lots-section.tsx";
import type { FacilityLots, TakeableLot } from "~/domain/matching/match-view.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { i18nFor } from "~/i18n/i18n.ts";

const sale = {
  mode: "fixed",
  status: "open",
  priceKind: "asking",
  price: { amountMinor: 250_000, currency: "AUD" },
  bidCount: 0,
  closesAt: null,
} as unknown as TakeableLot["sale"];

const nearMiss = (
  lotId: string,
  number: number,
  blocker: TakeableLot["blockers"][number],
  capacity: TakeableLot["capacity"],
): TakeableLot => ({
  lotId,
  organizationId: "seller",
  number,
  title: "Leaf packs",
  economy: "AU",
  massKg: 12_500,
  chemistry: "NMC811",
  breakdown: null,
  transport: null,
  blockers: [blocker],
  capacity,
  sale,
});

const lots: FacilityLots = {
  candidates: 2,
  takeableCount: 0,
  takeable: [],
  nearMisses: [
    nearMiss(
      "l1",
      1,
      {
        code: "INSUFFICIENT_CAPACITY",
        message:
          "Hanul has at most 8 t free in any month between July 2026 and December 2026; this lot needs 12.5 t.",
      },
      {
        code: "tooSmall",
        firstMonth: "2026-07",
        lastMonth: "2026-12",
        chemistry: "NMC811",
        otherChemistries: [],
        maxFreeKg: 8000,
        neededKg: 12_500,
        currencies: [],
      },
    ),
    nearMiss("l2", 2, { code: "BORDER_RESTRICTED", message: "Australia's export rule forbids this." }, null),
  ],
};

describe("FacilityLotsSection in Japanese", () => {
  test("headings, note and near-miss reasons come from the catalogue", async () => {
    const i18n = i18nFor("ja", CATALOGUES.ja);
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <MemoryRouter>
          <FacilityLotsSection
            facility={{ id: "f1", name: "Hanul", economyCode: "KR", location: { lat: 35.9, lng: 126.7 } }}
            lots={lots}
            renderedAt="2026-12-07T12:00:00Z"
          />
        </MemoryRouter>
      </I18nextProvider>,
    );
    const text = html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
    expect(text).toContain("受け入れ可能なロット");
    expect(text).toContain("公開中のロットは 0 件です");
    expect(text).toContain("1 つの理由だけで受け入れられないロット");
    expect(text).toContain(
      "Hanulの2026年7月から2026年12月までの空きは、どの月も最大8 tです。このロットには12.5 tが必要です。",
    );
    expect(text).toContain("オーストラリア");
    expect(text).toContain("12.5 t");
    expect(text).not.toMatch(/Lots you can take|between July|export rule|this lot needs/);
  });
});
