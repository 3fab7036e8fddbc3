// Issue 17 defect 3: TRUST_PROXY as Express should get it. "1" is one hop (a number — Express reads
// the string "1" as the address 0.0.0.1 and trusts nobody), "true" is refused (it trusts every
// X-Forwarded-For entry, so a client picks its own address), and comma lists of addresses,
// subnets and Express's names are passed on as a list. Anything else is a configuration error
// that names the bad entry.
import { describe, expect, test } from "vitest";
import { readEnv } from "~/utils/env.server.ts";
import { parseTrustProxy } from "~/utils/trust-proxy.server.ts";

describe("parseTrustProxy", () => {
  test.each([
    [undefined, false],
    ["", false],
    ["  ", false],
    ["false", false],
    ["0", false],
    ["1", 1],
    [" 2 ", 2],
    ["10.0.0.1", ["10.0.0.1"]],
    ["loopback", ["loopback"]],
    ["loopback, 10.0.0.0/8 ,fd00::/8", ["loopback", "10.0.0.0/8", "fd00::/8"]],
    ["uniquelocal,linklocal", ["uniquelocal", "linklocal"]],
    ["192.168.1.0/255.255.255.0", ["192.168.1.0/255.255.255.0"]],
    ["::1", ["::1"]],
  ] as const)("%j → %j", (value, setting) => {
    expect(parseTrustProxy(value)).toEqual({ ok: true, setting });
  });

  test.each([
    ["true", /trusts every X-Forwarded-For/],
    ["TRUE", /trusts every X-Forwarded-For/],
    ["yes", /"yes" is not/],
    ["1.5", /"1.5" is not/],
    ["-1", /"-1" is not/],
    ["10.0.0.0/33", /"10.0.0.0\/33" is not/],
    ["10.0.0.1,", /empty entry/],
    ["10.0.0.1, example.com", /"example.com" is not/],
    ["300.1.1.1", /"300.1.1.1" is not/],
  ])("%j is refused", (value, message) => {
    const parsed = parseTrustProxy(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  test("the configuration refuses a bad TRUST_PROXY at start-up, naming the variable", () => {
    expect(() => readEnv({ NODE_ENV: "production", TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY: .*trusts every X-Forwarded-For/,
    );
    expect(readEnv({ NODE_ENV: "production", TRUST_PROXY: "1" }).TRUST_PROXY).toBe("1");
  });
});
