// Every rendered page is well-formed UTF-8 without NUL bytes, in every language. React 18 leaves
// NULs where a multi-byte character falls at its 2 KB buffer's end (app/utils/fizz-unwritten-bytes
// .server.ts): a page in Japanese, Korean, Chinese or Thai had them every few kilobytes. Rendered
// with the page cache off, as a visitor and as a member, documents and Remix's data alike.
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "~/i18n/languages.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const apps = productionApps();
let base: string;
let member: Awaited<ReturnType<typeof accountWith>>;
let lotId: string;

beforeAll(async () => {
  const build: ServerBuild = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  member = await accountWith(["buyer", "seller"], "JP");
  for (let i = 0; i < 6; i++) {
    lotId = (
      await openLot(member.organizationId, {
        title: `日産リーフ 40 kWh パック — 名古屋 ${i} – 回收 · 재활용`,
      })
    ).id;
  }
  base = (await apps.start(build, { PAGE_CACHE_SECONDS: "0" })).base;
}, 300_000);

afterAll(() => apps.stopAll());

const codes = Object.keys(LANGUAGES);

describe("rendered pages' bytes", () => {
  it.each(codes)("has no NUL byte in any page in %s, for a visitor or a member", async (language) => {
    const pages = ["/", "/lots", "/lots.data", `/lots/${lotId}`, "/facilities", "/login", "/insights"];
    for (const path of pages) {
      for (const cookie of ["", member.cookie]) {
        const response = await fetch(`${base}${path}`, {
          headers: { "Accept-Language": language, ...(cookie ? { Cookie: cookie } : {}) },
        });
        expect(response.status, `${path} in ${language}`).toBe(200);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(bytes.indexOf(0), `${path} in ${language}${cookie ? " (member)" : ""}`).toBe(-1);
        // Well-formed UTF-8: decoding strictly does not throw.
        expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
      }
    }
  });
});
