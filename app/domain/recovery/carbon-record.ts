/**
 * The carbon and recycled-content record of a recovery (issue 12 item 7) as JSON for the API and the
 * passport export: transport CO2e per leg as shipped, the estimate of emissions avoided against
 * primary production with the dated factors used, and the recovered metal masses. Kilograms are
 * exact (grams ÷ 1000); the integer grams stay in the RecoveryRecord.
 */

import type { RecoveryRecord } from "./recovery.ts";
import { recycledContentRecord } from "./recovery.ts";

const kg = (grams: number) => grams / 1000;

export function carbonRecordJson(record: RecoveryRecord) {
  return {
    transport: {
      legs: record.legs.map((leg) => ({
        from: leg.from,
        to: leg.to,
        mode: leg.mode,
        distanceKm: leg.distanceKm,
        co2eKg: kg(leg.co2eGrams),
        basis: leg.basis,
      })),
      co2eKg: kg(record.transportCo2eGrams),
    },
    avoided: {
      co2eKg: kg(record.avoidedCo2eGrams),
      netOfTransportCo2eKg: kg(record.netAvoidedCo2eGrams),
      basis:
        "estimate: recovered mass × primary-production factor, gross of the recycling process's own emissions",
      factors: record.factors.map((f) => ({
        metal: f.metal,
        kgCo2ePerKg: f.gramsCo2ePerKg / 1000,
        asOf: f.asOf,
        source: f.source,
      })),
    },
    recycledContent: recycledContentRecord(record).map((entry) => ({
      metal: entry.metal,
      recoveredKg: kg(entry.recoveredGrams),
      recoveryPct: entry.recoveryBp / 100,
      countsUnderEuArticle8: entry.countsUnderEuArticle8,
    })),
  };
}

export type CarbonRecordJson = ReturnType<typeof carbonRecordJson>;
