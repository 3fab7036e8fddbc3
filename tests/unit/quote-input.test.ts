// The /quote form reader and the quote endpoint's per-address limit: the point gives the economy,
// blank optional fields are left out, a filled honeypot marks a bot, zero weights are refused, and
// the fixed one-minute window counts each address on its own and starts afresh after a minute.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { QUOTES_PER_MINUTE, quoteKey, quoteLimiter } from "~/api/rate-limits.server.ts";
import { formFieldErrors, readQuoteForm } from "~/routes/quote-form.server.ts";

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

const FILLED = {
  chemistry: "LFP",
  form: "module",
  condition: "damaged",
  massKg: "4200",
  stateOfHealthPct: "",
  lat: "-33.87",
  lng: "151.21",
  economy: "",
  availableFrom: "",
  wNet: "6",
  wCo2: "2",
  wTime: "2",
  websiteUrl: "",
};

describe("readQuoteForm", () => {
  test("reads a lot and weights; the economy comes from the point and blanks are left out", () => {
    const result = readQuoteForm(formData(FILLED));
    expect(result).toMatchObject({
      ok: true,
      bot: false,
      lot: {
        chemistry: "LFP",
        form: "module",
        condition: "damaged",
        massKg: 4200,
        economy: "AU",
        stateOfHealthPct: null,
      },
      weights: { netValue: 6, co2: 2, transitTime: 2 },
    });
    expect(result.ok && "availableFrom" in result.lot).toBe(false);
  });

  test("a chosen economy wins over the point's", () => {
    const result = readQuoteForm(formData({ ...FILLED, economy: "NZ" }));
    expect(result.ok && result.lot.economy).toBe("NZ");
  });

  test.each([
    [{ massKg: "" }, "massKg"],
    [{ massKg: "12.5" }, "massKg"],
    [{ chemistry: "" }, "chemistry"],
    [{ lat: "95" }, "lat"],
    [{ lng: "east" }, "lng"],
    [{ stateOfHealthPct: "101" }, "stateOfHealthPct"],
    [{ availableFrom: "next week" }, "availableFrom"],
    // Mid-Atlantic: no APEC economy there, so one must be chosen.
    [{ lat: "30", lng: "-40" }, "economy"],
    [{ wNet: "0", wCo2: "0", wTime: "0" }, "wNet"],
  ] as [Record<string, string>, string][])(
    "%o is refused on %s, keeping what was typed",
    (overrides, field) => {
      const result = readQuoteForm(formData({ ...FILLED, ...overrides }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(Object.keys(result.errors)).toContain(field);
      expect(result.values.chemistry).toBe(overrides.chemistry ?? "LFP");
    },
  );

  test("a filled honeypot marks the submission as a bot's", () => {
    const result = readQuoteForm(formData({ ...FILLED, websiteUrl: "https://spam.example" }));
    expect(result.ok && result.bot).toBe(true);
  });

  test("the engine's field names become the form's", () => {
    expect(
      formFieldErrors({ "lot.location.lat": "a", "lot.massKg": "b", "weights.co2": "c", weights: "d" }),
    ).toEqual({ lat: "a", massKg: "b", wNet: "c" });
  });
});

describe("takeQuoteAllowance", () => {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_DISABLED = "false";
  });
  afterEach(() => {
    process.env.RATE_LIMIT_DISABLED = before;
  });
  const from = (address: string) =>
    quoteKey(
      new Request("http://packloop.test/api/v1/quotes", { headers: { "x-packloop-client-ip": address } }),
    );
  const takeQuoteAllowance = (key: string, now: number) => quoteLimiter.take(key, now);

  test(`${QUOTES_PER_MINUTE} a minute per address, then refused until the window ends`, async () => {
    const start = 1_000_000;
    for (let i = 0; i < QUOTES_PER_MINUTE; i++)
      expect((await takeQuoteAllowance(from("198.51.100.1"), start + i)).ok).toBe(true);
    expect(await takeQuoteAllowance(from("198.51.100.1"), start + 20_000)).toEqual({
      ok: false,
      limit: QUOTES_PER_MINUTE,
      retryAfterSeconds: 40,
    });
    expect((await takeQuoteAllowance(from("198.51.100.2"), start + 20_000)).ok).toBe(true);
    expect((await takeQuoteAllowance(from("198.51.100.1"), start + 60_000)).ok).toBe(true);
  });

  test("RATE_LIMIT_DISABLED=true lets everything through", async () => {
    process.env.RATE_LIMIT_DISABLED = "true";
    for (let i = 0; i < QUOTES_PER_MINUTE + 5; i++)
      expect((await takeQuoteAllowance(from("198.51.100.3"), 5_000_000)).ok).toBe(true);
  });
});
