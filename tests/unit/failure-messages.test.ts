// A model's refusal worded for a page (ADR 060): by its code, a VALIDATION failure's fields by
// field, and the model's English wherever the catalogue has no key; the failure itself (what the
// API answers with) is left as it was.
import { describe, expect, test } from "vitest";
import { fail, invalid } from "~/domain/failure.ts";
import { failureFieldErrorsIn, failureMessageIn } from "~/i18n/failure-messages.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";

describe("failure messages in the page's language", () => {
  const reused = fail("IDEMPOTENCY_KEY_REUSED", "This key already recorded a wire of another deal.");

  test("a code the catalogue words", () => {
    expect(failureMessageIn(translatorFor("ja"), "admin.deals", reused)).toBe(
      "この銀行参照番号は別の取引の振込で記録済みです。",
    );
    expect(failureFieldErrorsIn(translatorFor("ko"), "admin.deals", reused)).toEqual({
      form: "이 은행 참조 번호는 다른 거래의 송금으로 이미 기록되었습니다.",
    });
  });

  test("a code it does not word keeps the model's English", () => {
    const other = fail("AMOUNT_MISMATCH", "The amount must equal what is due: AUD 8,500.00.", {
      field: "amount",
    });
    expect(failureFieldErrorsIn(translatorFor("es"), "admin.deals", other)).toEqual({
      amount: "The amount must equal what is due: AUD 8,500.00.",
    });
  });

  test("a refused form's fields, with the values the messages name; an unknown field stays English", () => {
    const refused = invalid({
      amount: "Enter the amount in JPY, e.g. 12,500.00.",
      extra: "As the model said.",
    });
    expect(failureFieldErrorsIn(translatorFor("vi"), "admin.deals", refused, { currency: "JPY" })).toEqual({
      amount: "Nhập số tiền bằng JPY, ví dụ 12,500.00.",
      extra: "As the model said.",
    });
    expect(refused.errors?.[0]?.message).toBe("Enter the amount in JPY, e.g. 12,500.00.");
  });
});
