import type { Capability } from "~/domain/codes.ts";
import type { EconomyCode } from "~/domain/economies.ts";

// The demo organisations, all fictional, with "(demo)" or "(fictional)" in their names. Recyclers'
// facilities are based on the real sites listed in docs/domain/recycling-facilities.md §7 (their
// locations and public figures), but the organisations' names are invented (issue 15 item 10) and
// every lot, bid and price attached to them is too.

export const DEMO_PASSWORD = "packloop-demo";

/** The demo log-ins, all with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  fleet: "fleet@packloop.test",
  recycler: "recycler@packloop.test",
  buyer: "buyer@packloop.test",
  admin: "admin@packloop.test",
  carrier: "carrier@packloop.test",
} as const;

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

/** Who each demo log-in is, for the README, the log-in page hint and the seed's output. */
export const DEMO_ACCOUNT_DETAILS: readonly {
  key: DemoAccountKey;
  email: string;
  name: string;
  organizationKey: string;
  role: string;
}[] = [
  {
    key: "fleet",
    email: DEMO_ACCOUNTS.fleet,
    name: "Maria Santos",
    organizationKey: "pacific-coast-fleet",
    role: "Seller: owner of a ride-hail fleet that sells end-of-life packs",
  },
  {
    key: "recycler",
    email: DEMO_ACCOUNTS.recycler,
    name: "Kenji Arakawa",
    organizationKey: "li-cycle",
    role: "Recycler: owner of a recycling organisation with four pre-treatment sites",
  },
  {
    key: "buyer",
    email: DEMO_ACCOUNTS.buyer,
    name: "Daniel Tan",
    organizationKey: "transpacific-metals",
    role: "Buyer: owner of a black-mass and battery-scrap trading house",
  },
  {
    key: "admin",
    email: DEMO_ACCOUNTS.admin,
    name: "Priya Raman",
    organizationKey: "packloop-ops",
    role: "Platform administrator (isPlatformAdmin), owner of the platform's own organisation",
  },
  {
    key: "carrier",
    email: DEMO_ACCOUNTS.carrier,
    name: "Ana Villanueva",
    organizationKey: "pacific-dg-freight",
    role: "Carrier: owner of a dangerous-goods haulier and forwarder assigned to the demo shipments",
  },
];

export type VerificationStatus = "unverified" | "pending" | "verified" | "rejected";

export interface OrganizationSpec {
  key: string;
  name: string;
  economyCode: EconomyCode;
  capabilities: Capability[];
  verificationStatus: VerificationStatus;
  description: string;
  /** The owner; the four demo accounts own their organisations, the rest get generated emails. */
  owner: { email: string; name: string };
  /** Extra members (role member). */
  members?: { email: string; name: string }[];
}

const demoOwner = (key: string) => {
  const account = DEMO_ACCOUNT_DETAILS.find((a) => a.organizationKey === key)!;
  return { email: account.email, name: account.name };
};

/**
 * Issue 15 item 10: the recyclers' names are fictional; only their facilities' locations and public
 * figures come from real sites (docs/domain/recycling-facilities.md §7). The real operator each is
 * based on is kept in the seed (`basedOn`) for the sources, never shown as the organisation's name.
 */
const BASED_ON_REAL_SITES =
  "Fictional organisation. Its facilities are based on real sites: locations, capacities and processes from public announcements and trade press, as listed in Packloop's docs/domain/recycling-facilities.md. Its name, people, lots, bids and prices are invented.";

const recycler = (
  key: string,
  name: string,
  economyCode: EconomyCode,
  /** The real operator whose sites the facilities are based on (sources only, never displayed). */
  _basedOn: string,
  ownerName: string,
  extra: Capability[] = [],
): OrganizationSpec => ({
  key,
  name,
  economyCode,
  capabilities: ["recycler", "buyer", ...extra],
  verificationStatus: "verified",
  description: BASED_ON_REAL_SITES,
  owner: { email: `${key}@packloop.test`, name: ownerName },
});

export const ORGANIZATIONS: OrganizationSpec[] = [
  // Sellers: fleets, collectors, dismantlers and cell plants with production scrap.
  {
    key: "pacific-coast-fleet",
    name: "Pacific Coast EV Fleet (demo)",
    economyCode: "US",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description:
      "Fictional ride-hail and delivery fleet in Southern California retiring first-generation Tesla, Chevrolet and Nissan packs.",
    owner: demoOwner("pacific-coast-fleet"),
    members: [{ email: "dispatch@packloop.test", name: "Luis Ortega" }],
  },
  {
    key: "pearl-river-fleet",
    name: "Pearl River Ride-Hailing Fleet (demo)",
    economyCode: "CN",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description:
      "Fictional electric taxi and ride-hailing fleet in Shenzhen and Guangzhou (BYD LFP and NIO NMC packs).",
    owner: { email: "pearl-river-fleet@packloop.test", name: "Chen Wei" },
  },
  {
    key: "great-lakes-collection",
    name: "Great Lakes Battery Collection (demo)",
    economyCode: "CA",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional collector working with dealerships and auto recyclers in Ontario and Quebec.",
    owner: { email: "great-lakes-collection@packloop.test", name: "Sophie Tremblay" },
  },
  {
    key: "hanbit-dismantling",
    name: "Hanbit Auto Dismantling (demo)",
    economyCode: "KR",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional end-of-life vehicle dismantler near Incheon recovering Hyundai and Kia packs.",
    owner: { email: "hanbit-dismantling@packloop.test", name: "Park Ji-hoon" },
  },
  {
    key: "kanto-ev-returns",
    name: "Kanto EV Dealer Returns (demo)",
    economyCode: "JP",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional take-back consolidator for dealer networks in the Kanto region.",
    owner: { email: "kanto-ev-returns@packloop.test", name: "Yuki Tanaka" },
  },
  {
    key: "southern-cross-collect",
    name: "Southern Cross Battery Collect (demo)",
    economyCode: "AU",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional collector for workshops, fleets and councils in Victoria and New South Wales.",
    owner: { email: "southern-cross-collect@packloop.test", name: "Liam O'Connor" },
  },
  {
    key: "chao-phraya-ebus",
    name: "Chao Phraya E-Bus (demo)",
    economyCode: "TH",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description:
      "Fictional electric bus operator in Bangkok. Thailand had no domestic EV-battery recycling plant in 2025, so its retired modules are exported (Bangkok Post, 2025; docs/domain/border-rules.md §5.6).",
    owner: { email: "chao-phraya-ebus@packloop.test", name: "Somchai Wongsakul" },
  },
  {
    key: "santiago-ebus",
    name: "Santiago Electric Bus Fleet (demo)",
    economyCode: "CL",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional operator of LFP electric buses in Santiago de Chile.",
    owner: { email: "santiago-ebus@packloop.test", name: "Camila Rojas" },
  },
  {
    key: "nuevo-leon-cells",
    name: "Nuevo León Cell Works (demo)",
    economyCode: "MX",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description:
      "Fictional cell and module plant near Monterrey selling electrode and cell production scrap.",
    owner: { email: "nuevo-leon-cells@packloop.test", name: "Alejandro Garza" },
  },
  {
    key: "formosa-cells",
    name: "Formosa Cell Manufacturing (demo)",
    economyCode: "TW",
    capabilities: ["seller"],
    verificationStatus: "unverified",
    description:
      "Fictional cell maker in Taoyuan with LCO and NMC production scrap and returned consumer cells.",
    owner: { email: "formosa-cells@packloop.test", name: "Lin Mei-ling" },
  },
  {
    key: "mekong-swap",
    name: "Mekong Battery Swap (demo)",
    economyCode: "VN",
    capabilities: ["seller"],
    verificationStatus: "pending",
    description: "Fictional two-wheeler battery-swap network in Ho Chi Minh City retiring LFP swap packs.",
    owner: { email: "mekong-swap@packloop.test", name: "Nguyen Thi Lan" },
  },
  {
    key: "yangtze-cells",
    name: "Yangtze Cell Manufacturing (demo)",
    economyCode: "CN",
    capabilities: ["seller"],
    verificationStatus: "verified",
    description: "Fictional LFP, LMFP and sodium-ion cell plant in Hefei selling production scrap.",
    owner: { email: "yangtze-cells@packloop.test", name: "Zhang Hui" },
  },

  // Buyers and traders.
  {
    key: "transpacific-metals",
    name: "Transpacific Metals Trading (demo)",
    economyCode: "SG",
    capabilities: ["buyer"],
    verificationStatus: "verified",
    description:
      "Fictional Singapore trading house buying black mass, production scrap and packs for refiners in Korea, Japan and China.",
    owner: demoOwner("transpacific-metals"),
  },
  {
    key: "busan-black-mass",
    name: "Busan Black Mass Trading (demo)",
    economyCode: "KR",
    capabilities: ["buyer"],
    verificationStatus: "verified",
    description:
      "Fictional importer supplying Korean hydrometallurgical refiners; South Korea and South-East Asia are key black-mass importers (Fastmarkets; docs/domain/economies-and-ports.md §6).",
    owner: { email: "busan-black-mass@packloop.test", name: "Kim Min-seo" },
  },
  {
    key: "kowloon-trading",
    name: "Kowloon Battery Trading (demo)",
    economyCode: "HK",
    capabilities: ["buyer", "seller"],
    verificationStatus: "pending",
    description: "Fictional Hong Kong trader consolidating black mass for transhipment.",
    owner: { email: "kowloon-trading@packloop.test", name: "Wong Ka-ho" },
  },
  {
    key: "aotearoa-second-life",
    name: "Aotearoa Second Life Energy (demo)",
    economyCode: "NZ",
    capabilities: ["buyer", "recycler"],
    verificationStatus: "verified",
    description:
      "Fictional repurposer building stationary storage from retired LFP and NMC packs with good state of health.",
    owner: { email: "aotearoa-second-life@packloop.test", name: "Aroha Ngata" },
  },

  // Recyclers modelled on docs/domain/recycling-facilities.md §7.
  {
    ...recycler(
      "li-cycle",
      "Northwind Cell Recovery (demo)",
      "CA",
      "Li-Cycle (a Glencore company since 2025)",
      "",
    ),
    owner: demoOwner("li-cycle"),
    members: [{ email: "plant.manager@packloop.test", name: "Grace Miller" }],
  },
  recycler("redwood-materials", "Sierra Loop Materials (demo)", "US", "Redwood Materials", "Ethan Brooks"),
  recycler(
    "abtc",
    "Basin Range Battery Metals (demo)",
    "US",
    "American Battery Technology Company",
    "Olivia Reed",
  ),
  recycler("ascend-elements", "Piedmont Cathode Renewal (demo)", "US", "Ascend Elements", "Marcus Hill"),
  recycler("cirba-solutions", "Keystone Cell Reclaim (demo)", "US", "Cirba Solutions", "Hannah Price"),
  recycler("lithion", "Rivière Lithium Recovery (demo)", "CA", "Lithion Technologies", "Étienne Gagnon", [
    "seller",
  ]),
  recycler("brunp", "Lingnan Cycle Materials (demo)", "CN", "Guangdong Brunp Recycling (CATL)", "Liu Yang"),
  recycler("gem", "Hanjiang Green Metals (demo)", "CN", "GEM Co., Ltd.", "Wang Fang"),
  recycler(
    "huayou-recycling",
    "Qiantang Cobalt Recovery (demo)",
    "CN",
    "Huayou Cobalt's recycling business",
    "Zhao Lei",
  ),
  recycler("ganfeng-recycling", "Yuanshui Lithium Loop (demo)", "CN", "Ganfeng Lithium", "Sun Jing"),
  recycler("sungeel", "Hanul Hydro Metals (demo)", "KR", "SungEel HiTech", "Lee Seo-yeon"),
  recycler("posco-hy", "Seomjin Bay Metal Recovery (demo)", "KR", "POSCO HY Clean Metal", "Choi Dong-hyun"),
  recycler("smm", "Kaminari Nickel Refining (demo)", "JP", "Sumitomo Metal Mining", "Hiroshi Yamamoto"),
  recycler("jx-tsuruga", "Wakasa Bay Recycle (demo)", "JP", "JX Metals", "Aiko Nakamura"),
  recycler("dowa", "Oga Eco Metals (demo)", "JP", "Dowa Eco-System", "Takeshi Sato"),
  recycler(
    "toyota-tsusho-th",
    "Siam Gulf Battery Lifecycle (demo)",
    "TH",
    "Toyota Tsusho / TTK Logistics",
    "Nattapong Srisuk",
  ),
  recycler("tes", "Straits Circular Tech (demo)", "SG", "TES (SK tes)", "Rachel Lim", ["seller"]),
  recycler("econili", "Kinta Valley Battery (demo)", "MY", "EcoNiLi Battery New Energy", "Ahmad Faizal"),
  recycler("uwin", "Taoyuan Loop Regeneration (demo)", "TW", "UWin Resource Regeneration", "Chang Yu-ting"),
  recycler(
    "envirostream",
    "Yarra Battery Recovery (demo)",
    "AU",
    "Envirostream (Lithium Australia)",
    "Jack Wilson",
    ["seller"],
  ),
  recycler("eco-batt", "Merri Creek Battery (demo)", "AU", "Ecocycle Group's Eco Batt", "Chloe Nguyen"),

  // The platform's own organisation, for the administrator.
  {
    key: "packloop-ops",
    name: "Packloop Operations",
    economyCode: "SG",
    capabilities: [],
    verificationStatus: "verified",
    description: "The team that runs Packloop: verification, disputes and manual settlement.",
    owner: demoOwner("packloop-ops"),
  },

  // A logistics provider, assigned as the carrier of the demo shipments.
  {
    key: "pacific-dg-freight",
    name: "Pacific DG Freight (fictional)",
    economyCode: "SG",
    capabilities: ["carrier"],
    verificationStatus: "verified",
    description:
      "Fictional haulier and forwarder for class 9 dangerous goods: road, rail and sea legs across the Pacific.",
    owner: demoOwner("pacific-dg-freight"),
  },
];
