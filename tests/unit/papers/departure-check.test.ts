import { describe, expect, it } from "vitest";
import { checkDeparture } from "~/domain/papers/departure-check.ts";
import { CONSENT } from "./fixtures.ts";

const REQUIRED = ["DANGEROUS_GOODS_DECLARATION", "MOVEMENT_DOCUMENT"] as const;

describe("departure check", () => {
  it.each([
    {
      name: "all papers, valid consent",
      present: REQUIRED,
      needsConsent: true,
      consent: CONSENT,
      serial: 1,
      at: "2026-12-08",
      code: null,
    },
    {
      name: "no consent recorded",
      present: REQUIRED,
      needsConsent: true,
      consent: null,
      serial: 1,
      at: "2026-12-08",
      code: "CONSENT_REQUIRED",
    },
    {
      name: "consent expired",
      present: REQUIRED,
      needsConsent: true,
      consent: CONSENT,
      serial: 1,
      at: "2027-03-01",
      code: "CONSENT_EXPIRED",
    },
    {
      name: "beyond the shipments consented",
      present: REQUIRED,
      needsConsent: true,
      consent: CONSENT,
      serial: 13,
      at: "2026-12-08",
      code: "CONSENT_EXHAUSTED",
    },
    {
      name: "movement document missing",
      present: ["DANGEROUS_GOODS_DECLARATION"],
      needsConsent: true,
      consent: CONSENT,
      serial: 1,
      at: "2026-12-08",
      code: "DOCUMENT_MISSING",
    },
    {
      name: "domestic: no consent needed",
      present: REQUIRED,
      needsConsent: false,
      consent: null,
      serial: 1,
      at: "2026-12-08",
      code: null,
    },
  ] as const)("$name → $code", ({ present, needsConsent, consent, serial, at, code }) => {
    const result = checkDeparture({
      required: REQUIRED,
      present,
      needsConsent,
      consent,
      serialNumber: serial,
      at,
    });
    expect(result.ok ? null : result.code).toBe(code);
  });

  it("names every missing paper", () => {
    const result = checkDeparture({
      required: REQUIRED,
      present: [],
      needsConsent: false,
      consent: null,
      serialNumber: 1,
      at: "2026-12-08",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        "The shipment cannot depart without: Dangerous goods declaration, Movement document.",
      );
      expect(result.details).toEqual({ missing: ["DANGEROUS_GOODS_DECLARATION", "MOVEMENT_DOCUMENT"] });
    }
  });
});
