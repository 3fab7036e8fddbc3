// Seeded lots and facilities across the 21 APEC economies for the matching benchmarks: sites
// scattered around each economy's ports (inland and coastal), realistic acceptance lists, six
// monthly capacity windows per facility priced as payables (nickel-rich feed) or gate fees (LFP),
// some in the facility's own currency. The same seed always gives the same data.
import {
  BATTERY_CONDITIONS,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  RECYCLING_PROCESSES,
} from "~/domain/codes.ts";
import { ECONOMIES, type EconomyCode } from "~/domain/economies.ts";
import type { MatchCapacityWindow, MatchFacility, MatchLot } from "~/domain/matching/types.ts";

export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

function subset<T>(random: () => number, values: readonly T[], p: number): T[] {
  const chosen = values.filter(() => random() < p);
  return chosen.length > 0 ? chosen : [pick(random, values)];
}

// Where recyclers and fleets are: weights by economy (bigger markets get more sites).
const WEIGHTED: EconomyCode[] = ECONOMIES.flatMap((economy) => {
  const weight =
    { CN: 8, US: 8, JP: 4, KR: 4, AU: 3, CA: 3, MX: 2, TH: 2, ID: 2, MY: 2 }[economy.code as string] ?? 1;
  return Array.from({ length: weight }, () => economy.code);
});

function site(random: () => number, economy: EconomyCode) {
  const e = ECONOMIES.find((x) => x.code === economy)!;
  const spread = economy === "US" || economy === "CA" || economy === "RU" || economy === "AU" ? 10 : 3;
  const lat = Math.max(-60, Math.min(70, e.portLat + (random() - 0.5) * spread));
  let lng = e.portLng + (random() - 0.5) * spread * 1.5;
  if (lng > 180) lng -= 360;
  if (lng < -180) lng += 360;
  return { lat: Math.round(lat * 1e4) / 1e4, lng: Math.round(lng * 1e4) / 1e4 };
}

const LOCAL_CURRENCY: Partial<Record<EconomyCode, [string, number]>> = {
  KR: ["KRW", 1380],
  JP: ["JPY", 158],
  AU: ["AUD", 1.5],
  CN: ["CNY", 7.25],
  CA: ["CAD", 1.37],
};

function monthPlus(month: string, offset: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + m - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** `tonnes`: range of tonnes offered per window; small windows make capacity scarce, as in a plan. */
export function makeFacilities(
  count: number,
  seed: number,
  firstMonth: string,
  tonnes: [number, number] = [50, 1550],
): MatchFacility[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i): MatchFacility => {
    const economy = pick(random, WEIGHTED);
    const acceptedChemistries = subset(random, CHEMISTRIES, 0.55);
    const lfpPlant = acceptedChemistries.every((c) => c === "LFP" || c === "LMFP" || c === "SODIUM_ION");
    const local = LOCAL_CURRENCY[economy];
    const capacity: MatchCapacityWindow[] = Array.from({ length: 6 }, (_, m) => {
      const offered = Math.round(tonnes[0] + random() * (tonnes[1] - tonnes[0]));
      const payable = !lfpPlant && random() < 0.75;
      const usdPerTonne = payable ? 300 + random() * 2700 : 80 + random() * 420;
      const inLocal = local && random() < 0.4;
      const currency = inLocal ? local[0] : "USD";
      const perTonne = inLocal ? usdPerTonne * local[1] : usdPerTonne;
      const exponent = currency === "KRW" || currency === "JPY" ? 1 : 100;
      return {
        month: monthPlus(firstMonth, m),
        tonnes: offered,
        bookedTonnes: random() < 0.3 ? Math.round(offered * random()) : 0,
        pricePerTonne: { amountMinor: Math.round(perTonne * exponent), currency },
        priceKind: payable ? "payable" : "gate_fee",
        acceptedChemistries: random() < 0.15 ? [pick(random, acceptedChemistries)] : [],
      };
    });
    return {
      id: `facility-${i}`,
      name: `Recycler ${i} (${economy})`,
      location: site(random, economy),
      economy,
      processes: subset(random, RECYCLING_PROCESSES, 0.4),
      acceptedChemistries,
      acceptedForms: subset(random, LOT_FORMS, 0.6),
      acceptedConditions: subset(random, BATTERY_CONDITIONS, 0.6),
      recoveryRatesPct: {
        li: Math.round(50 + random() * 45),
        ni: Math.round(85 + random() * 14),
        co: Math.round(85 + random() * 14),
        mn: Math.round(random() * 90),
        cu: Math.round(80 + random() * 19),
      },
      holdsImportConsent: random() < 0.6,
      capacity,
    };
  });
}

const LOT_CHEMISTRIES: Chemistry[] = ["NMC811", "NMC622", "NMC532", "NCA", "LFP", "LFP", "LMFP", "MIXED"];

export function makeLots(count: number, seed: number, availableFrom: string): MatchLot[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i): MatchLot => {
    const economy = pick(random, WEIGHTED);
    return {
      id: `lot-${i}`,
      chemistry: pick(random, LOT_CHEMISTRIES),
      form: pick(random, LOT_FORMS),
      condition: random() < 0.7 ? "intact" : pick(random, BATTERY_CONDITIONS),
      massKg: Math.round(300 + random() * 24_000),
      location: site(random, economy),
      economy,
      availableFrom,
    };
  });
}
