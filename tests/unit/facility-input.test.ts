import { describe, expect, it } from "vitest";
import {
  certificationExpiresSoon,
  isCertificationExpired,
  validateCertification,
} from "~/domain/facility-certification.ts";
import {
  type FacilityProfileInput,
  parsePercentToBp,
  validateFacilityProfile,
} from "~/domain/facility-input.ts";

const VALID: FacilityProfileInput = {
  name: "  Kwinana Hydromet  ",
  description: "Leaching and refining of black mass.",
  address: "",
  website: "https://example.com/kwinana",
  lat: "-32.2",
  lng: "115.77",
  economy: "au",
  processes: ["hydrometallurgy", "mechanical"],
  acceptedChemistries: ["NMC811", "LFP"],
  acceptedForms: ["black_mass"],
  acceptedConditions: ["intact", "damaged"],
  recoveryLiPct: "90",
  recoveryNiPct: "98.5",
  recoveryCoPct: "99.25",
  recoveryMnPct: "0",
  recoveryCuPct: "100",
  holdsImportConsent: "on",
  annualCapacityTonnes: "10,000",
};

describe("validateFacilityProfile", () => {
  it("stores what the form means: trimmed text, canonical order, basis points, kg", () => {
    const result = validateFacilityProfile(VALID);
    expect(result).toEqual({
      ok: true,
      profile: {
        name: "Kwinana Hydromet",
        description: "Leaching and refining of black mass.",
        address: null,
        website: "https://example.com/kwinana",
        lat: -32.2,
        lng: 115.77,
        economyCode: "AU",
        processes: ["mechanical", "hydrometallurgy"],
        acceptedChemistries: ["NMC811", "LFP"],
        acceptedForms: ["black_mass"],
        acceptedConditions: ["intact", "damaged"],
        recoveryLiBp: 9000,
        recoveryNiBp: 9850,
        recoveryCoBp: 9925,
        recoveryMnBp: 0,
        recoveryCuBp: 10000,
        holdsImportConsent: true,
        annualCapacityKg: 10_000_000,
      },
    });
  });

  it.each([
    [{ holdsImportConsent: undefined }, false],
    [{ holdsImportConsent: "" }, false],
    [{ holdsImportConsent: "true" }, true],
    [{ holdsImportConsent: false }, false],
    [{ annualCapacityTonnes: "" }, true],
  ] as const)("optional fields: %o", (patch, consentOrOk) => {
    const result = validateFacilityProfile({ ...VALID, ...patch });
    expect(result.ok).toBe(true);
    if (result.ok && "holdsImportConsent" in patch)
      expect(result.profile.holdsImportConsent).toBe(consentOrOk);
    if (result.ok && "annualCapacityTonnes" in patch) expect(result.profile.annualCapacityKg).toBeNull();
  });

  const bad: [string, Partial<FacilityProfileInput>, string][] = [
    ["empty name", { name: "   " }, "name"],
    ["long name", { name: "x".repeat(121) }, "name"],
    ["long description", { description: "x".repeat(4001) }, "description"],
    ["website without scheme", { website: "example.com" }, "website"],
    ["javascript website", { website: "javascript:alert(1)" }, "website"],
    ["latitude above 90", { lat: "90.5" }, "lat"],
    ["latitude not a number", { lat: "north" }, "lat"],
    ["latitude empty", { lat: "" }, "lat"],
    ["longitude below -180", { lng: "-180.01" }, "lng"],
    ["longitude with exponent", { lng: "1e2" }, "lng"],
    ["economy outside APEC", { economy: "DE" }, "economy"],
    ["no economy", { economy: "" }, "economy"],
    ["no process", { processes: [] }, "processes"],
    ["unknown process", { processes: ["smelting"] }, "processes"],
    ["no chemistry", { acceptedChemistries: [] }, "acceptedChemistries"],
    ["unknown chemistry", { acceptedChemistries: ["NMC999"] }, "acceptedChemistries"],
    ["no form", { acceptedForms: undefined }, "acceptedForms"],
    ["unknown form", { acceptedForms: ["crate"] }, "acceptedForms"],
    ["no condition", { acceptedConditions: [] }, "acceptedConditions"],
    ["recovery above 100", { recoveryLiPct: "100.01" }, "recoveryLiPct"],
    ["recovery negative", { recoveryNiPct: "-1" }, "recoveryNiPct"],
    ["recovery 3 decimals", { recoveryCoPct: "99.125" }, "recoveryCoPct"],
    ["recovery missing", { recoveryMnPct: "" }, "recoveryMnPct"],
    ["recovery with unit", { recoveryCuPct: "95%" }, "recoveryCuPct"],
    ["annual capacity fractional", { annualCapacityTonnes: "12.5" }, "annualCapacityTonnes"],
    ["annual capacity zero", { annualCapacityTonnes: "0" }, "annualCapacityTonnes"],
    ["annual capacity absurd", { annualCapacityTonnes: "5000001" }, "annualCapacityTonnes"],
  ];
  it.each(bad)("%s → error on %s", (_, patch, field) => {
    const result = validateFacilityProfile({ ...VALID, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it("names every bad field at once", () => {
    const result = validateFacilityProfile({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        "acceptedChemistries",
        "acceptedConditions",
        "acceptedForms",
        "economy",
        "lat",
        "lng",
        "name",
        "processes",
        "recoveryCoPct",
        "recoveryCuPct",
        "recoveryLiPct",
        "recoveryMnPct",
        "recoveryNiPct",
      ].sort(),
    );
  });
});

describe("parsePercentToBp", () => {
  it.each([
    ["0", 0],
    ["100", 10000],
    ["95", 9500],
    ["95.5", 9550],
    ["99.25", 9925],
    [" 7.05 ", 705],
    ["100.00", 10000],
    ["100.01", null],
    ["101", null],
    ["-5", null],
    ["1.234", null],
    [".5", null],
    ["", null],
    ["abc", null],
  ] as const)("%s → %s", (text, bp) => {
    expect(parsePercentToBp(text)).toBe(bp);
  });
});

describe("certifications", () => {
  const today = new Date("2026-11-28T15:00:00Z");

  it("accepts a certificate with or without an expiry", () => {
    expect(
      validateCertification(
        { name: " ISO 14001 ", reference: "", issuedBy: "BSI", expiresOn: "2027-03-31" },
        today,
      ),
    ).toEqual({
      ok: true,
      certification: { name: "ISO 14001", reference: null, issuedBy: "BSI", expiresOn: "2027-03-31" },
    });
    expect(validateCertification({ name: "Factory licence", expiresOn: "" }, today)).toMatchObject({
      ok: true,
      certification: { expiresOn: null },
    });
    // Valid through its expiry day.
    expect(validateCertification({ name: "Permit", expiresOn: "2026-11-28" }, today).ok).toBe(true);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(201) }, "name"],
    [{ name: "R2", reference: "x".repeat(101) }, "reference"],
    [{ name: "R2", expiresOn: "2026-11-27" }, "expiresOn"],
    [{ name: "R2", expiresOn: "2027-02-30" }, "expiresOn"],
    [{ name: "R2", expiresOn: "31/12/2027" }, "expiresOn"],
  ])("%o → error on %s", (input, field) => {
    const result = validateCertification(input, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it.each([
    [null, false, false],
    ["2026-11-27", true, false],
    ["2026-11-28", false, true],
    ["2026-12-28", false, true],
    ["2026-12-29", false, false],
  ] as const)("expiry %s: expired %s, expires soon %s", (day, expired, soon) => {
    const date = day ? new Date(`${day}T00:00:00Z`) : null;
    expect(isCertificationExpired(date, today)).toBe(expired);
    expect(certificationExpiresSoon(date, today)).toBe(soon);
  });
});
