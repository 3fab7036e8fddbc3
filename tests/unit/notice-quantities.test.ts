// Issue 14: a notice's numbers are written the reader's way. Settlement formulas, tonnes, months and
// percentages inside a notice body are quantities (domain/notice-text.ts) worded per recipient
// (i18n/notice-title.ts) with the formula's words from the catalogues (`notices.formula.*`); the
// English formula stays as it was for the deal page, the ledger's memo and the API.
import { describe, expect, test } from "vitest";
import { disputeOutcome } from "~/domain/deals/disputes.ts";
import { finalSettlement, provisionalRelease } from "~/domain/deals/settlement.ts";
import {
  noticeMonth,
  noticeNumber,
  noticePercentBp,
  noticeText,
  noticeTonnes,
} from "~/domain/notice-text.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { noticeBodyIn, noticeLineIn, quantityIn } from "~/i18n/notice-title.ts";

// Intl writes a no-break space between a code and its figure; the table reads plain spaces.
const plain = (text: string | undefined) => text?.replaceAll("\u00a0", " ");

const WON = {
  priceKind: "payable" as const,
  priceMinorPerTonne: 150_000n,
  currency: "KRW",
  contractedKg: 12_345,
  commissionBp: 250,
  provisionalShareBp: 9000,
};

function settled() {
  const s = finalSettlement(WON, { basis: "weight", finalKg: 12_000 }, 1_851_750n, 1_600_000n);
  if (!s.ok) throw new Error(s.message);
  return s.value;
}

describe("settlement formulas in a notice, in the reader's language", () => {
  test.each([
    [
      "en",
      "Final value: KRW 150,000/t × 12.000 t = KRW 1,800,000 (rounded half up to the unit)",
      "Commission: 2.50% of KRW 1,800,000 = KRW 45,000 (rounded half up to the unit)",
      "Payer: KRW 1,851,750 paid − KRW 1,800,000 final = KRW 51,750 (refunded)",
    ],
    [
      "ja",
      "確定価額：KRW 150,000/t × 12.000 t = KRW 1,800,000（単位未満を四捨五入）",
      "手数料：KRW 1,800,000 の 2.50% = KRW 45,000（単位未満を四捨五入）",
      "支払側：支払済 KRW 1,851,750 − 確定 KRW 1,800,000 = KRW 51,750（返金）",
    ],
    [
      "th",
      "มูลค่าสุดท้าย: KRW 150,000/t × 12.000 t = KRW 1,800,000 (ปัดครึ่งขึ้นเป็นหน่วย)",
      "ค่าคอมมิชชัน: 2.50% ของ KRW 1,800,000 = KRW 45,000 (ปัดครึ่งขึ้นเป็นหน่วย)",
      "ผู้จ่าย: ชำระแล้ว KRW 1,851,750 − สุดท้าย KRW 1,800,000 = KRW 51,750 (คืนเงินแล้ว)",
    ],
    [
      "vi",
      "Giá trị cuối cùng: 150.000 KRW/t × 12,000 t = 1.800.000 KRW (làm tròn nửa lên đến đơn vị)",
      "Hoa hồng: 2,50% của 1.800.000 KRW = 45.000 KRW (làm tròn nửa lên đến đơn vị)",
      "Bên trả: 1.851.750 KRW đã trả − 1.800.000 KRW cuối cùng = 51.750 KRW (đã hoàn tiền)",
    ],
  ] as const)("%s", (language, finalValue, commission, payer) => {
    const s = settled();
    expect(plain(noticeLineIn(s.finalValue.words, language))).toBe(finalValue);
    expect(plain(noticeLineIn(s.commission.words, language))).toBe(commission);
    expect(plain(noticeLineIn(s.payerBalance.words, language))).toBe(payer);
  });

  test("the English formula the deal page and the ledger keep is unchanged", () => {
    expect(settled().finalValue.formula).toBe(
      "Final value: KRW 150,000/t × 12.000 t = KRW 1,800,000 (rounded half up to the unit)",
    );
  });

  test("every formula of a release, a settlement and a dispute is worded in every language", () => {
    const release = provisionalRelease(WON, 12_000, 100_000n);
    if (!release.ok) throw new Error(release.message);
    // Capped at what is held: its own wording.
    expect(release.value.release.words.key).toBe("notices.formula.releaseCappedHeld");
    const s = settled();
    const refund = disputeOutcome(
      WON,
      { kind: "partial_refund", amountMinor: 300_000n },
      1_800_000n,
      1_851_750n,
      0n,
    );
    const returned = disputeOutcome(WON, { kind: "return" }, 1_800_000n, 1_851_750n, 1_600_000n);
    if (!refund.ok || !returned.ok) throw new Error("refused");
    const figures = [
      release.value.release,
      release.value.valueAtReceived,
      s.finalValue,
      s.commission,
      s.balanceToPayee,
      s.payerBalance,
      refund.value.finalValue,
      returned.value.finalValue,
      returned.value.commission,
      returned.value.balanceToPayee,
    ];
    for (const language of LANGUAGE_CODES)
      for (const figure of figures) {
        const text = noticeLineIn(figure.words, language);
        expect(text, `${language} ${figure.words.key}`).not.toMatch(/notices\.|\{\{|\}\}|\[object/);
        if (language !== "en") expect(text, `${language} ${figure.words.key}`).not.toBe(figure.formula);
      }
    // The payee returns money: said so in words, not only by the sign.
    expect(returned.value.balanceToPayee.words.key).toBe("notices.formula.balanceToPayeeReturns");
  });
});

describe("quantities in a notice are written the language's way", () => {
  test.each([
    ["en", "12.345 t", "January 2027", "2.50%", "1,234,567"],
    ["ja", "12.345 t", "2027年1月", "2.50%", "1,234,567"],
    ["th", "12.345 t", "มกราคม 2570", "2.50%", "1,234,567"],
    ["vi", "12,345 t", "tháng 1 năm 2027", "2,50%", "1.234.567"],
    ["es", "12.345 t", "enero de 2027", "2.50%", "1,234,567"],
    ["id", "12,345 t", "Januari 2027", "2,50%", "1.234.567"],
  ] as const)("%s", (language, tonnes, month, percent, number) => {
    expect(plain(quantityIn(noticeTonnes(12_345), language))).toBe(tonnes);
    expect(plain(quantityIn(noticeMonth("2027-01"), language))).toBe(month);
    expect(plain(quantityIn(noticePercentBp(250), language))).toBe(percent);
    expect(plain(quantityIn(noticeNumber(1_234_567), language))).toBe(number);
  });

  test("a month given as a date is its UTC month in every zone", () => {
    expect(quantityIn(noticeMonth(new Date("2027-01-01T00:00:00Z")), "en")).toBe("January 2027");
  });

  test("a booking's body: tonnes and month in the reader's words", () => {
    const body = noticeText("bookingAccepted", {
      tonnes: noticeTonnes(12_345),
      month: noticeMonth("2027-01"),
      lotTitle: "NMC packs",
    });
    expect(noticeBodyIn(body, "en")).toBe("12.345 t in January 2027 are reserved for NMC packs.");
    expect(noticeBodyIn(body, "ja")).toBe("2027年1月の12.345 tがNMC packsのために予約されました。");
    expect(noticeBodyIn(body, "vi")).toBe("12,345 t trong tháng 1 năm 2027 đã được giữ cho NMC packs.");
  });
});
