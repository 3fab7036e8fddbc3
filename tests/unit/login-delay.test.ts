// The growing delay after failed log-ins to one account (app/domain/login-delay.ts) and the
// per-account counter that applies it (app/utils/login-throttle.server.ts).
import { describe, expect, test } from "vitest";
import { loginDelaySeconds } from "~/domain/login-delay.ts";
import { loginThrottle } from "~/utils/login-throttle.server.ts";

describe("loginDelaySeconds", () => {
  test.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [9, 480],
    [10, 900],
    [50, 900],
  ])("after %i failures: %i s", (failures, seconds) => {
    expect(loginDelaySeconds(failures)).toBe(seconds);
  });
});

describe("loginThrottle", () => {
  test("five failures are free; the sixth attempt waits 30 s, the next failure 60 s; success starts afresh", async () => {
    const throttle = loginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(await throttle.check("Ana@Example.com", t0 + i)).toEqual({ ok: true });
      await throttle.failed("ana@example.com ", t0 + i);
    }
    expect(await throttle.check("ana@example.com", t0 + 5)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(await throttle.check("bob@example.com", t0 + 5)).toEqual({ ok: true });
    expect(await throttle.check("ana@example.com", t0 + 4 + 30_000)).toEqual({ ok: true });
    await throttle.failed("ana@example.com", t0 + 30_000);
    expect(await throttle.check("ana@example.com", t0 + 30_000)).toEqual({
      ok: false,
      retryAfterSeconds: 60,
    });
    await throttle.succeeded("ANA@example.com");
    expect(await throttle.check("ana@example.com", t0 + 30_001)).toEqual({ ok: true });
  });

  test("an hour without a failure forgets the count", async () => {
    const throttle = loginThrottle();
    for (let i = 0; i < 5; i++) await throttle.failed("c@example.com", 0);
    expect((await throttle.check("c@example.com", 1000)).ok).toBe(false);
    expect(await throttle.check("c@example.com", 60 * 60 * 1000 + 1)).toEqual({ ok: true });
  });
});
