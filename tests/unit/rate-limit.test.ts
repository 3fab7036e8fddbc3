// The one rate limiter: a fixed window per key, one answer shape, a Retry-After that counts down to
// the window's end, a live limit read per take, a switch to turn it off, and IPv6 clients counted
// by their /56.
import { describe, expect, test } from "vitest";
import { clientKey, rateLimiter } from "~/utils/rate-limit.server.ts";

const on = () => false;

describe("rateLimiter", () => {
  test("allows `limit` takes per key per window, then refuses with the seconds to the window's end", async () => {
    const limiter = rateLimiter({ name: "t", limit: 3, windowMs: 60_000, disabled: on });
    const t = 1_000_000;
    expect(await Promise.all([0, 1, 2].map((i) => limiter.take("a", t + i)))).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    expect(await limiter.take("a", t + 100)).toEqual({ ok: false, limit: 3, retryAfterSeconds: 60 });
    expect(await limiter.take("a", t + 59_500)).toEqual({ ok: false, limit: 3, retryAfterSeconds: 1 });
    expect(await limiter.take("b", t + 100)).toEqual({ ok: true });
    expect(await limiter.take("a", t + 60_000)).toEqual({ ok: true });
  });

  test("a limit given as a function is read on every take", async () => {
    let limit = 1;
    const limiter = rateLimiter({ name: "t", limit: () => limit, windowMs: 1_000, disabled: on });
    expect((await limiter.take("k", 0)).ok).toBe(true);
    expect((await limiter.take("k", 1)).ok).toBe(false);
    limit = 3;
    expect((await limiter.take("k", 2)).ok).toBe(true);
  });

  test("disabled lets everything through; by default RATE_LIMIT_DISABLED decides", async () => {
    const off = rateLimiter({ name: "t", limit: 1, windowMs: 60_000, disabled: () => true });
    for (let i = 0; i < 5; i++) expect(await off.take("k", i)).toEqual({ ok: true });
    const before = process.env.RATE_LIMIT_DISABLED;
    try {
      const byEnv = rateLimiter({ name: "t", limit: 1, windowMs: 60_000 });
      process.env.RATE_LIMIT_DISABLED = "false";
      expect((await byEnv.take("k", 0)).ok).toBe(true);
      expect((await byEnv.take("k", 1)).ok).toBe(false);
      process.env.RATE_LIMIT_DISABLED = "true";
      expect((await byEnv.take("k", 2)).ok).toBe(true);
    } finally {
      process.env.RATE_LIMIT_DISABLED = before;
    }
  });
});

describe("clientKey", () => {
  test.each([
    ["198.51.100.7", "198.51.100.7"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["2001:db8:1234:5678:9abc::1", "2001:db8:1234:5600::/56"],
    ["2001:db8:1234:56ff:1:2:3:4", "2001:db8:1234:5600::/56"],
    ["2001:db8:1234:5700::1", "2001:db8:1234:5700::/56"],
    ["::1", "0:0:0:0::/56"],
    ["", ""],
  ])("%s → %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
