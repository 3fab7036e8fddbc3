// Issue 14: a facility page words why its capacity cannot take a lot in the reader's language, from
// the choice's code and facts (capacity-choice.ts); the API keeps capacityMessage's English.
import { describe, expect, it } from "vitest";
import {
  type CapacityShortfall,
  capacityMessage,
  capacityShortfall,
  chooseWindow,
  horizonFor,
} from "~/domain/matching/capacity-choice.ts";
import { REFERENCE_FX_RATES } from "~/domain/matching/fx-rates.ts";
import type { MatchCapacityWindow } from "~/domain/matching/types.ts";
import { capacityShortfallIn } from "~/i18n/capacity-words.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";

const horizon = horizonFor("2026-07", "2026-07-15", 6);

function window(
  month: string,
  tonnes: number,
  extra: Partial<MatchCapacityWindow> = {},
): MatchCapacityWindow {
  return {
    month,
    tonnes,
    pricePerTonne: { amountMinor: 50_000, currency: "USD" },
    priceKind: "gate_fee",
    ...extra,
  };
}

function shortfall(windows: MatchCapacityWindow[], massKg = 12_500) {
  const choice = chooseWindow(windows, "NMC811", massKg, horizon, REFERENCE_FX_RATES);
  if (choice.ok) throw new Error("expected no window");
  return { facts: capacityShortfall(choice, "NMC811", massKg, horizon), choice };
}

describe("capacityShortfall: a code and the facts behind it", () => {
  it.each([
    ["no window in the horizon", [window("2027-03", 100)], { code: "noWindows" }],
    [
      "windows reserved for other chemistries",
      [window("2026-08", 100, { acceptedChemistries: ["LFP", "LMFP"] })],
      { code: "chemistryReserved", otherChemistries: ["LFP", "LMFP"] },
    ],
    ["fully booked", [window("2026-08", 20, { bookedTonnes: 20 })], { code: "fullyBooked", maxFreeKg: 0 }],
    [
      "too little room",
      [window("2026-08", 20, { bookedTonnes: 12 }), window("2026-09", 5)],
      { code: "tooSmall", maxFreeKg: 8000 },
    ],
    [
      "a currency without a rate",
      [window("2026-08", 100, { pricePerTonne: { amountMinor: 1000, currency: "XOF" } })],
      { code: "unconvertible", currencies: ["XOF"] },
    ],
  ] as const)("%s", (_, windows, expected) => {
    const { facts } = shortfall([...windows]);
    expect(facts).toMatchObject({
      ...expected,
      firstMonth: "2026-07",
      lastMonth: "2026-12",
      chemistry: "NMC811",
      neededKg: 12_500,
    });
  });

  it("the API's English sentence is unchanged", () => {
    const { choice } = shortfall([window("2026-08", 20, { bookedTonnes: 12 })]);
    expect(capacityMessage("Hanul", choice, "NMC811", 12_500, horizon)).toBe(
      "Hanul has at most 8 t free in any month between July 2026 and December 2026; this lot needs 12.5 t.",
    );
  });
});

const base: CapacityShortfall = {
  code: "tooSmall",
  firstMonth: "2026-07",
  lastMonth: "2026-12",
  chemistry: "NMC811",
  otherChemistries: ["LFP", "LMFP"],
  maxFreeKg: 8000,
  neededKg: 12_500,
  currencies: ["XOF"],
};

describe("worded in the page's language", () => {
  it.each([
    [
      "ja",
      "tooSmall",
      "Hanulの2026年7月から2026年12月までの空きは、どの月も最大8 tです。このロットには12.5 tが必要です。",
    ],
    [
      "ja",
      "chemistryReserved",
      "Hanulの2026年7月から2026年12月までの処理能力はLFP、LMFP専用で、NMC811は対象外です。",
    ],
    [
      "ko",
      "fullyBooked",
      "Hanul은(는) 2026년 7월부터 2026년 12월까지 예약이 모두 찼습니다. 이 로트에는 12.5 t이(가) 필요합니다.",
    ],
    [
      "en",
      "noWindows",
      "Hanul has posted no capacity between July 2026 and December 2026, the months in which this lot could be delivered.",
    ],
    [
      "es",
      "tooSmall",
      "Hanul tiene como máximo 8 t libres en cualquier mes entre julio de 2026 y diciembre de 2026; este lote necesita 12.5 t.",
    ],
  ] as const)("%s %s", (language, code, expected) => {
    expect(capacityShortfallIn(translatorFor(language), language, "Hanul", { ...base, code })).toBe(expected);
  });

  it("every language words every code with no English month, placeholder or key left", () => {
    for (const language of LANGUAGE_CODES) {
      for (const code of [
        "noWindows",
        "chemistryReserved",
        "fullyBooked",
        "tooSmall",
        "unconvertible",
      ] as const) {
        const text = capacityShortfallIn(translatorFor(language), language, "Hanul", { ...base, code });
        expect(text).toContain("Hanul");
        expect(text).not.toMatch(/\{\{|lotsYouCanTake/);
        if (language !== "en") expect(text).not.toMatch(/July|December|between|capacity/);
      }
    }
  });
});
