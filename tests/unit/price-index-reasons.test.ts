// Issue 14: /admin/price-index words why a cell-week was not published in the reader's language,
// from the reason's code and facts (compute.ts); the stored English message stays for downloads.
import { describe, expect, it } from "vitest";
import { cellKeyString } from "~/domain/price-index/cells.ts";
import { computeCell, type SuppressionReason } from "~/domain/price-index/compute.ts";
import { inputsForWeek } from "~/domain/price-index/inputs.ts";
import { type DealFacts, type Observation, observe } from "~/domain/price-index/observation.ts";
import { buildSeries } from "~/domain/price-index/series.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { exclusionIn, suppressionReasonIn } from "~/i18n/price-index-words.ts";

const CELL = { family: "nickel_rich", form: "battery", region: "northeast_asia" } as const;
const WEEK = "2026-11-30";

function obs(n: number, value: number, volumeKg = 10_000, seller = `s${n}`, buyer = `b${n}`): Observation {
  return {
    dealId: `d${n}`,
    sellerId: seller,
    buyerId: buyer,
    cell: CELL,
    weekStart: WEEK,
    value,
    volumeKg,
    final: false,
  };
}

const many = (count: number, make: (n: number) => Observation) =>
  Array.from({ length: count }, (_, i) => make(i + 1));
const sensitiveValues = [140_000, 145_000, 150_000, 155_000, 160_000, 165_000, 150_000, 155_000];

describe("suppression reasons carry a code and facts", () => {
  it.each([
    [
      "two deals",
      many(2, (n) => obs(n, 200_000)),
      [
        { code: "TOO_FEW_DEALS", facts: { count: 2, minimum: 5 } },
        { code: "TOO_FEW_SELLERS", facts: { count: 2, minimum: 3 } },
        { code: "TOO_FEW_BUYERS", facts: { count: 2, minimum: 3 } },
        { code: "DOMINANT_PARTICIPANT", facts: { side: "seller", shareBp: 5000, maxShareBp: 2500 } },
        { code: "DOMINANT_PARTICIPANT", facts: { side: "buyer", shareBp: 5000, maxShareBp: 2500 } },
      ],
    ],
    [
      "two sellers",
      many(8, (n) => obs(n, 200_000, 10_000, `s${n % 2}`, `b${n}`)),
      [
        { code: "TOO_FEW_SELLERS", facts: { count: 2, minimum: 3 } },
        { code: "DOMINANT_PARTICIPANT", facts: { side: "seller", shareBp: 5000, maxShareBp: 2500 } },
      ],
    ],
    [
      "one big buyer",
      many(6, (n) => obs(n, 200_000, n === 1 ? 40_000 : 10_000, `s${n}`, n <= 2 ? "big" : `b${n}`)),
      [
        { code: "DOMINANT_PARTICIPANT", facts: { side: "seller", shareBp: 4444, maxShareBp: 2500 } },
        { code: "DOMINANT_PARTICIPANT", facts: { side: "buyer", shareBp: 5556, maxShareBp: 2500 } },
      ],
    ],
    [
      "one participant moves the value",
      sensitiveValues.map((v, i) => obs(i + 1, v, 10_000, i === 5 ? "x" : `s${i}`, i === 4 ? "x" : `b${i}`)),
      [{ code: "SENSITIVE_TO_ONE_PARTICIPANT", facts: { moved: 3333, step: 5000 } }],
    ],
  ] as const)("%s", (_, deals, expected) => {
    const outcome = computeCell(deals, "battery");
    expect(outcome.reasons.map((r) => ({ code: r.code, facts: r.facts }))).toEqual(expected);
    // The English message is kept for the stored row and downloads.
    for (const reason of outcome.reasons) expect(reason.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it("a rolled week without deals says so with its minimum", () => {
    const previous = new Map([
      [cellKeyString(CELL), { weekStart: "2026-11-23", value: 200_000, final: true }],
    ]);
    const rows = buildSeries([], [WEEK], previous);
    expect(rows.map((r) => r.publication)).toEqual(["rolled"]);
    expect(rows[0].reasons.map((r) => ({ code: r.code, facts: r.facts }))).toEqual([
      { code: "TOO_FEW_DEALS", facts: { count: 0, minimum: 5 } },
    ]);
  });
});

const reason = (code: SuppressionReason["code"], facts: SuppressionReason["facts"]): SuppressionReason => ({
  code,
  message: "English message",
  ...(facts ? { facts } : {}),
});

describe("worded in the page's language", () => {
  it.each([
    ["ja", reason("TOO_FEW_DEALS", { count: 3, minimum: 5 }), "取引：3 件。最低 5 件必要です。"],
    ["ja", reason("TOO_FEW_DEALS", { count: 0, minimum: 5 }), "今週の取引はありません。最低 5 件必要です。"],
    [
      "ja",
      reason("DOMINANT_PARTICIPANT", { side: "buyer", shareBp: 4012, maxShareBp: 2500 }),
      "1 社の買い手がトン数の 40.1% を占めています。上限は 25% です。",
    ],
    ["ko", reason("TOO_FEW_SELLERS", { count: 2, minimum: 5 }), "판매자: 2곳. 최소 5곳이 필요합니다."],
    [
      "ko",
      reason("SENSITIVE_TO_ONE_PARTICIPANT", { moved: 125_050, step: 5000 }),
      "한 참여자의 거래를 빼면 값이 1,250.5만큼 움직입니다(반올림 단위 50의 절반 초과).",
    ],
    [
      "es",
      reason("DOMINANT_PARTICIPANT", { side: "seller", shareBp: 5000, maxShareBp: 2500 }),
      "Un vendedor tiene el 50.0% de las toneladas; se permite como máximo el 25%.",
    ],
    [
      "en",
      reason("SENSITIVE_TO_ONE_PARTICIPANT", { moved: null, step: 5000 }),
      "Without one participant's deals no value would remain (the rounding step is 50).",
    ],
  ] as const)("%s: %s", (language, r, expected) => {
    expect(suppressionReasonIn(translatorFor(language), language, r)).toBe(expected);
  });

  it("a reason stored without facts shows its English message", () => {
    expect(suppressionReasonIn(translatorFor("ja"), "ja", reason("TOO_FEW_BUYERS", undefined))).toBe(
      "English message",
    );
  });

  it("every language words every reason without an unfilled placeholder", () => {
    const all = [
      reason("TOO_FEW_DEALS", { count: 0, minimum: 5 }),
      reason("TOO_FEW_DEALS", { count: 2, minimum: 5 }),
      reason("TOO_FEW_SELLERS", { count: 2, minimum: 5 }),
      reason("TOO_FEW_BUYERS", { count: 2, minimum: 5 }),
      reason("DOMINANT_PARTICIPANT", { side: "seller", shareBp: 3000, maxShareBp: 2500 }),
      reason("DOMINANT_PARTICIPANT", { side: "buyer", shareBp: 3000, maxShareBp: 2500 }),
      reason("SENSITIVE_TO_ONE_PARTICIPANT", { moved: 40, step: 50 }),
      reason("SENSITIVE_TO_ONE_PARTICIPANT", { moved: null, step: 5000 }),
    ];
    for (const language of LANGUAGE_CODES) {
      const t = translatorFor(language);
      for (const r of all) {
        const text = suppressionReasonIn(t, language, r);
        expect(text).not.toMatch(/\{\{|admin\.priceIndex|English message/);
      }
    }
  });
});

describe("deals left out, worded from their exclusion code", () => {
  it.each([
    [
      "ja",
      { code: "NO_FX_RATE", message: "No exchange rate for XOF.", currency: "XOF" },
      "XOF の為替レートがありません。",
    ],
    [
      "ko",
      { code: "NO_METAL_VALUE", message: "No payable metal value to state a payable against." },
      "정산율의 기준이 될 금속 가치가 없습니다.",
    ],
    [
      "ja",
      { code: "FORM_NOT_INDEXED", message: "Production scrap is not part of the index." },
      "製造スクラップは指数の対象外です。",
    ],
    // A row stored before the currency was kept, and an unknown code, show the stored English.
    ["ja", { code: "NO_FX_RATE", message: "No exchange rate for XOF." }, "No exchange rate for XOF."],
    ["ko", { code: "SOMETHING_NEW", message: "Stored English." }, "Stored English."],
  ] as const)("%s %j", (language, deal, expected) => {
    expect(exclusionIn(translatorFor(language), deal)).toBe(expected);
  });

  it("observe keeps the currency without a rate beside the English message", () => {
    const facts: DealFacts = {
      dealId: "d1",
      sellerId: "s",
      buyerId: "b",
      chemistry: "NMC811",
      form: "black_mass",
      economy: "KR",
      tradedAt: new Date("2026-12-01T00:00:00Z"),
      priceKind: "gate_fee",
      priceMinorPerTonne: 10_000,
      currency: "XOF",
      incoterm: "EXW",
      massKg: 10_000,
      routeCost: null,
      final: null,
    };
    const result = observe(facts, (week) => inputsForWeek(week, [], []));
    expect(result).toMatchObject({
      ok: false,
      code: "NO_FX_RATE",
      currency: "XOF",
      message: "No exchange rate for XOF.",
    });
  });
});
