// Issue 14, the translated pages' helpers: a page action's messages in the language the page is
// shown in, the browse pages' unusable filters named by their labels, capacity months in the
// reader's language, and every plural count the pages use in every language.
import { describe, expect, test } from "vitest";
import { filterFieldNames, translatedFilterErrors } from "~/components/map/browse-page.tsx";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { formatMonthIn } from "~/i18n/use-format.ts";
import { emailFieldIn, newPasswordFieldIn } from "~/utils/fields.ts";

const request = (headers: Record<string, string>) => new Request("http://localhost/login", { headers });

describe("pageTranslator: a page action's messages follow the page's language", () => {
  test.each([
    [{ "Accept-Language": "vi-VN,vi;q=0.9" }, undefined, "Email hoặc mật khẩu không đúng."],
    [
      { "Accept-Language": "es-CL", Cookie: "packloop_lang=ko" },
      undefined,
      "이메일 또는 비밀번호가 올바르지 않습니다.",
    ],
    [{ "Accept-Language": "ja" }, "zh-Hant", "電子郵件或密碼不正確。"],
    [{}, undefined, "Email or password is incorrect."],
  ])("%o, saved %s", (headers, saved, expected) => {
    expect(pageTranslator(request(headers), saved)("account.errors.badCredentials")).toBe(expected);
  });

  test("the shared field rules speak the page's language, and keep their limits", () => {
    const email = emailFieldIn(translatorFor("es")).safeParse("not-an-address");
    expect(email.success).toBe(false);
    expect(email.error?.issues[0]?.message).toBe(
      "Ingrese una dirección de correo válida, como nombre@ejemplo.com.",
    );
    const password = newPasswordFieldIn(translatorFor("th")).safeParse("short");
    expect(password.error?.issues[0]?.message).toBe("ใช้อย่างน้อย 10 ตัวอักษร");
    expect(newPasswordFieldIn(translatorFor("th")).safeParse("long-enough-password").success).toBe(true);
  });
});

describe("browse filters the server could not use", () => {
  const errors = { minMassKg: "minMassKg must be a number.", maxMassKg: "…", chemistry: "Unknown chemistry" };

  test("are named by their labels in the page's language, once each", () => {
    expect(filterFieldNames(translatorFor("es"), errors)).toBe("Masa, Química");
    expect(filterFieldNames(translatorFor("ko"), errors)).toBe("중량, 화학 조성");
    expect(filterFieldNames(translatorFor("en"), { bbox: "bad" })).toBe("Map area");
  });

  test("each field gets the page's sentence, not the API's English", () => {
    expect(translatedFilterErrors(translatorFor("vi"), errors)).toEqual({
      minMassKg: "Không thể dùng giá trị này; hãy thay đổi hoặc xóa.",
      maxMassKg: "Không thể dùng giá trị này; hãy thay đổi hoặc xóa.",
      chemistry: "Không thể dùng giá trị này; hãy thay đổi hoặc xóa.",
    });
  });
});

describe("a capacity month in the reader's language", () => {
  test.each([
    ["en", "December 2026"],
    ["es", "diciembre de 2026"],
    ["ja", "2026年12月"],
    ["ko", "2026년 12월"],
  ] as const)("%s", (language, expected) => {
    expect(formatMonthIn(language, "2026-12")).toBe(expected);
  });

  test("anything that is not a month is shown as it came", () => {
    expect(formatMonthIn("en", "soon")).toBe("soon");
  });
});

describe("the pages' counts in every language", () => {
  const keys = ["lots.count", "facilities.count", "dashboard.team.members", "dashboard.lots.openNow"];
  test.each(LANGUAGE_CODES)(
    "%s: the number, grouped, in every count, with no key left showing",
    (language) => {
      const t = translatorFor(language);
      for (const key of keys) {
        for (const count of [0, 1, 2, 5, 21, 1_000_000]) {
          const text = t(key, { count });
          expect(text).not.toContain(key);
          expect(text.replace(/\D/g, "")).toBe(String(count));
        }
      }
    },
  );

  test("English and Spanish pick their forms", () => {
    expect(translatorFor("en")("lots.count", { count: 1 })).toBe("1 lot");
    expect(translatorFor("en")("lots.count", { count: 1234 })).toBe("1,234 lots");
    expect(translatorFor("es")("facilities.count", { count: 1 })).toBe("1 planta");
    expect(translatorFor("es")("facilities.count", { count: 1_000_000 })).toBe("1,000,000 de plantas");
    expect(translatorFor("ko")("lots.count", { count: 57 })).toBe("57개 로트");
  });
});
