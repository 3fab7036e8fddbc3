import type { BatteryCondition, Chemistry, LotForm } from "~/domain/codes.ts";

// What the demo sellers list. Masses and energies, from docs/domain/chemistries-and-metal-content.md §1.5
// where a figure is given there (Tesla Model S 85: 544 kg; Model 3: ≈ 480 kg; Nissan Leaf 40 kWh: ≈ 303 kg),
// otherwise from the rule of thumb in the same section (pack kg ≈ kWh × 6.5 for NMC, × 7.0 for LFP),
// marked [A]. Values per tonne (USD) come from §1.2 and docs/domain/prices.md §9: the WMG estimate
// of ≈ £3.3/kg recoverable value for BEV packs, Argus production-scrap indices of 2 January 2024
// (NCM811 $10,653/t, NCM523 $9,442/t, LCO $18,868/t, LFP $1,991/t), NCA black mass ≈ $4,400/t CIF
// Korea (June 2024), LFP black mass in China at 2,000–3,100 CNY per % Li (2025), and LFP packs
// outside China near zero or negative (§9.3). Buyers pay less than the recoverable value; the
// ranges below are demo asking levels [A].

export interface LotTemplate {
  form: LotForm;
  chemistry: Chemistry;
  /** Used in the title: "12 × Tesla Model S 85 packs". */
  product: string;
  originVehicle?: string;
  originOem?: string;
  /** Mass of one unit (pack, module, cell, bag) in kg. */
  unitKg: number;
  /** Nominal energy of one unit in Wh; omitted for powder and scrap. */
  unitWh?: number;
  count: readonly [number, number];
  usdPerTonne: readonly [number, number];
  /** Fixed condition; otherwise drawn with mostly intact lots. */
  condition?: BatteryCondition;
  description: string;
}

const pack = (
  originVehicle: string,
  originOem: string,
  chemistry: Chemistry,
  kWh: number,
  kg: number,
  usdPerTonne: readonly [number, number],
  count: readonly [number, number] = [2, 16],
  extra: Partial<LotTemplate> = {},
): LotTemplate => ({
  form: "pack",
  chemistry,
  product: `${originVehicle} packs`,
  originVehicle,
  originOem,
  unitKg: kg,
  unitWh: Math.round(kWh * 1000),
  count,
  usdPerTonne,
  description: `Complete ${originVehicle} traction packs (${kWh} kWh nominal, about ${kg} kg each) with BMS, removed from vehicles and stored on pallets indoors.`,
  ...extra,
});

export const PACKS = {
  teslaS85: pack("Tesla Model S 85", "Tesla", "NCA", 85, 544, [2600, 3400], [2, 18]),
  tesla3LR: pack("Tesla Model 3 Long Range", "Tesla", "NCA", 75, 480, [2500, 3200]),
  tesla3SR: pack("Tesla Model 3 Standard Range (LFP)", "Tesla", "LFP", 60, 420, [40, 140]),
  bolt: pack("Chevrolet Bolt EV", "General Motors", "NMC622", 66, 429, [1400, 2000], [4, 20], {
    condition: "defective",
    description:
      "Chevrolet Bolt EV packs returned under the safety recall: defective for safety reasons, not deformed. Must travel as damaged/defective (SP 376, P908/LP904).",
  }),
  leaf40: pack("Nissan Leaf 40 kWh", "Nissan", "NMC532", 40, 303, [1900, 2600], [4, 20]),
  leaf24: pack("Nissan Leaf 24 kWh (first generation)", "Nissan", "LMO", 24, 294, [500, 900], [4, 20]),
  i3: pack("BMW i3 42 kWh", "BMW", "NMC622", 42, 278, [2200, 2900], [4, 20]),
  kona: pack("Hyundai Kona Electric 64 kWh", "Hyundai", "NMC622", 64, 416, [2300, 3000]),
  niro: pack("Kia Niro EV 64 kWh", "Kia", "NMC622", 64, 416, [2300, 3000]),
  ioniq5: pack("Hyundai Ioniq 5 72.6 kWh", "Hyundai", "NMC811", 72.6, 473, [2500, 3300]),
  nioES8: pack("NIO ES8 75 kWh", "NIO", "NMC811", 75, 488, [2500, 3300]),
  bydE6: pack("BYD e6 taxi", "BYD", "LFP", 82, 574, [350, 650], [4, 20]),
  bydHan: pack("BYD Han EV", "BYD", "LFP", 85, 595, [400, 700]),
  bydAtto3: pack("BYD Atto 3", "BYD", "LFP", 60, 420, [380, 680]),
  mgZS: pack("MG ZS EV", "SAIC MG", "LFP", 51, 357, [40, 140], [4, 20]),
};

export const MODULES = {
  teslaS: {
    form: "module",
    chemistry: "NCA",
    product: "Tesla Model S modules",
    originVehicle: "Tesla Model S",
    originOem: "Tesla",
    unitKg: 26,
    unitWh: 5300,
    count: [32, 160],
    usdPerTonne: [2800, 3600],
    description:
      "Modules from dismantled Tesla Model S 85 packs (16 per pack), discharged and boxed. Module mass assumed [A].",
  },
  leaf24: {
    form: "module",
    chemistry: "LMO",
    product: "Nissan Leaf 24 kWh modules",
    originVehicle: "Nissan Leaf",
    originOem: "Nissan",
    unitKg: 3.8,
    unitWh: 500,
    count: [480, 2400],
    usdPerTonne: [600, 1000],
    description: "Modules from first-generation Nissan Leaf packs (48 per pack), graded and boxed.",
  },
  busLfp: {
    form: "module",
    chemistry: "LFP",
    product: "electric bus LFP modules",
    originVehicle: "12 m electric bus",
    unitKg: 85,
    unitWh: 11_000,
    count: [40, 200],
    usdPerTonne: [60, 260],
    description:
      "LFP modules from retired 12 m electric buses, tested module by module; many suit second-life storage. Module size assumed [A].",
  },
  swapLfp: {
    form: "module",
    chemistry: "LFP",
    product: "two-wheeler swap batteries (LFP)",
    unitKg: 11,
    unitWh: 1500,
    count: [300, 1500],
    usdPerTonne: [80, 260],
    description:
      "Retired LFP swap batteries from an electric scooter network, 48 V class. Unit size assumed [A].",
  },
} satisfies Record<string, LotTemplate>;

export const CELLS = {
  lfpPrismatic: {
    form: "cell",
    chemistry: "LFP",
    product: "LFP prismatic cells (100 Ah)",
    unitKg: 2,
    unitWh: 320,
    count: [1000, 5000],
    usdPerTonne: [150, 400],
    description: "3.2 V 100 Ah prismatic LFP cells from dismantled swap batteries, sorted by capacity test.",
  },
  lcoConsumer: {
    form: "cell",
    chemistry: "LCO",
    product: "LCO consumer cells (18650)",
    unitKg: 0.045,
    unitWh: 10,
    count: [20_000, 90_000],
    usdPerTonne: [4500, 7000],
    condition: "intact",
    description:
      "Returned and end-of-life 18650 LCO cells from laptop and power-tool packs, in lined boxes for recycling (SP 377, P909).",
  },
  nmcPouchOffSpec: {
    form: "cell",
    chemistry: "NMC622",
    product: "off-spec NMC622 pouch cells",
    unitKg: 0.9,
    unitWh: 220,
    count: [2000, 9000],
    usdPerTonne: [5500, 8000],
    condition: "defective",
    description:
      "Pouch cells rejected at end-of-line testing (capacity or impedance out of spec); not deformed. Shipped as defective under SP 376.",
  },
  mixedCollected: {
    form: "cell",
    chemistry: "MIXED",
    product: "mixed collected lithium-ion cells",
    unitKg: 0.05,
    count: [20_000, 100_000],
    usdPerTonne: [100, 600],
    condition: "intact",
    description:
      "Unsorted lithium-ion cells from public drop-off collection, terminals taped, in approved drums (SP 377, P909). Count estimated by weight.",
  },
} satisfies Record<string, LotTemplate>;

const bags = (
  chemistry: Chemistry,
  product: string,
  usdPerTonne: readonly [number, number],
  description: string,
  count: readonly [number, number] = [5, 25],
): LotTemplate => ({
  form: "black_mass",
  chemistry,
  product,
  unitKg: 950,
  count,
  usdPerTonne,
  condition: "intact",
  description: `${description} Packed in lined bulk bags of about 950 kg (no bulk; China accepts only bagged black mass).`,
});

export const BLACK_MASS = {
  nmc: bags(
    "NMC622",
    "NMC black mass",
    [3800, 5200],
    "Dried NMC black mass, Ni+Co ≈ 30 %, Li ≈ 4 %, Cu and Al ≤ 2 %. Assay report available.",
  ),
  nmc811: bags(
    "NMC811",
    "NMC811 black mass",
    [4200, 5600],
    "High-nickel black mass, Ni ≈ 35 %, Co ≈ 5 %, Li ≈ 4 %; fluorine removed by thermal step.",
  ),
  nca: bags(
    "NCA",
    "NCA black mass",
    [4000, 4800],
    "NCA black mass from Tesla pack shredding, Ni ≈ 30 %, Co ≈ 5 %, Li ≈ 3.5 %.",
  ),
  mixed: bags(
    "MIXED",
    "mixed metal dust",
    [1800, 3000],
    "Mixed metal dust from sorting and shredding of mixed lithium-ion batteries, destined for Korean refiners.",
  ),
  lfpPolePiece: bags(
    "LFP",
    "LFP pole-piece black mass",
    [1000, 1400],
    "LFP pole-piece black mass, Li ≈ 3.6 %, P ≈ 13 %, Fe ≈ 28 %; meets the China import specification for LFP black mass.",
  ),
};

const scrap = (
  chemistry: Chemistry,
  product: string,
  usdPerTonne: readonly [number, number],
  description: string,
): LotTemplate => ({
  form: "production_scrap",
  chemistry,
  product,
  unitKg: 500,
  count: [6, 40],
  usdPerTonne,
  condition: "intact",
  description: `${description} Packed in sealed drums on pallets, 500 kg per pallet.`,
});

export const SCRAP = {
  nmc811: scrap(
    "NMC811",
    "NMC811 electrode scrap",
    [8500, 10_600],
    "Coated cathode foil trimmings and rejected electrodes from an NMC811 line.",
  ),
  nmc532: scrap(
    "NMC532",
    "NMC532 electrode scrap",
    [7500, 9400],
    "Cathode electrode scrap from an NMC532 line.",
  ),
  nmc622: scrap(
    "NMC622",
    "NMC622 electrode scrap",
    [8000, 10_000],
    "Cathode electrode scrap from an NMC622 line.",
  ),
  lco: scrap(
    "LCO",
    "LCO electrode scrap",
    [15_000, 18_800],
    "LCO cathode electrode scrap from consumer-cell production.",
  ),
  lfp: scrap(
    "LFP",
    "LFP electrode scrap",
    [1500, 2000],
    "LFP cathode electrode scrap and rejected cells from a storage-cell line.",
  ),
  lmfp: scrap(
    "LMFP",
    "LMFP electrode scrap",
    [1200, 1700],
    "LMFP cathode electrode scrap from a pilot line [A: no published price].",
  ),
  sodiumIon: scrap(
    "SODIUM_ION",
    "sodium-ion production scrap",
    [80, 200],
    "Sodium-ion cells and electrodes rejected at formation; no lithium, nickel or cobalt, so little metal value [A].",
  ),
};

/** Which templates each seller lists, with how many lots, and the currency it quotes in. */
export interface SellerPlan {
  organizationKey: string;
  currency: string;
  lots: number;
  templates: LotTemplate[];
  /** Cities the seller's lots sit in: label, lat, lng. */
  places: { label: string; lat: number; lng: number }[];
}

const place = (label: string, lat: number, lng: number) => ({ label, lat, lng });

export const SELLER_PLANS: SellerPlan[] = [
  {
    organizationKey: "pacific-coast-fleet",
    currency: "USD",
    lots: 10,
    templates: [
      PACKS.teslaS85,
      PACKS.tesla3LR,
      PACKS.bolt,
      PACKS.leaf40,
      PACKS.i3,
      MODULES.teslaS,
      PACKS.tesla3SR,
    ],
    places: [
      place("Los Angeles, CA", 34.05, -118.24),
      place("Oakland, CA", 37.8, -122.27),
      place("Phoenix, AZ", 33.45, -112.07),
    ],
  },
  {
    organizationKey: "pearl-river-fleet",
    currency: "CNY",
    lots: 8,
    templates: [PACKS.bydE6, PACKS.bydHan, PACKS.nioES8, PACKS.bydAtto3],
    places: [place("Shenzhen, Guangdong", 22.54, 114.06), place("Guangzhou, Guangdong", 23.13, 113.26)],
  },
  {
    organizationKey: "great-lakes-collection",
    currency: "CAD",
    lots: 6,
    templates: [PACKS.bolt, PACKS.leaf40, PACKS.kona, PACKS.tesla3LR, PACKS.i3],
    places: [place("Toronto, ON", 43.65, -79.38), place("Montreal, QC", 45.5, -73.57)],
  },
  {
    organizationKey: "hanbit-dismantling",
    currency: "KRW",
    lots: 6,
    templates: [PACKS.kona, PACKS.niro, PACKS.ioniq5],
    places: [place("Incheon", 37.46, 126.71), place("Ulsan", 35.54, 129.31)],
  },
  {
    organizationKey: "kanto-ev-returns",
    currency: "JPY",
    lots: 6,
    templates: [PACKS.leaf24, PACKS.leaf40, MODULES.leaf24, PACKS.i3],
    places: [place("Yokohama, Kanagawa", 35.44, 139.64), place("Nagoya, Aichi", 35.18, 136.91)],
  },
  {
    organizationKey: "southern-cross-collect",
    currency: "AUD",
    lots: 6,
    templates: [PACKS.teslaS85, PACKS.mgZS, CELLS.mixedCollected, PACKS.leaf24],
    places: [
      place("Melbourne, VIC", -37.81, 144.96),
      place("Sydney, NSW", -33.87, 151.21),
      place("Brisbane, QLD", -27.47, 153.03),
    ],
  },
  {
    organizationKey: "chao-phraya-ebus",
    currency: "THB",
    lots: 4,
    templates: [MODULES.busLfp, PACKS.mgZS],
    places: [place("Bangkok", 13.76, 100.5), place("Rayong", 12.68, 101.28)],
  },
  {
    organizationKey: "santiago-ebus",
    currency: "CLP",
    lots: 3,
    templates: [MODULES.busLfp],
    places: [place("Santiago", -33.45, -70.67)],
  },
  {
    organizationKey: "nuevo-leon-cells",
    currency: "USD",
    lots: 4,
    templates: [SCRAP.nmc811, SCRAP.nmc532, CELLS.nmcPouchOffSpec],
    places: [place("Monterrey, Nuevo León", 25.69, -100.32)],
  },
  {
    organizationKey: "formosa-cells",
    currency: "USD",
    lots: 3,
    templates: [SCRAP.lco, CELLS.lcoConsumer, SCRAP.nmc622],
    places: [place("Taoyuan", 24.99, 121.3)],
  },
  {
    organizationKey: "mekong-swap",
    currency: "USD",
    lots: 3,
    templates: [CELLS.lfpPrismatic, MODULES.swapLfp],
    places: [place("Ho Chi Minh City", 10.82, 106.63), place("Hai Phong", 20.84, 106.69)],
  },
  {
    organizationKey: "yangtze-cells",
    currency: "CNY",
    lots: 5,
    templates: [SCRAP.lfp, SCRAP.lmfp, SCRAP.sodiumIon, BLACK_MASS.lfpPolePiece],
    places: [place("Hefei, Anhui", 31.82, 117.23)],
  },
  {
    organizationKey: "lithion",
    currency: "USD",
    lots: 2,
    templates: [BLACK_MASS.nmc, BLACK_MASS.nmc811],
    places: [place("Saint-Bruno-de-Montarville, QC", 45.53, -73.35)],
  },
  {
    organizationKey: "envirostream",
    currency: "USD",
    lots: 2,
    templates: [BLACK_MASS.mixed],
    places: [place("Laverton North, VIC", -37.83, 144.78)],
  },
  {
    organizationKey: "kowloon-trading",
    currency: "USD",
    lots: 2,
    templates: [BLACK_MASS.nca, BLACK_MASS.nmc],
    places: [place("Kwai Chung, Hong Kong", 22.36, 114.13)],
  },
  {
    organizationKey: "tes",
    currency: "USD",
    lots: 1,
    templates: [BLACK_MASS.nmc],
    places: [place("Tuas, Singapore", 1.32, 103.64)],
  },
];
