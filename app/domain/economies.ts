/**
 * The 21 APEC member economies, each with the main port Packloop routes sea legs through.
 *
 * Sources (docs/domain/economies-and-ports.md §6):
 * - Membership, joining years and naming: APEC calls its members "economies" and, since the 1991
 *   Seoul ministerial, refers to the three members admitted then as "People's Republic of China",
 *   "Hong Kong, China" and "Chinese Taipei" (http://europarussia.com/posts/3492 ;
 *   https://vccinews.com/news/8204/.html). `name` follows APEC's member list; `shortName` is the
 *   everyday short form used in tight UI (tables, map tooltips, sorting).
 * - Basel Convention: every APEC economy is a party except the United States (a signatory that never
 *   ratified) and Chinese Taipei (not a UN member, so it cannot accede; it applies domestic controls).
 *   Status list: https://wiki.ban.org/index.php?direction=prev&oldid=1491&title=Country_Status and the
 *   UN Treaty Collection, chapter XXVII-3.
 * - OECD members among APEC economies (relevant to the OECD Green/Amber waste-recovery procedure):
 *   Australia, Canada, Chile, Japan, Korea, Mexico, New Zealand and the United States
 *   (https://19january2021snapshot.epa.gov/hwgenerators/frequent-questions-international-agreements-transboundary-shipments-waste_.html).
 * - Ports: the main industrial container port of each economy with its UN/LOCODE. Coordinates are
 *   approximate (about ±0.05°) and must be checked against UN/LOCODE (https://unece.org/trade/uncefact/unlocode)
 *   or the NGA World Port Index before anyone relies on them at high zoom.
 * - Currencies: ISO 4217 code of each economy's legal tender.
 */

export const ECONOMY_CODES = [
  "AU",
  "BN",
  "CA",
  "CL",
  "CN",
  "HK",
  "ID",
  "JP",
  "KR",
  "MY",
  "MX",
  "NZ",
  "PG",
  "PE",
  "PH",
  "RU",
  "SG",
  "TW",
  "TH",
  "US",
  "VN",
] as const;

export type EconomyCode = (typeof ECONOMY_CODES)[number];

export interface Economy {
  /** ISO 3166-1 alpha-2. */
  readonly code: EconomyCode;
  /** APEC's own name for the member economy. */
  readonly name: string;
  /** Everyday short form ("Korea", "China", "United States"). */
  readonly shortName: string;
  readonly apecJoinedYear: number;
  readonly portName: string;
  /** UN/LOCODE of the main port. */
  readonly portLocode: string;
  readonly portLat: number;
  readonly portLng: number;
  readonly baselParty: boolean;
  readonly oecdMember: boolean;
  /** ISO 4217 code of the local currency. */
  readonly currency: string;
}

export const ECONOMIES: readonly Economy[] = Object.freeze([
  {
    code: "AU",
    name: "Australia",
    shortName: "Australia",
    apecJoinedYear: 1989,
    portName: "Melbourne",
    portLocode: "AUMEL",
    portLat: -37.83,
    portLng: 144.92,
    baselParty: true,
    oecdMember: true,
    currency: "AUD",
  },
  {
    code: "BN",
    name: "Brunei Darussalam",
    shortName: "Brunei",
    apecJoinedYear: 1989,
    portName: "Muara",
    portLocode: "BNMUA",
    portLat: 5.03,
    portLng: 115.07,
    baselParty: true,
    oecdMember: false,
    currency: "BND",
  },
  {
    code: "CA",
    name: "Canada",
    shortName: "Canada",
    apecJoinedYear: 1989,
    portName: "Vancouver",
    portLocode: "CAVAN",
    portLat: 49.29,
    portLng: -123.1,
    baselParty: true,
    oecdMember: true,
    currency: "CAD",
  },
  {
    code: "CL",
    name: "Chile",
    shortName: "Chile",
    apecJoinedYear: 1994,
    portName: "San Antonio",
    portLocode: "CLSAI",
    portLat: -33.59,
    portLng: -71.62,
    baselParty: true,
    oecdMember: true,
    currency: "CLP",
  },
  {
    code: "CN",
    name: "People's Republic of China",
    shortName: "China",
    apecJoinedYear: 1991,
    portName: "Shanghai (Yangshan)",
    portLocode: "CNSHA",
    portLat: 30.62,
    portLng: 122.06,
    baselParty: true,
    oecdMember: false,
    currency: "CNY",
  },
  {
    code: "HK",
    name: "Hong Kong, China",
    shortName: "Hong Kong, China",
    apecJoinedYear: 1991,
    portName: "Hong Kong (Kwai Tsing)",
    portLocode: "HKHKG",
    portLat: 22.34,
    portLng: 114.12,
    // Covered through China's ratification ([V] in docs/domain/economies-and-ports.md §6).
    baselParty: true,
    oecdMember: false,
    currency: "HKD",
  },
  {
    code: "ID",
    name: "Indonesia",
    shortName: "Indonesia",
    apecJoinedYear: 1989,
    portName: "Tanjung Priok (Jakarta)",
    portLocode: "IDTPP",
    portLat: -6.1,
    portLng: 106.88,
    baselParty: true,
    oecdMember: false,
    currency: "IDR",
  },
  {
    code: "JP",
    name: "Japan",
    shortName: "Japan",
    apecJoinedYear: 1989,
    portName: "Yokohama",
    portLocode: "JPYOK",
    portLat: 35.43,
    portLng: 139.67,
    baselParty: true,
    oecdMember: true,
    currency: "JPY",
  },
  {
    code: "KR",
    name: "Republic of Korea",
    shortName: "Korea",
    apecJoinedYear: 1989,
    portName: "Busan New Port",
    portLocode: "KRPUS",
    portLat: 35.08,
    portLng: 128.83,
    baselParty: true,
    oecdMember: true,
    currency: "KRW",
  },
  {
    code: "MY",
    name: "Malaysia",
    shortName: "Malaysia",
    apecJoinedYear: 1989,
    portName: "Port Klang",
    portLocode: "MYPKG",
    portLat: 3.0,
    portLng: 101.39,
    baselParty: true,
    oecdMember: false,
    currency: "MYR",
  },
  {
    code: "MX",
    name: "Mexico",
    shortName: "Mexico",
    apecJoinedYear: 1993,
    portName: "Manzanillo",
    portLocode: "MXZLO",
    portLat: 19.06,
    portLng: -104.31,
    baselParty: true,
    oecdMember: true,
    currency: "MXN",
  },
  {
    code: "NZ",
    name: "New Zealand",
    shortName: "New Zealand",
    apecJoinedYear: 1989,
    portName: "Auckland",
    portLocode: "NZAKL",
    portLat: -36.84,
    portLng: 174.78,
    baselParty: true,
    oecdMember: true,
    currency: "NZD",
  },
  {
    code: "PG",
    name: "Papua New Guinea",
    shortName: "Papua New Guinea",
    apecJoinedYear: 1993,
    portName: "Lae",
    portLocode: "PGLAE",
    portLat: -6.73,
    portLng: 146.99,
    baselParty: true,
    oecdMember: false,
    currency: "PGK",
  },
  {
    code: "PE",
    name: "Peru",
    shortName: "Peru",
    apecJoinedYear: 1998,
    portName: "Callao",
    portLocode: "PECLL",
    portLat: -12.05,
    portLng: -77.15,
    baselParty: true,
    oecdMember: false,
    currency: "PEN",
  },
  {
    code: "PH",
    name: "The Philippines",
    shortName: "Philippines",
    apecJoinedYear: 1989,
    portName: "Manila",
    portLocode: "PHMNL",
    portLat: 14.61,
    portLng: 120.95,
    baselParty: true,
    oecdMember: false,
    currency: "PHP",
  },
  {
    code: "RU",
    name: "Russia",
    shortName: "Russia",
    apecJoinedYear: 1998,
    portName: "Vladivostok",
    portLocode: "RUVVO",
    portLat: 43.11,
    portLng: 131.88,
    baselParty: true,
    oecdMember: false,
    currency: "RUB",
  },
  {
    code: "SG",
    name: "Singapore",
    shortName: "Singapore",
    apecJoinedYear: 1989,
    portName: "Singapore (Pasir Panjang / Tuas)",
    portLocode: "SGSIN",
    portLat: 1.27,
    portLng: 103.77,
    baselParty: true,
    oecdMember: false,
    currency: "SGD",
  },
  {
    code: "TW",
    name: "Chinese Taipei",
    shortName: "Chinese Taipei",
    apecJoinedYear: 1991,
    portName: "Kaohsiung",
    portLocode: "TWKHH",
    portLat: 22.61,
    portLng: 120.28,
    baselParty: false,
    oecdMember: false,
    currency: "TWD",
  },
  {
    code: "TH",
    name: "Thailand",
    shortName: "Thailand",
    apecJoinedYear: 1989,
    portName: "Laem Chabang",
    portLocode: "THLCH",
    portLat: 13.08,
    portLng: 100.89,
    baselParty: true,
    oecdMember: false,
    currency: "THB",
  },
  {
    code: "US",
    name: "The United States",
    shortName: "United States",
    apecJoinedYear: 1989,
    portName: "Los Angeles / Long Beach",
    portLocode: "USLAX",
    portLat: 33.74,
    portLng: -118.26,
    baselParty: false,
    oecdMember: true,
    currency: "USD",
  },
  {
    code: "VN",
    name: "Viet Nam",
    shortName: "Viet Nam",
    apecJoinedYear: 1998,
    portName: "Hai Phong",
    portLocode: "VNHPH",
    portLat: 20.86,
    portLng: 106.68,
    baselParty: true,
    oecdMember: false,
    currency: "VND",
  },
] satisfies Economy[]);

const BY_CODE: ReadonlyMap<string, Economy> = new Map(ECONOMIES.map((economy) => [economy.code, economy]));

export function isEconomyCode(code: unknown): code is EconomyCode {
  return typeof code === "string" && BY_CODE.has(code);
}

/** The economy with this ISO code (case-insensitive), or undefined for anything outside APEC. */
export function economyByCode(code: string): Economy | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}
