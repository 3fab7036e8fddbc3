// Per-request memo (ADR 053): one computation per key within a page request's scope, shared by
// callers that ask at the same time; nothing shared across scopes or outside one.
import { describe, expect, it } from "vitest";
import { requestMemo, withRequestMemo } from "~/utils/request-memo.server.ts";

function counted<T>(value: T) {
  const calls = { n: 0 };
  const compute = async () => {
    calls.n++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    return value;
  };
  return { calls, compute };
}

describe("requestMemo", () => {
  it("computes once per key within a scope, for callers at the same time and later ones", async () => {
    const { calls, compute } = counted({ user: "u1" });
    const [a, b, c] = await withRequestMemo(async () => {
      const together = await Promise.all([requestMemo("actor", compute), requestMemo("actor", compute)]);
      return [...together, await requestMemo("actor", compute)];
    });
    expect(calls.n).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("keeps keys apart, and scopes apart (each request computes for itself)", async () => {
    const { calls, compute } = counted(1);
    await withRequestMemo(() => Promise.all([requestMemo("x", compute), requestMemo("y", compute)]));
    expect(calls.n).toBe(2);
    await Promise.all([
      withRequestMemo(() => requestMemo("x", compute)),
      withRequestMemo(() => requestMemo("x", compute)),
    ]);
    expect(calls.n).toBe(4);
  });

  it("outside a scope computes every time (tests, scripts, actions)", async () => {
    const { calls, compute } = counted(1);
    await requestMemo("x", compute);
    await requestMemo("x", compute);
    expect(calls.n).toBe(2);
  });

  it("does not keep a failure: the next caller in the scope tries again", async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error("database hiccup");
      return "ok";
    };
    await withRequestMemo(async () => {
      await expect(requestMemo("k", flaky)).rejects.toThrow("database hiccup");
      expect(await requestMemo("k", flaky)).toBe("ok");
      expect(await requestMemo("k", flaky)).toBe("ok");
    });
    expect(attempts).toBe(2);
  });
});
