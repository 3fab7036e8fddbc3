// The rules of a recorded transboundary consent and of a milestone's evidence file, as tables.
import { describe, expect, test } from "vitest";
import { type ConsentInput, checkConsent } from "~/domain/shipments/consent.ts";
import { checkEvidence, evidenceCustodyData, isEvidenceKind } from "~/domain/shipments/evidence.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const valid: ConsentInput = {
  notificationNumber: " KR-2026-0042 ",
  authorities: ["Ministry of Environment, Republic of Korea", "", "  US EPA  "],
  validFrom: day("2026-11-01"),
  validTo: day("2027-10-31"),
  shipmentsConsented: 12,
  serialNumber: 3,
};

describe("checkConsent", () => {
  test("a complete consent is kept, trimmed, empty authority lines dropped", () => {
    expect(checkConsent(valid)).toEqual({
      ok: true,
      consent: {
        notificationNumber: "KR-2026-0042",
        authorities: ["Ministry of Environment, Republic of Korea", "US EPA"],
        validFrom: day("2026-11-01"),
        validTo: day("2027-10-31"),
        shipmentsConsented: 12,
        serialNumber: 3,
      },
    });
  });

  test.each<[string, Partial<ConsentInput>, string, RegExp]>([
    ["no notification number", { notificationNumber: "  " }, "notificationNumber", /notification number/],
    ["a notification number too long", { notificationNumber: "N".repeat(41) }, "notificationNumber", /40/],
    ["no authority", { authorities: ["", " "] }, "authorities", /at least one/],
    [
      "seven authorities",
      { authorities: Array.from({ length: 7 }, (_, i) => `A${i}`) },
      "authorities",
      /at most 6/,
    ],
    ["an authority's name too long", { authorities: ["A".repeat(201)] }, "authorities", /200/],
    ["no first day", { validFrom: null }, "validFrom", /first valid day/],
    ["an invalid first day", { validFrom: new Date(Number.NaN) }, "validFrom", /first valid day/],
    ["no last day", { validTo: null }, "validTo", /last valid day/],
    ["ends before it starts", { validTo: day("2026-10-31") }, "validTo", /end after it starts/],
    ["longer than three years", { validTo: day("2030-01-01") }, "validTo", /three years/],
    ["no shipment count", { shipmentsConsented: null }, "shipmentsConsented", /number of shipments/],
    ["zero shipments", { shipmentsConsented: 0 }, "shipmentsConsented", /1 to 10,000/],
    ["a fractional count", { shipmentsConsented: 2.5 }, "shipmentsConsented", /1 to 10,000/],
    ["no serial number", { serialNumber: null }, "serialNumber", /serial number/],
    ["serial number zero", { serialNumber: 0 }, "serialNumber", /from 1/],
    ["serial number beyond the count", { serialNumber: 13 }, "serialNumber", /among the 12/],
  ])("refuses %s, naming %s", (_name, change, field, message) => {
    const result = checkConsent({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("VALIDATION");
    expect(result.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  test("the last consented shipment and a one-day consent are fine", () => {
    expect(checkConsent({ ...valid, serialNumber: 12 }).ok).toBe(true);
    expect(checkConsent({ ...valid, validTo: valid.validFrom }).ok).toBe(true);
  });

  test("every field at fault is named at once", () => {
    const result = checkConsent({
      notificationNumber: "",
      authorities: [],
      validFrom: null,
      validTo: null,
      shipmentsConsented: null,
      serialNumber: null,
    });
    expect(result.ok ? [] : result.errors?.map((e) => e.field)).toEqual([
      "notificationNumber",
      "authorities",
      "validFrom",
      "validTo",
      "shipmentsConsented",
      "serialNumber",
    ]);
  });
});

const PDF = new TextEncoder().encode("%PDF-1.7\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const HTML = new TextEncoder().encode("<html><body>");

describe("checkEvidence", () => {
  test.each([
    ["weighbridge_ticket", PDF, 1_000, "application/pdf"],
    ["weighbridge_ticket", PNG, 1_000, "image/png"],
    ["soc_declaration", PDF, 1_000, "application/pdf"],
    ["photo", PNG, 1_000, "image/png"],
  ] as const)("a %s may be %s", (kind, head, sizeBytes, contentType) => {
    expect(checkEvidence(kind, { sizeBytes, head })).toEqual({ ok: true, contentType });
  });

  test.each([
    ["photo", PDF, 1_000, /must be a PNG, JPEG or WebP/],
    ["delivery_note", HTML, 1_000, /Only PDF, PNG, JPEG or WebP/],
    ["other", PDF, 0, /empty/],
    ["other", PDF, 11 * 1024 * 1024, /at most 10 MB/],
  ] as const)("a %s is refused: %s", (kind, head, sizeBytes, message) => {
    const result = checkEvidence(kind, { sizeBytes, head });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(message);
  });

  test("kinds and the custody record", () => {
    expect(isEvidenceKind("weighbridge_ticket")).toBe(true);
    expect(isEvidenceKind("selfie")).toBe(false);
    expect(
      evidenceCustodyData([
        {
          kind: "photo",
          fileName: "a.png",
          sha256: "ab".repeat(32),
          sizeBytes: 12,
          storageKey: "secret",
        } as never,
      ]),
    ).toEqual([{ kind: "photo", fileName: "a.png", sha256: "ab".repeat(32), sizeBytes: 12 }]);
  });
});
