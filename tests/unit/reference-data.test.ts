import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BATTERY_CONDITION_CRITERIA,
  BATTERY_CONDITION_LABELS,
  BATTERY_CONDITIONS,
  CAPABILITIES,
  CAPABILITY_LABELS,
  CHEMISTRIES,
  CHEMISTRY_LABELS,
  CHEMISTRY_SHORT_LABELS,
  isBatteryCondition,
  isCapability,
  isChemistry,
  isLotForm,
  isRecyclingProcess,
  isSaleMode,
  LOT_FORM_LABELS,
  LOT_FORMS,
  RECYCLING_PROCESS_LABELS,
  RECYCLING_PROCESSES,
  SALE_MODE_LABELS,
  SALE_MODES,
} from "~/domain/codes.ts";
import { ECONOMIES, ECONOMY_CODES, economyByCode, isEconomyCode } from "~/domain/economies.ts";
import {
  CURRENCY_EXPONENTS,
  currencyExponent,
  formatMoney,
  isSupportedCurrency,
  MAX_AMOUNT_MINOR,
  parseMoneyInput,
  SUPPORTED_CURRENCIES,
  toMajorUnitString,
  totalForMassMinor,
} from "~/domain/money.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("APEC economies", () => {
  const apecNames: Record<string, string> = {
    AU: "Australia",
    BN: "Brunei Darussalam",
    CA: "Canada",
    CL: "Chile",
    CN: "People's Republic of China",
    HK: "Hong Kong, China",
    ID: "Indonesia",
    JP: "Japan",
    KR: "Republic of Korea",
    MY: "Malaysia",
    MX: "Mexico",
    NZ: "New Zealand",
    PG: "Papua New Guinea",
    PE: "Peru",
    PH: "The Philippines",
    RU: "Russia",
    SG: "Singapore",
    TW: "Chinese Taipei",
    TH: "Thailand",
    US: "The United States",
    VN: "Viet Nam",
  };

  it("lists the 21 members once each, in step with ECONOMY_CODES", () => {
    expect(ECONOMIES).toHaveLength(21);
    const codes = ECONOMIES.map((e) => e.code);
    expect(new Set(codes).size).toBe(21);
    expect([...codes].sort()).toEqual([...ECONOMY_CODES].sort());
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it.each(Object.entries(apecNames))("%s is called %s, as APEC does", (code, name) => {
    expect(economyByCode(code)?.name).toBe(name);
  });

  it.each(ECONOMIES.map((e) => [e.code, e] as const))("%s has a plausible main port", (code, economy) => {
    expect(economy.portLat).toBeGreaterThanOrEqual(-90);
    expect(economy.portLat).toBeLessThanOrEqual(90);
    expect(economy.portLng).toBeGreaterThanOrEqual(-180);
    expect(economy.portLng).toBeLessThanOrEqual(180);
    expect(economy.portName.length).toBeGreaterThan(2);
    // A UN/LOCODE is the ISO country code followed by three letters or digits.
    expect(economy.portLocode).toMatch(new RegExp(`^${code}[A-Z2-9]{3}$`));
    expect(economy.apecJoinedYear).toBeGreaterThanOrEqual(1989);
    expect(economy.apecJoinedYear).toBeLessThanOrEqual(1998);
  });

  it("puts ports on the right side of the equator and the date line", () => {
    const south = ECONOMIES.filter((e) => e.portLat < 0).map((e) => e.code);
    expect(south.sort()).toEqual(["AU", "CL", "ID", "NZ", "PE", "PG"]);
    const west = ECONOMIES.filter((e) => e.portLng < 0).map((e) => e.code);
    expect(west.sort()).toEqual(["CA", "CL", "MX", "PE", "US"]);
  });

  it("marks every economy a Basel party except the United States and Chinese Taipei", () => {
    const nonParties = ECONOMIES.filter((e) => !e.baselParty).map((e) => e.code);
    expect(nonParties.sort()).toEqual(["TW", "US"]);
  });

  it("marks the OECD members among APEC economies", () => {
    const oecd = ECONOMIES.filter((e) => e.oecdMember).map((e) => e.code);
    expect(oecd.sort()).toEqual(["AU", "CA", "CL", "JP", "KR", "MX", "NZ", "US"]);
  });

  it("gives each economy a supported ISO 4217 currency", () => {
    const expected: Record<string, string> = {
      JP: "JPY",
      KR: "KRW",
      VN: "VND",
      ID: "IDR",
      CL: "CLP",
      US: "USD",
      CN: "CNY",
    };
    for (const economy of ECONOMIES) {
      expect(isSupportedCurrency(economy.currency), economy.code).toBe(true);
      if (expected[economy.code]) expect(economy.currency).toBe(expected[economy.code]);
    }
  });

  it("looks economies up by code", () => {
    expect(economyByCode("kr")?.shortName).toBe("Korea");
    expect(economyByCode(" tw ")?.name).toBe("Chinese Taipei");
    expect(economyByCode("XX")).toBeUndefined();
    expect(isEconomyCode("US")).toBe(true);
    expect(isEconomyCode("EU")).toBe(false);
    expect(isEconomyCode("us")).toBe(false);
    expect(isEconomyCode(42)).toBe(false);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(ECONOMIES)).toBe(true);
  });
});

describe("code lists", () => {
  const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const enums = new Map<string, string[]>();
  for (const match of schema.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const values = match[2]
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim())
      .filter((line) => line !== "" && !line.startsWith("@@"))
      .map((line) => line.split(/\s+/)[0]);
    enums.set(match[1], values);
  }

  it.each([
    ["Chemistry", CHEMISTRIES],
    ["LotForm", LOT_FORMS],
    ["BatteryCondition", BATTERY_CONDITIONS],
    ["RecyclingProcess", RECYCLING_PROCESSES],
    ["SaleMode", SALE_MODES],
    ["Capability", CAPABILITIES],
  ] as const)("%s matches the Prisma enum exactly, in order", (enumName, values) => {
    expect(enums.get(enumName)).toEqual([...values]);
  });

  it.each([
    ["chemistry", CHEMISTRIES, CHEMISTRY_LABELS],
    ["chemistry (short)", CHEMISTRIES, CHEMISTRY_SHORT_LABELS],
    ["form", LOT_FORMS, LOT_FORM_LABELS],
    ["condition", BATTERY_CONDITIONS, BATTERY_CONDITION_LABELS],
    ["process", RECYCLING_PROCESSES, RECYCLING_PROCESS_LABELS],
    ["sale mode", SALE_MODES, SALE_MODE_LABELS],
    ["capability", CAPABILITIES, CAPABILITY_LABELS],
  ] as const)("every %s has a label and no label is orphaned", (_, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect((labels as Record<string, string>)[value].length).toBeGreaterThan(1);
  });

  it("states one criterion sentence per condition", () => {
    expect(Object.keys(BATTERY_CONDITION_CRITERIA).sort()).toEqual([...BATTERY_CONDITIONS].sort());
    for (const criterion of Object.values(BATTERY_CONDITION_CRITERIA)) {
      expect(criterion).toMatch(/^[A-Z].*\.$/);
      expect(criterion.slice(0, -1)).not.toMatch(/\.\s/);
    }
    expect(BATTERY_CONDITION_CRITERIA.critically_damaged).toMatch(/P911/);
  });

  it.each([
    [isChemistry, "NMC811", "nmc811"],
    [isLotForm, "black_mass", "black mass"],
    [isBatteryCondition, "critically_damaged", "critical"],
    [isRecyclingProcess, "second_life", "smelting"],
    [isSaleMode, "sealed", "dutch"],
    [isCapability, "recycler", "admin"],
  ] as const)("type guard %o accepts %s and rejects %s", (guard, good, bad) => {
    expect(guard(good)).toBe(true);
    expect(guard(bad)).toBe(false);
    expect(guard(undefined)).toBe(false);
    expect(guard(7)).toBe(false);
  });
});

describe("money", () => {
  it("knows the decimal places of every supported currency", () => {
    for (const code of ["JPY", "KRW", "CLP", "VND"]) expect(currencyExponent(code)).toBe(0);
    // IDR counts in hundredths, as ISO 4217 and Stripe do (Intl shows none): one table, Stripe's.
    for (const code of ["USD", "AUD", "CNY", "SGD", "TWD", "EUR", "IDR"])
      expect(currencyExponent(code)).toBe(2);
    expect(currencyExponent("usd")).toBe(2);
    expect(() => currencyExponent("XXX")).toThrow(RangeError);
    expect(SUPPORTED_CURRENCIES).toEqual(Object.keys(CURRENCY_EXPONENTS).sort());
  });

  it.each([
    ["1,234.56", "USD", 123_456],
    ["1234.5", "USD", 123_450],
    ["1234", "usd", 123_400],
    [".75", "USD", 75],
    ["0", "USD", 0],
    ["  42  ", "AUD", 4_200],
    ["USD 1,000", "USD", 100_000],
    ["1,000 usd", "USD", 100_000],
    ["12 000", "EUR", 1_200_000],
    ["1,234", "JPY", 1_234],
    ["1,000.00", "JPY", 1_000],
    ["5,000,000", "KRW", 5_000_000],
    ["950000", "CLP", 950_000],
    ["25,000,000", "VND", 25_000_000],
    ["1500000", "IDR", 150_000_000],
    ["12.340", "USD", 1_234],
    ["21,474,836.48", "USD", 2_147_483_648],
    ["90,071,992,547,409.91", "USD", MAX_AMOUNT_MINOR],
  ])("parses %j in %s as %d minor units", (input, currency, amountMinor) => {
    expect(parseMoneyInput(input, currency)).toEqual({
      ok: true,
      amountMinor,
      currency: currency.toUpperCase(),
    });
  });

  it.each([
    ["", "USD", "empty"],
    ["   ", "USD", "empty"],
    ["-5", "USD", "negative"],
    ["−5.00", "USD", "negative"],
    ["(12.50)", "USD", "negative"],
    ["-", "USD", "invalid"],
    ["12.345", "USD", "too_many_decimals"],
    ["1.5", "JPY", "too_many_decimals"],
    ["100.01", "KRW", "too_many_decimals"],
    ["abc", "USD", "invalid"],
    ["12abc", "USD", "invalid"],
    ["1e5", "USD", "invalid"],
    ["1,5", "USD", "invalid"],
    ["1.234,56", "USD", "invalid"],
    ["12,34,567", "USD", "invalid"],
    ["1..2", "USD", "invalid"],
    ["+5", "USD", "invalid"],
    ["$5", "USD", "invalid"],
    ["EUR 5", "USD", "currency_mismatch"],
    ["5", "XXX", "unsupported_currency"],
    ["90,071,992,547,409.92", "USD", "too_large"],
    ["99999999999999999999", "USD", "too_large"],
  ])("rejects %j in %s: %s", (input, currency, reason) => {
    expect(parseMoneyInput(input, currency)).toEqual({ ok: false, reason });
  });

  it.each([
    [{ amountMinor: 123_456, currency: "USD" }, "en-US", "$1,234.56"],
    [{ amountMinor: 5, currency: "USD" }, "en-US", "$0.05"],
    [{ amountMinor: -250, currency: "USD" }, "en-US", "-$2.50"],
    [{ amountMinor: 1_200, currency: "JPY" }, "en-US", "¥1,200"],
    [{ amountMinor: 5_000_000, currency: "KRW" }, "en-US", "₩5,000,000"],
    [{ amountMinor: 123_456, currency: "AUD" }, "en-US", "A$1,234.56"],
    [{ amountMinor: 950_000, currency: "CLP" }, "es-CL", "$950.000"],
    [{ amountMinor: 123_456, currency: "EUR" }, "de-DE", "1.234,56 €"],
  ] as const)("formats %o in %s as %s", (money, locale, expected) => {
    // Intl separates some currency symbols with a no-break space; compare with plain spaces.
    expect(formatMoney(money, locale).replace(/[\u00a0\u202f]/g, " ")).toBe(expected);
  });

  it("formats exactly, without a trip through floating point, numbers and bigints alike", () => {
    expect(formatMoney({ amountMinor: 900_719_925_474_099, currency: "USD" })).toBe("$9,007,199,254,740.99");
    expect(formatMoney({ amountMinor: 12_345_678_901_234_567_891n, currency: "USD" })).toBe(
      "$123,456,789,012,345,678.91",
    );
    expect(formatMoney({ amountMinor: -5n, currency: "KRW" })).toBe("-₩5");
    expect(toMajorUnitString({ amountMinor: 123_456n, currency: "USD" })).toBe("1234.56");
    expect(formatMoney({ amountMinor: 10, currency: "USD" }, "en-US", { currencyDisplay: "code" })).toMatch(
      /^USD\s0\.10$/,
    );
    expect(() => formatMoney({ amountMinor: 1.5, currency: "USD" })).toThrow(RangeError);
  });

  it("round-trips through the input format", () => {
    for (const [amountMinor, currency] of [
      [123_456, "USD"],
      [7, "USD"],
      [0, "JPY"],
      [4_200_000, "KRW"],
    ] as const) {
      const text = toMajorUnitString({ amountMinor, currency });
      expect(parseMoneyInput(text, currency)).toEqual({ ok: true, amountMinor, currency });
    }
  });

  it("prices a mass at a rate per tonne in whole minor units", () => {
    expect(totalForMassMinor(200_000, 1_250)).toBe(250_000);
    expect(totalForMassMinor(333, 1)).toBe(0);
    expect(totalForMassMinor(500, 1)).toBe(1);
    expect(totalForMassMinor(2_000_000_000, 4_000_000)).toBe(8_000_000_000_000);
    expect(totalForMassMinor(-1_500, 1_000)).toBe(-1_500);
  });
});

describe("app/domain reference modules stay pure", () => {
  it.each(["economies.ts", "codes.ts", "deals/currency-exponents.ts"])(
    "%s imports nothing and reads no clock or randomness",
    (file) => {
      const source = readFileSync(path.join(root, "app/domain", file), "utf8");
      expect(source).not.toMatch(/^\s*import\s/m);
      expect(source).not.toMatch(/\bDate\.now\b|\bnew Date\(|\bMath\.random\b|\bprocess\./);
    },
  );

  it("money.ts imports only the exponent table and reads no clock or randomness", () => {
    const source = readFileSync(path.join(root, "app/domain/money.ts"), "utf8");
    const imports = [...source.matchAll(/^\s*import\s[^;]*from\s+"([^"]+)"/gm)].map((m) => m[1]);
    expect(imports).toEqual(["./deals/currency-exponents.ts"]);
    expect(source).not.toMatch(/\bDate\.now\b|\bnew Date\(|\bMath\.random\b|\bprocess\./);
  });
});
