// Members' pages shared between writes (ADR 072), in the real production server on the embedded
// database and on PostgreSQL: one render of /lots (and /facilities) served to every member who would see the same
// page, each answer with that member's own name, email and organisation — byte for byte what
// rendering it for them alone writes, hostile names included — and kept apart wherever the page
// differs: capabilities, display currency, language, an organisation's own drafts.
//
// On PostgreSQL the version is the server's snapshot, moved by other test files' writes too: where a
// test needs a stored page it views until one is served (`viewUntilHit`); a miss is never wrong.

import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const embedded = process.env.TEST_DB_KIND !== "postgres";
let build: ServerBuild;
const apps = productionApps();
type Account = Awaited<ReturnType<typeof accountWith>>;

interface Seen {
  status: number;
  cache: string | null;
  body: string;
  nonce: string;
}

async function view(url: string, cookie: string): Promise<Seen> {
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const csp = response.headers.get("content-security-policy") ?? "";
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    body: await response.text(),
    nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "",
  };
}

/** Views until the answer comes from the cache (a few tries: another test file may be writing). */
async function viewUntilHit(url: string, cookie: string): Promise<Seen> {
  let seen = await view(url, cookie);
  for (let i = 0; i < 60 && seen.cache !== "hit"; i++) {
    if (i > 2) await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await view(url, cookie);
  }
  return seen;
}

/** The body with its nonce taken out, to compare two answers. */
const withoutNonce = (seen: Seen) => (seen.nonce ? seen.body.split(seen.nonce).join("NONCE") : seen.body);

/** What React writes for a name in the markup. */
const inMarkup = (value: string) =>
  value.replace(
    /["&'<>]/g,
    (c) => ({ '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" })[c]!,
  );

async function renamed(account: Account, name: string, organizationName: string, email: string) {
  await db().user.update({ where: { id: account.userId }, data: { name, email } });
  await db().organization.update({ where: { id: account.organizationId }, data: { name: organizationName } });
  return { ...account, name, organizationName, email };
}

let base: string;
/** The same build and database with the page cache off: every page rendered for its viewer alone. */
let uncached: string;
let first: Account & { name: string; organizationName: string; email: string };
let second: Account & { name: string; organizationName: string; email: string };
let seller: Account;

beforeAll(async () => {
  build = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  first = await renamed(
    await accountWith(["buyer"], "KR"),
    "Min-jun Park",
    "Hanbit Metals",
    "minjun@example.com",
  );
  // What a name may hold, everything that needs escaping somewhere in a page.
  second = await renamed(
    await accountWith(["buyer"], "KR"),
    `Zoë "Q" O'Brien </script><script>alert(1)</script> & \\ \u2028 回收`,
    `<b>Trading</b> & "Sons" '株式会社'`,
    `zoe+o'brien&co@example.com`,
  );
  seller = await accountWith(["seller"], "KR");
  await openLot(seller.organizationId, { title: "Shared page pack lot" });
  base = (await apps.start(build)).base;
  uncached = (await apps.start(build, { PAGE_CACHE_SECONDS: "0" })).base;
}, 300_000);

afterAll(() => apps.stopAll());

describe(`members' shared pages (${embedded ? "embedded database" : "PostgreSQL"})`, () => {
  it("serves one render of /lots to two members, each with their own name, exactly as rendered for them", async () => {
    const rendered = await view(`${base}/lots`, first.cookie);
    expect(rendered.status).toBe(200);
    expect(rendered.cache).toBe("miss");
    expect(rendered.body).toContain(inMarkup(first.name));

    const shared = await viewUntilHit(`${base}/lots`, second.cookie);
    expect(shared.cache).toBe("hit");
    expect(shared.body).toContain("Shared page pack lot");
    expect(shared.body).toContain(`title="${inMarkup(second.email)}"`);
    expect(shared.body).toContain(inMarkup(second.name));
    expect(shared.body).toContain(inMarkup(second.organizationName));
    expect(shared.body).not.toContain(first.name);
    expect(shared.body).not.toContain(first.organizationName);
    expect(shared.body).not.toContain("</script><script>alert(1)");
    expect(shared.body).not.toMatch(/[\uE000\uE001]/);

    // Rendered for the second member alone (cache off): the same page, byte for byte.
    const alone = await view(`${uncached}/lots`, second.cookie);
    expect(alone.cache).toBeNull();
    expect(withoutNonce(shared)).toBe(withoutNonce(alone));
  });

  it("serves Remix's data requests the same way, as a browser navigating reads them", async () => {
    const url = (at: string) => `${at}/lots.data`;
    await view(url(base), first.cookie);
    const shared = await viewUntilHit(url(base), second.cookie);
    expect(shared.cache).toBe("hit");
    expect(shared.body).not.toContain("<html");
    expect(shared.body).toContain(JSON.stringify(second.name).slice(1, -1));
    expect(shared.body).not.toContain(first.name);
    expect(shared.body).toBe((await view(url(uncached), second.cookie)).body);
  });

  it("keeps apart members whose page differs: what they may do, the currency they read amounts in", async () => {
    await viewUntilHit(`${base}/lots`, first.cookie);
    // A seller gets "List a lot"; a buyer in Australia reads the (Australian-dollar) lots without a
    // conversion, a buyer in Korea with one into won.
    const listing = await view(`${base}/lots`, seller.cookie);
    expect(listing.cache).toBe("miss");
    expect(listing.body).toContain('href="/lots/new"');
    const australian = await accountWith(["buyer"], "AU");
    const aud = await view(`${base}/lots`, australian.cookie);
    expect(aud.cache).toBe("miss");
    expect(aud.body).not.toContain("≈ KRW");
    const korean = await view(`${base}/lots`, first.cookie);
    expect(korean.body).toContain("≈ KRW");
    expect(korean.body).not.toContain('href="/lots/new"');
  });

  it("shows an organisation's draft to it alone when it asks for drafts", async () => {
    await openLot(seller.organizationId, { title: "Seller's own draft lot", status: "draft" });
    const url = `${base}/lots?status=draft&status=open`;
    const own = await viewUntilHit(url, seller.cookie);
    expect(own.body).toContain("Seller&#x27;s own draft lot");
    const otherSeller = await accountWith(["seller"], "KR");
    // Its first view is its own render (its organisation is in the key), and no view shows the draft.
    for (let i = 0; i < 3; i++) {
      const other = await view(url, otherSeller.cookie);
      expect(other.status).toBe(200);
      if (i === 0) expect(other.cache).toBe("miss");
      expect(other.body).toContain("Shared page pack lot");
      expect(other.body).not.toContain("own draft lot");
    }
  });

  it("shows a member a new lot on the next view", async () => {
    expect((await viewUntilHit(`${base}/lots`, second.cookie)).cache).toBe("hit");
    await openLot(seller.organizationId, { title: "Listed while members browse" });
    const next = await view(`${base}/lots`, second.cookie);
    expect(next.cache).toBe("miss");
    expect(next.body).toContain("Listed while members browse");
  });

  it("does not share a page whose text holds a marker character, and still serves it whole", async () => {
    await openLot(seller.organizationId, { title: "Odd \uE000 title" });
    for (let i = 0; i < 3; i++) {
      const seen = await view(`${base}/lots`, first.cookie);
      expect(seen.status).toBe(200);
      expect(seen.cache).toBe("miss");
      expect(seen.body).toContain("Odd \uE000 title");
      expect(seen.body).toContain(inMarkup(first.name));
    }
    await db().lot.updateMany({ where: { title: "Odd \uE000 title" }, data: { status: "withdrawn" } });
  });

  it("shares a page between members who read the same language, never across languages", async () => {
    const inJapanese = async () => {
      const account = await accountWith(["buyer"], "KR");
      await db().user.update({ where: { id: account.userId }, data: { language: "ja" } });
      return account;
    };
    const [one, other] = [await inJapanese(), await inJapanese()];
    await view(`${base}/lots`, one.cookie);
    const shared = await viewUntilHit(`${base}/lots`, other.cookie);
    expect(shared.cache).toBe("hit");
    expect(shared.body).toContain('<html lang="ja"');
    // An English reader of the same page gets it in English, not the Japanese render.
    const english = await view(`${base}/lots`, first.cookie);
    expect(english.body).toContain('<html lang="en"');
  });

  it("shares /facilities between members who may do the same, with their own names", async () => {
    const url = `${base}/facilities`;
    await view(url, first.cookie);
    const shared = await viewUntilHit(url, second.cookie);
    expect(shared.cache).toBe("hit");
    expect(shared.body).toContain(inMarkup(second.name));
    expect(shared.body).not.toContain(first.name);
    expect(withoutNonce(shared)).toBe(withoutNonce(await view(`${uncached}/facilities`, second.cookie)));
    // A recycler may publish a facility: its page is its own render.
    const recycler = await accountWith(["recycler"], "KR");
    const publishing = await view(url, recycler.cookie);
    expect(publishing.cache).toBe("miss");
    expect(publishing.body).toContain('href="/facilities/new"');
    expect(shared.body).not.toContain('href="/facilities/new"');
  });

  it("renders other member pages for each member alone", async () => {
    for (const path of ["/dashboard", "/bids", "/notifications"]) {
      for (let i = 0; i < 2; i++) expect((await view(`${base}${path}`, first.cookie)).cache).toBeNull();
    }
  });
});
