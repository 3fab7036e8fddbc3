// Issue 14 (ADR 065): a model's refusal reaches a page in the page's language. The booking rules,
// the booking state machine, the capacity window's and a certification's refusals are worded by
// their code and their English sentence, with the facts in them (a status, tonnes, a day, months)
// written the language's way. The models' own sentences are run through the page's wording here,
// so a reworded model sentence (which would then show in English) fails this test.
import { describe, expect, test } from "vitest";
import {
  BOOKABLE_LOT_STATUSES,
  bookingTransition,
  checkBooking,
  lotAwardedMessage,
} from "~/domain/booking.ts";
import { validateCertification } from "~/domain/facility-certification.ts";
import { fail } from "~/domain/failure.ts";
import { LOT_STATUSES } from "~/domain/lot-lifecycle.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES, type LanguageCode } from "~/i18n/languages.ts";
import {
  bookingRefusalIn,
  CAPACITY_WINDOW_FACTS,
  refusalIn,
  refusalSentenceIn,
} from "~/i18n/refusal-words.server.ts";

const today = new Date("2026-12-07T00:00:00Z");
const lot = {
  organizationId: "SELLER",
  status: "in_transit",
  chemistry: "LFP" as const,
  form: "black_mass" as const,
  condition: "critically_damaged" as const,
  massKg: 12_500,
  availableFrom: new Date("2027-02-05T00:00:00Z"),
};
const window = {
  month: new Date("2027-01-01T00:00:00Z"),
  capacityKg: 10_000,
  bookedKg: 6_000,
  priceMinorPerTonne: 150_000,
  currency: "AUD",
  priceKind: "gate_fee" as const,
  acceptedChemistries: ["NMC811" as const],
};
const facility = {
  acceptedChemistries: ["NMC811" as const],
  acceptedForms: ["pack" as const],
  acceptedConditions: ["intact" as const],
};

/** Every blocker the booking rules can give, from one lot that fails them all. */
function allBlockers() {
  const check = checkBooking(lot, window, facility, {
    sellerOrganizationId: "SELLER",
    today,
    lotHasLiveBooking: true,
  });
  if (check.ok) throw new Error("expected a refusal");
  const foreign = checkBooking(lot, window, facility, {
    sellerOrganizationId: "OTHER",
    today,
    lotHasLiveBooking: false,
  });
  if (foreign.ok) throw new Error("expected a refusal");
  return [...check.blockers, ...foreign.blockers];
}

function allSentences(): { code: string; message: string }[] {
  const transitions = (["accepted", "declined", "cancelled"] as const).flatMap((from) =>
    (["accept", "decline", "cancel"] as const).map((action) =>
      bookingTransition(from, action, action === "cancel" ? "seller" : "facility"),
    ),
  );
  const forbidden = [
    bookingTransition("requested", "accept", "seller"),
    bookingTransition("requested", "cancel", "facility"),
  ];
  return [
    ...allBlockers(),
    ...[...transitions, ...forbidden].flatMap((t) => (t.ok ? [] : [{ code: t.code, message: t.message }])),
    { code: "LOT_NOT_BOOKABLE", message: lotAwardedMessage("provisional") },
    { code: "LOT_NOT_BOOKABLE", message: lotAwardedMessage("confirmed") },
  ];
}

describe("booking refusals in the page's language", () => {
  test("the rules give every blocker the test means to word", () => {
    expect(
      allBlockers()
        .map((b) => b.code)
        .sort(),
    ).toEqual([
      "ALREADY_BOOKED",
      "CHEMISTRY_NOT_ACCEPTED",
      "CONDITION_NOT_ACCEPTED",
      "FORM_NOT_ACCEPTED",
      "INSUFFICIENT_CAPACITY",
      "LOT_NOT_BOOKABLE",
      "NOT_YOUR_LOT",
      "WINDOW_BEFORE_AVAILABLE",
    ]);
  });

  test.each(LANGUAGE_CODES)("%s: every model sentence is a catalogue sentence", (language) => {
    for (const { code, message } of allSentences()) {
      const worded = bookingRefusalIn(language, fail(code, message));
      expect(worded, `${code}: ${message}`).not.toMatch(/\{\{|bookings\.errors|lots\.|undefined/);
      if (language === "en") expect(worded).toBe(message);
      else expect(worded, `${language} ${code}: ${message}`).not.toBe(message);
    }
  });

  test("Korean: the facts are said the Korean way", () => {
    const blockers = allBlockers();
    const worded = bookingRefusalIn("ko", {
      ...fail(blockers[0].code, blockers.map((b) => b.message).join(" ")),
      details: { blockers },
    });
    expect(worded).toContain("운송 중 상태인 로트는 처리 용량을 예약할 수 없습니다.");
    expect(worded).toContain("로트 무게는 12.5 t이지만 여유 용량은 4 t뿐입니다.");
    expect(worded).toContain("이 로트는 2027년 2월 5일부터 인도 가능하며");
    expect(worded).toContain(`'${translatorFor("ko")("lots.form.black_mass")}' 형태의 로트`);
    expect(worded).not.toMatch(/[A-Za-z]{4,}/);
  });

  test("Japanese sentences run together; a booking already declined names its status", () => {
    const refusal = bookingTransition("declined", "accept", "facility");
    if (refusal.ok) throw new Error("expected a refusal");
    expect(bookingRefusalIn("ja", fail(refusal.code, refusal.message))).toBe(
      "この予約はすでに辞退済みです。承認できるのは依頼中の予約だけです。",
    );
  });

  test("a status inside a refusal is the sentence's word, not the list's label", () => {
    const nowIn = (language: LanguageCode, status: string) =>
      bookingRefusalIn(language, fail("LOT_NOT_BOOKABLE", `The lot is now ${status.replace("_", " ")}.`));
    const lotIn = (language: LanguageCode, status: string) =>
      bookingRefusalIn(
        language,
        fail("LOT_NOT_BOOKABLE", `A lot that is ${status.replace("_", " ")} cannot be booked into capacity.`),
      );
    expect(lotIn("en", "in_transit")).toBe("A lot that is in transit cannot be booked into capacity.");
    expect(lotIn("es", "in_transit")).toBe("Un lote en tránsito no se puede reservar en una capacidad.");
    expect(nowIn("es", "awarded")).toBe("El lote está ahora adjudicado.");
    expect(lotIn("ja", "awarded")).toBe("落札済みのロットは受入枠を予約できません。");
    expect(nowIn("id", "withdrawn")).toBe("Lot ini sekarang sudah ditarik.");
    expect(nowIn("vi", "cancelled")).toBe("Lô hiện đã bị hủy.");
    // Chinese says 已 once: "已拒绝" (the list's label) after the sentence's own 已 read "已已拒绝".
    const declined = bookingTransition("declined", "cancel", "seller");
    if (declined.ok) throw new Error("expected a refusal");
    expect(bookingRefusalIn("zh-Hans", fail(declined.code, declined.message))).toBe("该预订已拒绝。");
    expect(bookingRefusalIn("es", fail(declined.code, declined.message))).toBe(
      "La reserva ya está rechazada.",
    );
    // Every status a lot cannot be booked in, in every language: the word, never the label (unless
    // the word says it: 取り下げ済み), and no capital letter inside the sentence.
    for (const language of LANGUAGE_CODES) {
      const t = translatorFor(language);
      for (const status of LOT_STATUSES.filter(
        (s) => !(BOOKABLE_LOT_STATUSES as readonly string[]).includes(s),
      )) {
        const worded = nowIn(language, status);
        const word = t(`lots.statusWord.${status}`);
        const label = t(`lots.status.${status}`);
        expect(worded, `${language} ${status}`).toContain(word);
        if (!word.includes(label)) expect(worded, `${language} ${status}`).not.toContain(label);
        expect(worded.slice(1), `${language} ${status}`).not.toMatch(/\p{Lu}/u);
      }
    }
  });

  test("a sentence the catalogue does not know stays as the model wrote it", () => {
    const unknown = "The booking was eaten by a grue.";
    expect(bookingRefusalIn("ko", fail("BOOKING_NOT_PENDING", unknown))).toBe(unknown);
    // The same sentence under another code is not borrowed.
    expect(refusalSentenceIn("ko", "bookings.errors", "FORBIDDEN", "No such lot.")).toBe("No such lot.");
  });
});

describe("capacity window refusals in the page's language", () => {
  test("months and tonnes in the sentence are the language's", () => {
    const exists = fail(
      "WINDOW_EXISTS",
      "There are already windows for January 2027, March 2027. Edit those windows, or choose other months.",
      { field: "month" },
    );
    const ja = refusalIn("ja", "facilities.capacity.refusal", exists, CAPACITY_WINDOW_FACTS);
    expect(ja.errors.month).toBe(
      "2027年1月、2027年3月 の受入枠はすでにあります。それらを編集するか、別の月を選んでください。",
    );
    const below = fail("BELOW_BOOKED", "1,234.5 t are already booked; offer at least that much.", {
      field: "tonnes",
    });
    expect(refusalIn("vi", "facilities.capacity.refusal", below, CAPACITY_WINDOW_FACTS).errors.tonnes).toBe(
      "Đã đặt 1.234,5 t; hãy cung cấp ít nhất chừng đó.",
    );
    const removal = fail(
      "HAS_BOOKINGS",
      "This window has bookings, so it cannot be removed. Lower it to what is booked instead.",
    );
    expect(refusalIn("ko", "facilities.capacity.refusal", removal).message).toBe(
      "이 창에는 예약이 있어 삭제할 수 없습니다. 대신 예약된 양까지 줄이세요.",
    );
  });
});

describe("a certification's field errors in the page's language", () => {
  test("Korean wording, English by default", () => {
    const say = (key: string, english: string, values?: Record<string, string | number>) =>
      translatorFor("ko")(`facilities.edit.certificationErrors.${key}`, { ...values, defaultValue: english });
    const input = { name: "x".repeat(201), reference: "r".repeat(101), expiresOn: "2026-11-31" };
    expect(validateCertification(input, today, say)).toEqual({
      ok: false,
      errors: {
        name: "최대 200자까지 입력하세요.",
        reference: "최대 100자까지 입력하세요.",
        expiresOn: "만료일을 YYYY-MM-DD 형식으로 입력하세요.",
      },
    });
    expect(validateCertification({ name: "Permit", expiresOn: "2026-12-01" }, today)).toEqual({
      ok: false,
      errors: { expiresOn: "This certificate has already expired." },
    });
  });
});
