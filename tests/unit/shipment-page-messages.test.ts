// Issue 14, the shipment page's refusals (ADR 056): the consent and milestone rules' field messages,
// which the API shares under the one code VALIDATION, are recognised by the page and worded in its
// language; English reads exactly as the rules write it, and a changed rule falls back to English.
import { describe, expect, test } from "vitest";
import type { Failure } from "~/domain/failure.ts";
import { checkConsent } from "~/domain/shipments/consent.ts";
import { checkMilestoneFields, MAX_NOTE_LENGTH } from "~/domain/shipments/milestones.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { failureFeedback, validationMessage } from "~/routes/shipments.$shipmentId.server.ts";

const messagesOf = (failure: Failure | null | { ok: true }) =>
  failure && !failure.ok ? (failure.errors ?? []).map((e) => e.message) : [];

const now = new Date("2026-12-07T00:00:00Z");
const ruleMessages = [
  ...messagesOf(
    checkConsent({
      notificationNumber: "",
      authorities: [],
      validFrom: null,
      validTo: null,
      shipmentsConsented: null,
      serialNumber: null,
    }),
  ),
  ...messagesOf(
    checkConsent({
      notificationNumber: "x".repeat(41),
      authorities: ["A"],
      validFrom: new Date("2026-02-01"),
      validTo: new Date("2026-01-01"),
      shipmentsConsented: 3,
      serialNumber: 9,
    }),
  ),
  ...messagesOf(
    checkMilestoneFields(
      {
        kind: "picked_up",
        occurredAt: new Date("2027-01-01"),
        location: { lat: 200, lng: 0 },
        netWeightKg: 5,
        note: "n".repeat(MAX_NOTE_LENGTH + 1),
      },
      { now, previousAt: null, blackMass: false },
    ),
  ),
  ...messagesOf(
    checkMilestoneFields(
      { kind: "received", occurredAt: new Date("2026-01-01"), netWeightKg: 0 },
      { now, previousAt: new Date("2026-06-01"), blackMass: false },
    ),
  ),
  ...messagesOf(
    checkMilestoneFields(
      { kind: "assayed", occurredAt: now, assay: { nickelBp: 20_000 } },
      { now, previousAt: null, blackMass: true },
    ),
  ),
];

describe("the consent and milestone rules' messages on the shipment page", () => {
  test("the rules say what the page recognises", () => {
    expect(ruleMessages.length).toBeGreaterThanOrEqual(16);
  });

  test.each(ruleMessages)("%s", (message) => {
    expect(validationMessage(translatorFor("en"), message)).toBe(message);
    for (const language of ["ja", "th", "es"] as const) {
      const worded = validationMessage(translatorFor(language), message);
      expect(worded).not.toBe(message);
      expect(worded).not.toMatch(/\{\{/);
    }
  });

  test("numbers in a message are kept; an unknown message stays as it came", () => {
    expect(
      validationMessage(translatorFor("ko"), "The serial number must be among the 3 shipments consented."),
    ).toBe("일련번호는 동의된 운송 3건 안에 있어야 합니다.");
    expect(validationMessage(translatorFor("ko"), "Something new.")).toBe("Something new.");
  });

  test("a refusal's feedback: field by field for VALIDATION, by its code otherwise", () => {
    const t = translatorFor("vi");
    const invalid = checkConsent({
      notificationNumber: "",
      authorities: ["A"],
      validFrom: new Date("2026-01-01"),
      validTo: new Date("2026-02-01"),
      shipmentsConsented: 1,
      serialNumber: 1,
    });
    expect(failureFeedback(t, invalid as Failure)).toEqual({
      errors: { notificationNumber: "Hãy nhập số thông báo." },
      formError: "Hãy nhập số thông báo.",
    });
    const fixed: Failure = {
      ok: false,
      code: "CARRIER_FIXED",
      message: "The goods are already picked up: the carrier can no longer change.",
    };
    expect(failureFeedback(t, fixed)).toEqual({
      errors: { form: "Hàng đã được lấy: không thể đổi đơn vị vận chuyển nữa." },
      formError: "Hàng đã được lấy: không thể đổi đơn vị vận chuyển nữa.",
    });
    const missing: Failure = {
      ok: false,
      code: "DOCUMENT_MISSING",
      message: "The shipment cannot leave without: Safety data sheet.",
      details: { missing: ["SAFETY_DATA_SHEET", "UN38_3_SUMMARY"] },
    };
    expect(failureFeedback(translatorFor("ja"), missing).formError).toBe(
      "次の書類がないと輸送は出発できません：安全データシート、UN 38.3 試験概要。",
    );
    expect(failureFeedback(translatorFor("en"), missing).formError).toBe(
      "The shipment cannot leave without: Safety data sheet, UN 38.3 test summary.",
    );
  });
});
