import type { JsonValue } from "./chain.ts";

/**
 * What a lot's custody events record about the listing: its terms as the buyer saw them, in plain
 * JSON (money as minor-unit strings, times as ISO text), so an event can be read without the
 * database that wrote it. The reserve price is left out: the chain is shown to everyone who may
 * see the lot, and bidders must not learn the reserve.
 */
export interface LotTermsSource {
  status: string;
  version: number;
  title: string;
  chemistry: string;
  form: string;
  condition: string;
  count: number;
  massKg: number;
  energyWh: number | null;
  stateOfHealthPct: number | null;
  originOem: string | null;
  originVehicle: string | null;
  lat: number;
  lng: number;
  economyCode: string;
  availableFrom: Date;
  saleMode: string;
  currency: string;
  startingPriceMinor: bigint | null;
  askingPriceMinor: bigint | null;
  closesAt: Date | null;
}

function minor(amount: bigint | null): string | null {
  return amount === null ? null : amount.toString();
}

export function lotTermsData(lot: LotTermsSource): JsonValue {
  return {
    status: lot.status,
    version: lot.version,
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    count: lot.count,
    massKg: lot.massKg,
    energyWh: lot.energyWh,
    stateOfHealthPct: lot.stateOfHealthPct,
    originOem: lot.originOem,
    originVehicle: lot.originVehicle,
    location: { lat: lot.lat, lng: lot.lng, economy: lot.economyCode },
    availableFrom: lot.availableFrom.toISOString().slice(0, 10),
    saleMode: lot.saleMode,
    currency: lot.currency,
    startingPriceMinor: minor(lot.startingPriceMinor),
    askingPriceMinor: minor(lot.askingPriceMinor),
    closesAt: lot.closesAt === null ? null : lot.closesAt.toISOString(),
  };
}

/** A document as a custody event names it: what it is and the SHA-256 of its bytes. */
export interface DocumentFact {
  kind: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
}

export function documentsData(documents: readonly DocumentFact[]): JsonValue {
  return {
    documents: documents.map((doc) => ({
      kind: doc.kind,
      fileName: doc.fileName,
      sha256: doc.sha256,
      sizeBytes: doc.sizeBytes,
    })),
  };
}
