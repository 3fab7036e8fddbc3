// The one cross-site check's rule (app/utils/same-origin.server.ts, ADR 025) as a table.
import { describe, expect, test } from "vitest";
import { crossSiteVerdict } from "~/utils/same-origin.server.ts";

const OWN = "packloop.example:3000";

describe("crossSiteVerdict", () => {
  test.each([
    // [origin, sec-fetch-site, app host, verdict]
    ["http://packloop.example:3000", undefined, null, "same-site"],
    ["https://packloop.example:3000", "same-origin", null, "same-site"],
    ["http://PACKLOOP.example:3000", undefined, null, "same-site"],
    ["https://evil.example", undefined, null, "cross-site"],
    ["https://evil.example", "cross-site", null, "cross-site"],
    ["http://packloop.example:4000", undefined, null, "cross-site"],
    ["http://sub.packloop.example:3000", "same-site", null, "cross-site"],
    ["null", undefined, null, "cross-site"],
    ["not a url", undefined, null, "cross-site"],
    ["https://www.packloop.example", undefined, "www.packloop.example", "same-site"],
    [undefined, "cross-site", null, "cross-site"],
    [undefined, "same-site", null, "cross-site"],
    [undefined, "same-origin", null, "same-site"],
    [undefined, "none", null, "same-site"],
    [undefined, undefined, null, "same-site"],
  ] as const)("Origin %s, Sec-Fetch-Site %s, APP_URL host %s → %s", (origin, site, appHost, verdict) => {
    expect(crossSiteVerdict({ origin, secFetchSite: site, ownHost: OWN }, appHost)).toBe(verdict);
  });
});
