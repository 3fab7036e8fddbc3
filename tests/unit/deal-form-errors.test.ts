// Issue 14: a refused deal form comes back in the page's language (ADR 055). The deal page's
// action words each refusal from the catalogue by its code, only where the English catalogue's
// sentence is the model's own; English stays exactly the model's text, and a sentence the
// catalogue does not know stays in English rather than being mistranslated.
import { describe, expect, test } from "vitest";
import { checkProposal, mayOpenDispute } from "~/domain/deals/disputes.ts";
import { fail } from "~/domain/failure.ts";
import { readReviewInput } from "~/domain/reputation/reviews.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { dealFormErrors, readKg } from "~/routes/deal-pages.server.ts";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("deal form refusals in the page's language", () => {
  test("a weight that is not whole kilograms: English as the model says it, Japanese and Spanish by code", () => {
    const kg = readKg(form({ kg: "12.5" }), "kg");
    if (kg.ok) throw new Error("12.5 kg was accepted");
    expect(dealFormErrors(translatorFor("en"), kg)).toEqual({
      kg: "Enter the weight as a whole number of kilograms.",
    });
    expect(dealFormErrors(translatorFor("ja"), kg)).toEqual({
      kg: "重量をキログラムの整数で入力してください。",
    });
    expect(dealFormErrors(translatorFor("es"), kg).kg).toBe(
      "Indique el peso como un número entero de kilogramos.",
    );
  });

  test("a review without a rating or text: each field in Korean", () => {
    const review = readReviewInput({ rating: "", text: "" });
    if (review.ok) throw new Error("an empty review was accepted");
    expect(dealFormErrors(translatorFor("ko"), review)).toEqual({
      rating: "별 1~5개 중에서 평점을 선택하세요.",
      text: "거래가 어땠는지 몇 마디 적어 주세요.",
    });
  });

  test("a code with several sentences picks the one the model sent; values fill the sentence", () => {
    const refund = checkProposal({ kind: "partial_refund", amountMinor: 0n });
    if (refund.ok) throw new Error("a zero refund was accepted");
    expect(dealFormErrors(translatorFor("zh-Hans"), refund)).toEqual({
      amountMinor: "部分退款的金额必须大于零。",
    });
    const amount = fail("VALIDATION", "Enter the amount in AUD, e.g. 1,000.00.", {
      errors: { amount: "Enter the amount in AUD, e.g. 1,000.00." },
    });
    expect(dealFormErrors(translatorFor("vi"), amount, { currency: "AUD" })).toEqual({
      amount: "Nhập số tiền bằng AUD, ví dụ 1,000.00.",
    });
    const disputed = mayOpenDispute(
      {
        status: "disputed",
        paymentDueAt: 0,
        receivedAt: 1,
        finalFiguresAt: null,
        inspectionDays: 7,
        disputedFrom: null,
      } as Parameters<typeof mayOpenDispute>[0],
      "weight",
      2,
    );
    if (disputed.ok) throw new Error("a disputed deal was disputed again");
    expect(dealFormErrors(translatorFor("th"), disputed)).toEqual({ form: "ดีลนี้มีข้อพิพาทอยู่แล้ว" });
  });

  test("a sentence the catalogue does not know stays the model's English", () => {
    const unknown = fail("FORBIDDEN", "Some new refusal the catalogue has not met.");
    expect(dealFormErrors(translatorFor("ja"), unknown)).toEqual({
      form: "Some new refusal the catalogue has not met.",
    });
  });
});
