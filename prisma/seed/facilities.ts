import type { BatteryCondition, Chemistry, LotForm, RecyclingProcess } from "~/domain/codes.ts";
import type { EconomyCode } from "~/domain/economies.ts";

// Demo facilities, one per site in docs/domain/recycling-facilities.md §7 (locations are city- or park-level
// approximations, as there). Capacities are the public figures with their basis noted in the
// description; where none is published the value is an assumption marked [A].
//
// Recovery rates (basis points, 9500 = 95 %) per docs/domain/recycling-processes.md §2.1 and §2.4:
// - Hydrometallurgy in China: the 2024 MIIT norms require Li ≥ 90 % and Ni/Co/Mn ≥ 98 %, and Cu/Al
//   separation ≥ 98 % in pre-treatment; Brunp reports 99.6 % Ni/Co/Mn and 96.5 % Li, GEM > 95 % Li,
//   Ascend Elements up to 98 %, TES > 90 %.
// - Pyrometallurgy recovers > 95 % of Co, Ni and Cu (Umicore); lithium and manganese go to slag, and
//   lithium comes back only with an extra slag step (as Sumitomo Metal Mining does).
// - Pre-treatment-only sites (shredding, heat treatment) report the share of each metal that ends in
//   a saleable fraction (black mass ≥ 98 % of electrode powder; Lithion claims 98 %).
// - Second-life repurposers recover no metal themselves: their rates are zero.
// Rates not published for a company are assumptions [A] in line with the process norms above.

const NICKEL: Chemistry[] = ["NMC111", "NMC532", "NMC622", "NMC811", "NCA"];
const LI_ION: Chemistry[] = [...NICKEL, "LFP", "LMFP", "LMO", "LCO", "MIXED"];
const PHOSPHATE: Chemistry[] = ["LFP", "LMFP"];
const ALL_FORMS: LotForm[] = ["pack", "module", "cell", "black_mass", "production_scrap"];
const WHOLE_BATTERIES: LotForm[] = ["pack", "module", "cell", "production_scrap"];
const POWDER: LotForm[] = ["black_mass", "production_scrap"];
const NOT_CRITICAL: BatteryCondition[] = ["intact", "damaged", "defective"];
const ANY_CONDITION: BatteryCondition[] = ["intact", "damaged", "defective", "critically_damaged"];

/** [Li, Ni, Co, Mn, Cu] in basis points. */
type Recovery = readonly [number, number, number, number, number];
const MIIT_HYDRO: Recovery = [9000, 9800, 9800, 9800, 9800];
const PRE_TREATMENT: Recovery = [9800, 9800, 9800, 9800, 9800];
const SECOND_LIFE: Recovery = [0, 0, 0, 0, 0];

export interface CapacityOffer {
  /** Chemistries the monthly window takes; empty means all the facility accepts. */
  chemistries: Chemistry[];
  priceKind: "payable" | "gate_fee";
  /** Price per tonne of feed in USD, before conversion to the facility's currency [A]. */
  usdPerTonne: readonly [number, number];
}

export interface FacilitySpec {
  organizationKey: string;
  name: string;
  economyCode: EconomyCode;
  lat: number;
  lng: number;
  address: string;
  description: string;
  processes: RecyclingProcess[];
  chemistries: Chemistry[];
  forms: LotForm[];
  conditions: BatteryCondition[];
  recovery: Recovery;
  holdsImportConsent: boolean;
  /** Tonnes per year; null when not published. */
  annualCapacityT: number | null;
  /** Share of monthly capacity offered on Packloop, as [min, max]. */
  offeredShare?: readonly [number, number];
  offer: CapacityOffer;
  certifications: string[];
}

// docs/domain/prices.md §9.3: nickel-bearing feed is bought (a payable), LFP-type feed outside China
// usually costs the seller a gate fee (default $100–500/t [A]); in China LFP material still sells at
// a small positive price quoted per % of lithium, so Chinese LFP windows are payables.
const NICKEL_PAYABLE = (usd: readonly [number, number]): CapacityOffer => ({
  chemistries: [...NICKEL, "LCO", "MIXED"],
  priceKind: "payable",
  usdPerTonne: usd,
});
const LFP_GATE_FEE: CapacityOffer = {
  chemistries: [...PHOSPHATE, "LMO"],
  priceKind: "gate_fee",
  usdPerTonne: [150, 450],
};

const liCycleSpoke = (
  name: string,
  economyCode: EconomyCode,
  lat: number,
  lng: number,
  address: string,
  annualCapacityT: number,
  note: string,
): FacilitySpec => ({
  organizationKey: "li-cycle",
  name,
  economyCode,
  lat,
  lng,
  address,
  description: `Spoke: submerged shredding of whole packs into black mass. ${note} Operations were paused during the 2025 insolvency before Glencore bought the assets (insolvency filings and Glencore, 2025; docs/domain/recycling-facilities.md §7).`,
  processes: ["mechanical"],
  chemistries: LI_ION,
  forms: WHOLE_BATTERIES,
  conditions: ANY_CONDITION,
  recovery: PRE_TREATMENT,
  holdsImportConsent: economyCode === "CA",
  annualCapacityT,
  offer: NICKEL_PAYABLE([800, 1500]),
  certifications: ["ISO 14001", "R2v3"],
});

export const FACILITIES: FacilitySpec[] = [
  liCycleSpoke(
    "Northwind Alabama Spoke (demo)",
    "US",
    33.21,
    -87.57,
    "Tuscaloosa, AL",
    10_000,
    "10,000 t/yr (2022).",
  ),
  liCycleSpoke(
    "Northwind Arizona Spoke (demo)",
    "US",
    33.35,
    -111.79,
    "Gilbert, AZ",
    10_000,
    "Two 5,000 t/yr lines (2022).",
  ),
  liCycleSpoke(
    "Northwind New York Spoke (demo)",
    "US",
    43.16,
    -77.61,
    "Rochester, NY",
    5_000,
    "NY and Ontario spokes ≈ 10,000 t/yr together (2021).",
  ),
  liCycleSpoke(
    "Northwind Ontario Spoke (demo)",
    "CA",
    44.23,
    -76.49,
    "Kingston, ON",
    5_000,
    "NY and Ontario spokes ≈ 10,000 t/yr together (2021).",
  ),
  {
    organizationKey: "redwood-materials",
    name: "Sierra Loop Nevada Campus (demo)",
    economyCode: "US",
    lat: 39.54,
    lng: -119.46,
    address: "McCarran, NV",
    description:
      "Integrated recycling to cathode active material and copper foil; > 60,000 t of materials produced in the prior year (2025).",
    processes: ["mechanical", "pyrometallurgy", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: ANY_CONDITION,
    recovery: [9000, 9500, 9500, 9000, 9500],
    holdsImportConsent: true,
    annualCapacityT: 60_000,
    offer: NICKEL_PAYABLE([1300, 2400]),
    certifications: ["ISO 14001", "ISO 45001", "R2v3", "Import consent"],
  },
  {
    organizationKey: "redwood-materials",
    name: "Sierra Loop South Carolina Campus (demo)",
    economyCode: "US",
    lat: 33.1,
    lng: -80.31,
    address: "Ridgeville, SC",
    description: "Recycling campus; initial 20,000 t/yr of materials (2025).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9000, 9500, 9500, 9000, 9500],
    holdsImportConsent: false,
    annualCapacityT: 20_000,
    offer: NICKEL_PAYABLE([1200, 2200]),
    certifications: ["ISO 14001", "R2v3"],
  },
  {
    organizationKey: "abtc",
    name: "Basin Range McCarran Plant (demo)",
    economyCode: "US",
    lat: 39.52,
    lng: -119.48,
    address: "McCarran, NV",
    description:
      "De-manufacturing and targeted chemical extraction; > 20,000 t/yr of feed at full ramp (2023).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [8500, 9500, 9500, 9500, 9500],
    holdsImportConsent: false,
    annualCapacityT: 20_000,
    offer: NICKEL_PAYABLE([1100, 2000]),
    certifications: ["ISO 14001", "R2v3"],
  },
  {
    organizationKey: "ascend-elements",
    name: "Piedmont Covington Base (demo)",
    economyCode: "US",
    lat: 33.62,
    lng: -83.83,
    address: "Covington, GA",
    description:
      "Shredding and Hydro-to-Cathode; 30,000 t/yr of batteries and scrap (2023); recovery up to 98 %.",
    processes: ["mechanical", "hydrometallurgy", "direct_recycling"],
    chemistries: [...NICKEL, "LFP", "LCO", "MIXED"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9000, 9800, 9800, 9800, 9500],
    holdsImportConsent: true,
    annualCapacityT: 30_000,
    offer: NICKEL_PAYABLE([1300, 2300]),
    certifications: ["ISO 14001", "ISO 45001", "Import consent"],
  },
  {
    organizationKey: "cirba-solutions",
    name: "Keystone Lancaster Plant (demo)",
    economyCode: "US",
    lat: 39.71,
    lng: -82.6,
    address: "Lancaster, OH",
    description:
      "Pre-processing and hydrometallurgy to metal sulphates and lithium carbonate; tonnage not published (15,000 t/yr assumed [A]).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [8500, 9500, 9500, 9500, 9500],
    holdsImportConsent: false,
    annualCapacityT: null,
    offer: LFP_GATE_FEE,
    certifications: ["ISO 14001", "R2v3", "e-Stewards"],
  },
  {
    organizationKey: "lithion",
    name: "Rivière Saint-Bruno Plant (demo)",
    economyCode: "CA",
    lat: 45.53,
    lng: -73.35,
    address: "Saint-Bruno-de-Montarville, QC",
    description:
      "Mechanical pre-treatment to black mass, 10,000 t/yr with room for 20,000 t (2023); 98 % black-mass extraction claimed.",
    processes: ["mechanical"],
    chemistries: LI_ION,
    forms: WHOLE_BATTERIES,
    conditions: NOT_CRITICAL,
    recovery: PRE_TREATMENT,
    holdsImportConsent: true,
    annualCapacityT: 10_000,
    offer: NICKEL_PAYABLE([900, 1600]),
    certifications: ["ISO 14001", "Import consent"],
  },
  {
    organizationKey: "brunp",
    name: "Lingnan Hunan Base (demo)",
    economyCode: "CN",
    lat: 28.25,
    lng: 112.55,
    address: "Ningxiang, Changsha, Hunan",
    description:
      "Dismantling, hydrometallurgy and material repair; > 30,000 t of scrap recycling and dismantling (2021); 99.6 % Ni/Co/Mn and 96.5 % Li recovery claimed.",
    processes: ["mechanical", "hydrometallurgy", "direct_recycling"],
    chemistries: [...NICKEL, "LFP", "LMFP", "LCO", "MIXED"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9650, 9960, 9960, 9960, 9800],
    holdsImportConsent: false,
    annualCapacityT: 30_000,
    offer: NICKEL_PAYABLE([1400, 2500]),
    certifications: ["MIIT standard conditions listing", "ISO 14001"],
  },
  {
    organizationKey: "brunp",
    name: "Lingnan Foshan Works (demo)",
    economyCode: "CN",
    lat: 23.02,
    lng: 113.12,
    address: "Foshan, Guangdong",
    description:
      "Recycling with LFP and NCM cathode and recycled graphite; 500,000 t/yr of waste battery materials planned (announced January 2023).",
    processes: ["mechanical", "hydrometallurgy", "direct_recycling"],
    chemistries: [...NICKEL, ...PHOSPHATE, "MIXED"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9650, 9960, 9960, 9960, 9800],
    holdsImportConsent: false,
    annualCapacityT: 500_000,
    offeredShare: [0.02, 0.05],
    offer: { chemistries: PHOSPHATE, priceKind: "payable", usdPerTonne: [300, 700] },
    certifications: ["MIIT standard conditions listing"],
  },
  {
    organizationKey: "gem",
    name: "Hanjiang Jingmen Park (demo)",
    economyCode: "CN",
    lat: 31.04,
    lng: 112.2,
    address: "Jingmen, Hubei",
    description: "Dismantling and hydrometallurgy; 27,454 t (3.05 GWh) recycled in 2023; Li recovery > 95 %.",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: [...NICKEL, "LFP", "LCO", "MIXED"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9500, 9800, 9800, 9800, 9800],
    holdsImportConsent: false,
    annualCapacityT: 27_500,
    offer: NICKEL_PAYABLE([1400, 2400]),
    certifications: ["MIIT standard conditions listing", "ISO 14001", "ISO 45001"],
  },
  {
    organizationKey: "gem",
    name: "Hanjiang Yibin Plant (demo)",
    economyCode: "CN",
    lat: 28.77,
    lng: 104.63,
    address: "Yibin, Sichuan",
    description:
      "Power batteries and scrap plus a used-LFP material line and ESS packs; phase 1: 50,000 t/yr batteries, 20,000 t/yr LFP material (announced 2023).",
    processes: ["mechanical", "hydrometallurgy", "second_life"],
    chemistries: [...NICKEL, ...PHOSPHATE],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: MIIT_HYDRO,
    holdsImportConsent: false,
    annualCapacityT: 50_000,
    offer: { chemistries: PHOSPHATE, priceKind: "payable", usdPerTonne: [300, 650] },
    certifications: ["MIIT standard conditions listing"],
  },
  {
    organizationKey: "huayou-recycling",
    name: "Qiantang Quzhou Plant (demo)",
    economyCode: "CN",
    lat: 28.97,
    lng: 118.87,
    address: "Quzhou, Zhejiang",
    description: "Reuse and hydrometallurgical recycling; 60,000 t/yr of waste batteries (c. 2021).",
    processes: ["mechanical", "hydrometallurgy", "second_life"],
    chemistries: [...NICKEL, "LCO", "MIXED"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: MIIT_HYDRO,
    holdsImportConsent: false,
    annualCapacityT: 60_000,
    offer: NICKEL_PAYABLE([1400, 2400]),
    certifications: ["MIIT standard conditions listing", "ISO 14001"],
  },
  {
    organizationKey: "ganfeng-recycling",
    name: "Yuanshui Xinyu NMC/NCA Line (demo)",
    economyCode: "CN",
    lat: 27.82,
    lng: 114.92,
    address: "Xinyu, Jiangxi",
    description: "Recycling line for NMC and NCA; 17,000 t/yr of the site's 34,000 t/yr (2021).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: NICKEL,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: MIIT_HYDRO,
    holdsImportConsent: false,
    annualCapacityT: 17_000,
    offer: { chemistries: [], priceKind: "payable", usdPerTonne: [1400, 2400] },
    certifications: ["MIIT standard conditions listing"],
  },
  {
    organizationKey: "ganfeng-recycling",
    name: "Yuanshui Xinyu LFP Line (demo)",
    economyCode: "CN",
    lat: 27.83,
    lng: 114.93,
    address: "Xinyu, Jiangxi",
    description: "Recycling line for LFP; 17,000 t/yr of the site's 34,000 t/yr (2021).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: PHOSPHATE,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9000, 0, 0, 0, 9800],
    holdsImportConsent: false,
    annualCapacityT: 17_000,
    offer: { chemistries: [], priceKind: "payable", usdPerTonne: [250, 600] },
    certifications: ["MIIT standard conditions listing"],
  },
  {
    organizationKey: "sungeel",
    name: "Hanul Gunsan Hydro Plant (demo)",
    economyCode: "KR",
    lat: 35.95,
    lng: 126.58,
    address: "Saemangeum, Gunsan, Jeonbuk",
    description:
      "Hydrometallurgical post-processing of black mass; 40,000 t/yr of black-mass input, phase 1 20,000 t (2024).",
    processes: ["hydrometallurgy"],
    chemistries: [...NICKEL, "LCO", "MIXED"],
    forms: POWDER,
    conditions: ["intact"],
    recovery: [9000, 9800, 9800, 9500, 8000],
    holdsImportConsent: true,
    annualCapacityT: 20_000,
    offer: NICKEL_PAYABLE([3800, 5200]),
    certifications: ["ISO 14001", "ISO 45001", "Import consent"],
  },
  {
    organizationKey: "posco-hy",
    name: "Seomjin Bay Gwangyang Plant (demo)",
    economyCode: "KR",
    lat: 34.87,
    lng: 127.62,
    address: "Yulchon Industrial Complex, Suncheon",
    description:
      "Hydrometallurgy: 12,000 t/yr of black mass into 2,500 t Ni, 800 t Co and 2,500 t Li₂CO₃ (2023).",
    processes: ["hydrometallurgy"],
    chemistries: NICKEL,
    forms: POWDER,
    conditions: ["intact"],
    recovery: [9000, 9800, 9800, 9500, 8000],
    holdsImportConsent: true,
    annualCapacityT: 12_000,
    offer: { chemistries: [], priceKind: "payable", usdPerTonne: [4000, 5400] },
    certifications: ["ISO 14001", "Import consent"],
  },
  {
    organizationKey: "smm",
    name: "Kaminari Ehime Smelter & Refinery (demo)",
    economyCode: "JP",
    lat: 33.92,
    lng: 133.19,
    address: "Saijo / Niihama, Ehime",
    description:
      "Smelting and hydrometallurgy with lithium recovered from slag; about 10,000 t/yr of Li-ion cells (completion due June 2026).",
    processes: ["pyrometallurgy", "hydrometallurgy"],
    chemistries: [...NICKEL, "LCO", "MIXED"],
    forms: ["module", "cell", "black_mass", "production_scrap"],
    conditions: NOT_CRITICAL,
    recovery: [7000, 9500, 9500, 0, 9500],
    holdsImportConsent: true,
    annualCapacityT: 10_000,
    offer: NICKEL_PAYABLE([1000, 1800]),
    certifications: ["ISO 14001", "Industrial waste disposal permit", "Import consent"],
  },
  {
    organizationKey: "jx-tsuruga",
    name: "Wakasa Bay Tsuruga Plant (demo)",
    economyCode: "JP",
    lat: 35.65,
    lng: 136.07,
    address: "Tsuruga, Fukui",
    description:
      "Hydrometallurgy on cathode material: 50 t/month into 6 t Ni, 10 t Co, 6 t Mn and 10 t Li₂CO₃ (c. 2018).",
    processes: ["hydrometallurgy"],
    chemistries: [...NICKEL, "LCO"],
    forms: POWDER,
    conditions: ["intact"],
    recovery: [9000, 9800, 9800, 9500, 8000],
    holdsImportConsent: false,
    annualCapacityT: 600,
    offeredShare: [0.5, 0.8],
    offer: NICKEL_PAYABLE([4000, 5500]),
    certifications: ["ISO 14001", "Industrial waste disposal permit"],
  },
  {
    organizationKey: "dowa",
    name: "Oga Eco Metals Akita (demo)",
    economyCode: "JP",
    lat: 40.31,
    lng: 140.57,
    address: "Hanaoka, Odate, Akita",
    description:
      "Heat treatment (deactivation) of whole packs, then crushing and sorting into Fe, Al, Cu and a Co–Ni mixture; line ≈ 100 t/month (2019).",
    processes: ["mechanical"],
    chemistries: LI_ION,
    forms: ["pack", "module", "cell"],
    conditions: ANY_CONDITION,
    recovery: [0, 9000, 9000, 0, 9000],
    holdsImportConsent: true,
    annualCapacityT: 1_200,
    offeredShare: [0.3, 0.6],
    offer: { chemistries: [], priceKind: "gate_fee", usdPerTonne: [300, 600] },
    certifications: ["ISO 14001", "Industrial waste disposal permit", "Import consent"],
  },
  {
    organizationKey: "dowa",
    name: "Oga Eco Metals Bangpoo (demo)",
    economyCode: "TH",
    lat: 13.52,
    lng: 100.66,
    address: "Bang Pu, Samut Prakan",
    description:
      "Heat treatment of hybrid and EV batteries since December 2019; capacity not published (600 t/yr assumed [A]).",
    processes: ["mechanical"],
    chemistries: LI_ION,
    forms: ["pack", "module", "cell"],
    conditions: ANY_CONDITION,
    recovery: [0, 9000, 9000, 0, 9000],
    holdsImportConsent: false,
    annualCapacityT: null,
    offer: { chemistries: [], priceKind: "gate_fee", usdPerTonne: [250, 500] },
    certifications: ["ISO 14001", "Factory licence (waste recycling)"],
  },
  {
    organizationKey: "toyota-tsusho-th",
    name: "Siam Gulf Lifecycle Centre (demo)",
    economyCode: "TH",
    lat: 13.69,
    lng: 101.07,
    address: "Chachoengsao",
    description:
      "Diagnosis and refurbishment; 10,000 units/yr diagnosed and 20,000 units/yr processed; low-grade modules go to Japan for recycling.",
    processes: ["second_life"],
    chemistries: [...NICKEL, "LFP"],
    forms: ["pack", "module"],
    conditions: ["intact"],
    recovery: SECOND_LIFE,
    holdsImportConsent: false,
    annualCapacityT: null,
    offer: { chemistries: [], priceKind: "payable", usdPerTonne: [1500, 2800] },
    certifications: ["ISO 14001"],
  },
  {
    organizationKey: "tes",
    name: "Straits Circular Tuas (demo)",
    economyCode: "SG",
    lat: 1.32,
    lng: 103.64,
    address: "Tuas, Singapore",
    description: "Shredding and hydrometallurgy; 14 t/day, up to 5,000 t/yr (2021); > 90 % recovery.",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [9000, 9000, 9000, 9000, 9000],
    holdsImportConsent: true,
    annualCapacityT: 5_000,
    offer: NICKEL_PAYABLE([1200, 2200]),
    certifications: ["ISO 14001", "ISO 45001", "Import consent"],
  },
  {
    organizationKey: "econili",
    name: "Kinta Valley Ipoh Plant (demo)",
    economyCode: "MY",
    lat: 4.63,
    lng: 101.12,
    address: "Tasek Industrial Estate, Ipoh, Perak",
    description:
      "Pre-treatment and hydrometallurgy; 24,000 t/yr of used batteries, about 12,000 t/yr of black mass (2024).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: LI_ION,
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [8500, 9500, 9500, 9500, 9500],
    holdsImportConsent: true,
    annualCapacityT: 24_000,
    offer: NICKEL_PAYABLE([1200, 2200]),
    certifications: ["Scheduled waste licence (SW103)", "ISO 14001", "Import consent"],
  },
  {
    organizationKey: "uwin",
    name: "Taoyuan Loop Plant (demo)",
    economyCode: "TW",
    lat: 24.99,
    lng: 121.3,
    address: "Taoyuan",
    description:
      "Full process to Li₂CO₃/LiOH in a 1,500 m² plant; capacity not published (national capacity 3,990 t in 2024; 1,500 t/yr assumed [A]).",
    processes: ["mechanical", "hydrometallurgy"],
    chemistries: [...NICKEL, "LFP", "LCO"],
    forms: ALL_FORMS,
    conditions: NOT_CRITICAL,
    recovery: [8500, 9500, 9500, 9500, 9500],
    holdsImportConsent: false,
    annualCapacityT: null,
    offer: NICKEL_PAYABLE([1200, 2100]),
    certifications: ["Waste disposal permit", "ISO 14001"],
  },
  {
    organizationKey: "envirostream",
    name: "Yarra Laverton North (demo)",
    economyCode: "AU",
    lat: -37.83,
    lng: 144.78,
    address: "Laverton North, VIC",
    description:
      "Sorting and shredding into mixed metal dust exported to Korea; 3,000 t/yr of feed (2020); permit to hold 300 t of batteries.",
    processes: ["mechanical"],
    chemistries: LI_ION,
    forms: ["pack", "module", "cell"],
    conditions: NOT_CRITICAL,
    recovery: PRE_TREATMENT,
    holdsImportConsent: false,
    annualCapacityT: 3_000,
    offer: { chemistries: ["MIXED", "LFP", "LMO"], priceKind: "gate_fee", usdPerTonne: [200, 450] },
    certifications: ["EPA Victoria operating licence", "ISO 14001"],
  },
  {
    organizationKey: "eco-batt",
    name: "Merri Creek Campbellfield (demo)",
    economyCode: "AU",
    lat: -37.67,
    lng: 144.96,
    address: "Campbellfield, VIC",
    description:
      "Shredding with solvent capture for Australian, New Zealand and Pacific feed; designed for > 25,000 t/yr (planned start late 2025).",
    processes: ["mechanical"],
    chemistries: LI_ION,
    forms: WHOLE_BATTERIES,
    conditions: NOT_CRITICAL,
    recovery: PRE_TREATMENT,
    holdsImportConsent: true,
    annualCapacityT: 25_000,
    offer: LFP_GATE_FEE,
    certifications: ["EPA Victoria operating licence", "Import consent"],
  },
  {
    organizationKey: "aotearoa-second-life",
    name: "Aotearoa Second Life Workshop (demo)",
    economyCode: "NZ",
    lat: -36.93,
    lng: 174.79,
    address: "Penrose, Auckland",
    description:
      "Fictional repurposing workshop grading modules into stationary storage; 500 t/yr assumed [A].",
    processes: ["second_life"],
    chemistries: [...PHOSPHATE, "NMC622", "NMC811", "NCA"],
    forms: ["pack", "module"],
    conditions: ["intact"],
    recovery: SECOND_LIFE,
    holdsImportConsent: false,
    annualCapacityT: 500,
    offeredShare: [0.4, 0.8],
    offer: { chemistries: PHOSPHATE, priceKind: "payable", usdPerTonne: [1500, 3000] },
    certifications: ["ISO 14001"],
  },
];

/** Assumed capacities [A] for facilities that publish none, in tonnes per year. */
export const ASSUMED_ANNUAL_CAPACITY_T: Record<string, number> = {
  "Keystone Lancaster Plant (demo)": 15_000,
  "Oga Eco Metals Bangpoo (demo)": 600,
  "Siam Gulf Lifecycle Centre (demo)": 800,
  "Taoyuan Loop Plant (demo)": 1_500,
};
