/**
 * The 21 APEC economies' names in each language Packloop speaks (issue 14), and economy lists
 * sorted the way the page's language sorts.
 *
 * Why a table and not `Intl.DisplayNames`: APEC names three of its members by the 1991 Seoul
 * convention — "People's Republic of China", "Hong Kong, China" and "Chinese Taipei" — and
 * Packloop follows it in every language (app/domain/economies.ts). CLDR's region names, which
 * `Intl.DisplayNames` writes, say "Taiwan" and "Hong Kong SAR China", which APEC does not use. So
 * the members' names are written here, per language, with the convention carried over:
 *
 * - Chinese Taipei: the Chinese rendering both sides agreed in 1989 (中華台北, 中华台北) in both
 *   scripts. The PRC foreign ministry's APEC member list writes 中国台北 instead; we keep the agreed
 *   form, the one the member itself uses. Japanese チャイニーズ・タイペイ (Japan's MOFA), Korean
 *   차이니스 타이베이, Spanish China Taipéi, Thai จีนไทเป, Vietnamese Đài Bắc Trung Hoa; Indonesian
 *   keeps "Chinese Taipei", as Indonesia's foreign ministry writes it.
 * - Hong Kong, China: 中国香港 / 中國香港 (the Hong Kong government's own Chinese name for its APEC
 *   membership), ja 中国香港, ko 중국 홍콩, and "Hong Kong, <China>" in the Latin-script languages.
 * - Otherwise each language's usual name for the country (its foreign ministry's spelling where we
 *   know it: es "Viet Nam" as the UN's Spanish and APEC write it).
 *
 * `name` is APEC's formal style ("Republic of Korea"), `short` the everyday form for tight UI
 * (tables, filters, map labels), as in economies.ts. Sources and review status:
 * docs/domain/economies-and-ports.md §6.1; machine quality, to be reviewed with the catalogues.
 *
 * Anything outside APEC (an ISO code from a border rule or an address) is named by
 * `Intl.DisplayNames`, then by its code.
 */
import { LANGUAGES, type LanguageCode } from "~/i18n/languages.ts";
import { ECONOMIES, type EconomyCode, economyByCode } from "./economies.ts";

type Names = Readonly<Record<EconomyCode, readonly [name: string, short?: string]>>;

/** Per language: [formal name, short name when it differs]. English comes from economies.ts. */
export const ECONOMY_NAMES: Readonly<Record<Exclude<LanguageCode, "en">, Names>> = {
  "zh-Hans": {
    AU: ["澳大利亚"],
    BN: ["文莱达鲁萨兰国", "文莱"],
    CA: ["加拿大"],
    CL: ["智利"],
    CN: ["中华人民共和国", "中国"],
    HK: ["中国香港"],
    ID: ["印度尼西亚"],
    JP: ["日本"],
    KR: ["大韩民国", "韩国"],
    MY: ["马来西亚"],
    MX: ["墨西哥"],
    NZ: ["新西兰"],
    PG: ["巴布亚新几内亚"],
    PE: ["秘鲁"],
    PH: ["菲律宾"],
    RU: ["俄罗斯"],
    SG: ["新加坡"],
    TW: ["中华台北"],
    TH: ["泰国"],
    US: ["美国"],
    VN: ["越南"],
  },
  "zh-Hant": {
    AU: ["澳大利亞", "澳洲"],
    BN: ["汶萊達魯薩蘭國", "汶萊"],
    CA: ["加拿大"],
    CL: ["智利"],
    CN: ["中華人民共和國", "中國"],
    HK: ["中國香港"],
    ID: ["印度尼西亞", "印尼"],
    JP: ["日本"],
    KR: ["大韓民國", "韓國"],
    MY: ["馬來西亞"],
    MX: ["墨西哥"],
    NZ: ["紐西蘭"],
    PG: ["巴布亞紐幾內亞"],
    PE: ["秘魯"],
    PH: ["菲律賓"],
    RU: ["俄羅斯"],
    SG: ["新加坡"],
    TW: ["中華台北"],
    TH: ["泰國"],
    US: ["美國"],
    VN: ["越南"],
  },
  ja: {
    AU: ["オーストラリア"],
    BN: ["ブルネイ・ダルサラーム", "ブルネイ"],
    CA: ["カナダ"],
    CL: ["チリ"],
    CN: ["中華人民共和国", "中国"],
    HK: ["中国香港"],
    ID: ["インドネシア"],
    JP: ["日本"],
    KR: ["大韓民国", "韓国"],
    MY: ["マレーシア"],
    MX: ["メキシコ"],
    NZ: ["ニュージーランド"],
    PG: ["パプアニューギニア"],
    PE: ["ペルー"],
    PH: ["フィリピン"],
    RU: ["ロシア"],
    SG: ["シンガポール"],
    TW: ["チャイニーズ・タイペイ"],
    TH: ["タイ"],
    US: ["アメリカ合衆国", "米国"],
    VN: ["ベトナム"],
  },
  ko: {
    AU: ["호주"],
    BN: ["브루나이 다루살람", "브루나이"],
    CA: ["캐나다"],
    CL: ["칠레"],
    CN: ["중화인민공화국", "중국"],
    HK: ["중국 홍콩"],
    ID: ["인도네시아"],
    JP: ["일본"],
    KR: ["대한민국", "한국"],
    MY: ["말레이시아"],
    MX: ["멕시코"],
    NZ: ["뉴질랜드"],
    PG: ["파푸아뉴기니"],
    PE: ["페루"],
    PH: ["필리핀"],
    RU: ["러시아"],
    SG: ["싱가포르"],
    TW: ["차이니스 타이베이"],
    TH: ["태국"],
    US: ["미국"],
    VN: ["베트남"],
  },
  es: {
    AU: ["Australia"],
    BN: ["Brunéi Darussalam", "Brunéi"],
    CA: ["Canadá"],
    CL: ["Chile"],
    CN: ["República Popular China", "China"],
    HK: ["Hong Kong, China"],
    ID: ["Indonesia"],
    JP: ["Japón"],
    KR: ["República de Corea", "Corea"],
    MY: ["Malasia"],
    MX: ["México"],
    NZ: ["Nueva Zelanda"],
    PG: ["Papúa Nueva Guinea"],
    PE: ["Perú"],
    PH: ["Filipinas"],
    RU: ["Rusia"],
    SG: ["Singapur"],
    TW: ["China Taipéi"],
    TH: ["Tailandia"],
    US: ["Estados Unidos"],
    VN: ["Viet Nam"],
  },
  id: {
    AU: ["Australia"],
    BN: ["Brunei Darussalam", "Brunei"],
    CA: ["Kanada"],
    CL: ["Cile"],
    CN: ["Republik Rakyat Tiongkok", "Tiongkok"],
    HK: ["Hong Kong, Tiongkok"],
    ID: ["Indonesia"],
    JP: ["Jepang"],
    KR: ["Republik Korea", "Korea"],
    MY: ["Malaysia"],
    MX: ["Meksiko"],
    NZ: ["Selandia Baru"],
    PG: ["Papua Nugini"],
    PE: ["Peru"],
    PH: ["Filipina"],
    RU: ["Rusia"],
    SG: ["Singapura"],
    TW: ["Chinese Taipei"],
    TH: ["Thailand"],
    US: ["Amerika Serikat"],
    VN: ["Vietnam"],
  },
  th: {
    AU: ["ออสเตรเลีย"],
    BN: ["บรูไนดารุสซาลาม", "บรูไน"],
    CA: ["แคนาดา"],
    CL: ["ชิลี"],
    CN: ["สาธารณรัฐประชาชนจีน", "จีน"],
    HK: ["ฮ่องกง จีน"],
    ID: ["อินโดนีเซีย"],
    JP: ["ญี่ปุ่น"],
    KR: ["สาธารณรัฐเกาหลี", "เกาหลี"],
    MY: ["มาเลเซีย"],
    MX: ["เม็กซิโก"],
    NZ: ["นิวซีแลนด์"],
    PG: ["ปาปัวนิวกินี"],
    PE: ["เปรู"],
    PH: ["ฟิลิปปินส์"],
    RU: ["รัสเซีย"],
    SG: ["สิงคโปร์"],
    TW: ["จีนไทเป"],
    TH: ["ไทย"],
    US: ["สหรัฐอเมริกา"],
    VN: ["เวียดนาม"],
  },
  vi: {
    AU: ["Ô-xtrây-li-a", "Úc"],
    BN: ["Bru-nây Đa-rút-xa-lam", "Bru-nây"],
    CA: ["Ca-na-đa", "Canada"],
    CL: ["Chi-lê"],
    CN: ["Cộng hòa Nhân dân Trung Hoa", "Trung Quốc"],
    HK: ["Hồng Công, Trung Quốc"],
    ID: ["In-đô-nê-xi-a", "Indonesia"],
    JP: ["Nhật Bản"],
    KR: ["Đại Hàn Dân Quốc", "Hàn Quốc"],
    MY: ["Ma-lai-xi-a", "Malaysia"],
    MX: ["Mê-hi-cô", "Mexico"],
    NZ: ["Niu Di-lân", "New Zealand"],
    PG: ["Pa-pua Niu Ghi-nê", "Papua New Guinea"],
    PE: ["Pê-ru"],
    PH: ["Phi-líp-pin", "Philippines"],
    RU: ["Liên bang Nga", "Nga"],
    SG: ["Xin-ga-po", "Singapore"],
    TW: ["Đài Bắc Trung Hoa"],
    TH: ["Thái Lan"],
    US: ["Hợp chúng quốc Hoa Kỳ", "Hoa Kỳ"],
    VN: ["Việt Nam"],
  },
};

export type EconomyNameForm = "name" | "short";

const displayNames = new Map<LanguageCode, Intl.DisplayNames | null>();

/** CLDR's region name, for codes outside APEC only (see the header for why not for members). */
function regionName(language: LanguageCode, code: string): string | undefined {
  let names = displayNames.get(language);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([LANGUAGES[language].intlLocale], { type: "region", fallback: "none" });
    } catch {
      names = null;
    }
    displayNames.set(language, names);
  }
  try {
    return names?.of(code.toUpperCase()) ?? undefined;
  } catch {
    // Not a well-formed region code.
    return undefined;
  }
}

/**
 * An economy's name in a language: APEC's naming for members ("Chinese Taipei", "中国香港"),
 * CLDR's for other regions, else the code itself.
 */
export function economyNameIn(language: LanguageCode, code: string, form: EconomyNameForm = "short"): string {
  const economy = economyByCode(code);
  if (!economy) return regionName(language, code.trim()) ?? code;
  if (language === "en") return form === "name" ? economy.name : economy.shortName;
  const [name, short] = ECONOMY_NAMES[language][economy.code];
  return form === "name" ? name : (short ?? name);
}

/**
 * An economy's name on a paper (issue 14): English papers keep the stored APEC spelling, as before;
 * a paper in another language takes that language's APEC name (the formal one: papers name parties'
 * economies as agreements do).
 */
export function paperEconomyName(language: LanguageCode, economy: { code: string; name: string }): string {
  return language === "en" ? economy.name : economyNameIn(language, economy.code, "name");
}

const collators = new Map<LanguageCode, Intl.Collator>();

/** Compares two texts the way the language sorts them (Thai, Vietnamese, kana, Hangul…). */
export function collatorFor(language: LanguageCode): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(LANGUAGES[language].intlLocale, { sensitivity: "base", numeric: true });
    collators.set(language, collator);
  }
  return collator;
}

export interface NamedEconomy {
  code: EconomyCode;
  name: string;
}

const sortedLists = new Map<string, readonly NamedEconomy[]>();

/** The 21 economies named in the language, in its alphabetical order (for selects and filters). */
export function economiesSortedIn(
  language: LanguageCode,
  form: EconomyNameForm = "short",
): readonly NamedEconomy[] {
  const key = `${language}|${form}`;
  let list = sortedLists.get(key);
  if (!list) {
    const compare = collatorFor(language).compare;
    list = Object.freeze(
      ECONOMIES.map((e) => ({
        code: e.code,
        name: economyNameIn(language, e.code, form),
        // Sorted by the everyday name even when the formal one is shown: "Republic of Korea" and
        // "The United States" belong under K and U, where a reader looks for them.
        key: economyNameIn(language, e.code, "short"),
      }))
        .sort((a, b) => compare(a.key, b.key))
        .map(({ code, name }) => ({ code, name })),
    );
    sortedLists.set(key, list);
  }
  return list;
}
