import type { DangerousGoodsDocumentInput } from "~/domain/papers/dangerous-goods.ts";
import type { MovementDocumentInput } from "~/domain/papers/movement-document.ts";
import type { RecoveryInput } from "~/domain/recovery/recovery.ts";

export const CONSIGNOR = {
  name: "Pacific Pack Recovery Pty Ltd",
  address: "12 Dock Rd, Port Botany NSW 2036, Australia",
};
export const CONSIGNEE = { name: "Han River Metals Co.", address: "88 Gaejeong-ro, Gunsan, Korea" };

export function dgInput(overrides: Partial<DangerousGoodsDocumentInput>): DangerousGoodsDocumentInput {
  return {
    documentNumber: "DG-2026-0001",
    issuedAt: "2026-12-06T09:30:00Z",
    regime: "ADR",
    unNumber: "UN3480",
    condition: "intact",
    purpose: "recycling",
    packageCount: 4,
    packageDescription: "wooden crates",
    grossMassKg: 1840,
    consignor: CONSIGNOR,
    consignee: CONSIGNEE,
    ...overrides,
  };
}

export const CONSENT = {
  notificationNumber: "AU-2026-000123",
  authority: "Ministry of Environment, Republic of Korea",
  grantedAt: "2026-03-01T00:00:00Z",
  validUntil: "2027-02-28T23:59:59Z",
  shipmentsConsented: 12,
};

export function movementInput(overrides: Partial<MovementDocumentInput> = {}): MovementDocumentInput {
  return {
    documentNumber: "MD-2026-0003",
    issuedAt: "2026-12-06T10:00:00Z",
    consent: CONSENT,
    serialNumber: 3,
    shipmentDate: "2026-12-08T00:00:00Z",
    wasteCodes: [
      { scheme: "Basel", code: "A1170" },
      { scheme: "OECD", code: "AA170" },
    ],
    wasteDescription: "Spent lithium-ion EV battery packs (NMC622), discharged",
    massKg: 1840,
    packageCount: 4,
    exporter: { name: "Pacific Pack Recovery Pty Ltd", address: "Port Botany NSW", economy: "AU" },
    importer: { name: "Han River Metals Co.", address: "Gunsan", economy: "KR" },
    facility: { name: "Han River Metals Gunsan plant", address: "Gunsan", economy: "KR" },
    carriers: [{ name: "Coral Sea Lines", mode: "sea" }],
    recoveryOperation: "R4",
    dangerousGoods: "UN 3480, class 9",
    ...overrides,
  };
}

export const HYDRO = { Li: 9000, Ni: 9800, Co: 9800, Mn: 9800, Cu: 9500 } as const;
export const PYRO = { Li: 0, Ni: 9500, Co: 9500, Mn: 0, Cu: 9500 } as const;

export const RECOVERY_INPUT: RecoveryInput = {
  chemistry: "NMC622",
  form: "pack",
  massReceivedKg: 1800,
  recoveryRatesBp: HYDRO,
  legs: [
    { from: "Port Botany", to: "Busan", mode: "deepSea", distanceKm: 8300, co2eGrams: 180_000 },
    { from: "Busan", to: "Gunsan", mode: "road", distanceKm: 260 },
  ],
};

export const HEAD = "9f2c1b7e4a6d8c0e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b9c1d3e5f7a9b0c2d4e";
