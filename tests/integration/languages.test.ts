// Issue 14's language choice on a real database: the root loader answers in the saved preference,
// else the switcher's cookie, else Accept-Language, else English, and hands the browser only that
// language's catalogue; POST /language sets the cookie, saves a signed-in user's choice, keeps the
// page's address (with its filters) and refuses an unknown language by name, writing nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as root from "~/root.tsx";
import * as languageRoute from "~/routes/language.ts";
import * as localesRoute from "~/routes/locales.$file.ts";
import * as loginRoute from "~/routes/login.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { callRoute, ORIGIN, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery";
let cookie: string;
let userId: string;

function page(path: string, headers: Record<string, string> = {}) {
  return new Request(new URL(path, ORIGIN), { headers });
}

async function rootLanguage(request: Request) {
  const outcome = await callRoute(root.loader as never, request);
  return outcome.data as { language: string; catalogueUrl: string };
}

/** What the browser fetches from the address the root loader named (ADR 062). */
async function fetched(url: string, headers: Record<string, string> = {}) {
  const [, file] = /^\/locales\/(.+)$/.exec(url) ?? [];
  return localesRoute.loader({ params: { file }, request: page(url, headers), context: {} } as never);
}

beforeAll(async () => {
  await insertEconomies(db());
  const user = await createUserWithOrganization({
    name: "Lin Lang",
    email: "lin@example.com",
    password: PASSWORD,
    organizationName: "Lin Fleet",
    economyCode: "TW",
    capabilities: ["seller"],
  });
  userId = user.user.id;
  const login = await callRoute(
    loginRoute.action,
    postRequest("/login", { email: "lin@example.com", password: PASSWORD }),
  );
  cookie = sessionCookieFrom(login.headers);
});

describe("the root loader picks the page's language", () => {
  test.each([
    [{}, "en", "Lots"],
    [{ "Accept-Language": "zh-TW,zh;q=0.9" }, "zh-Hant", "批次"],
    [{ "Accept-Language": "zh-SG" }, "zh-Hans", "批次"],
    [{ "Accept-Language": "th-TH,en;q=0.5" }, "th", "ล็อต"],
    [{ "Accept-Language": "pt-BR" }, "en", "Lots"],
    [{ "Accept-Language": "ja", Cookie: "packloop_lang=vi" }, "vi", "Lô hàng"],
    [{ "Accept-Language": "ja", Cookie: "packloop_lang=xx" }, "ja", "ロット"],
  ])("%j → %s", async (headers, language, lots) => {
    const data = await rootLanguage(page("/lots", headers));
    expect(data.language).toBe(language);
    expect(data.catalogueUrl).toMatch(new RegExp(`^/locales/${language}\\.[0-9a-f]{12}\\.json$`));
    const response = await fetched(data.catalogueUrl);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { nav: { lots: string } }).nav.lots).toBe(lots);
  });
});

describe("a catalogue's address (ADR 062)", () => {
  test("the fingerprinted address is cached for a year; a request with its ETag gets 304", async () => {
    const { catalogueUrl } = await rootLanguage(page("/lots", { "Accept-Language": "ko" }));
    const response = await fetched(catalogueUrl);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const etag = response.headers.get("ETag")!;
    const again = await fetched(catalogueUrl, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  test.each([
    ["/locales/ko.json", 200, "no-cache"],
    ["/locales/ko.0123456789ab.json", 200, "no-cache"],
    ["/locales/xx.json", 404, null],
    ["/locales/ko.txt", 404, null],
    ["/locales/..%2Fsecrets.json", 404, null],
  ])("%s → %i, Cache-Control %s", async (url, status, cache) => {
    const response = await fetched(url);
    expect(response.status).toBe(status);
    expect(response.headers.get("Cache-Control")).toBe(cache);
    if (status === 200) expect(((await response.json()) as { nav: { lots: string } }).nav.lots).toBe("로트");
  });
});

describe("POST /language", () => {
  test("a visitor's choice: a year's cookie, back to the same page with its filters", async () => {
    const outcome = await callRoute(
      languageRoute.action,
      postRequest("/language", { language: "es", returnTo: "/lots?chemistry=LFP&sort=mass_desc" }),
    );
    expect(outcome.status).toBe(303);
    expect(outcome.location).toBe("/lots?chemistry=LFP&sort=mass_desc");
    expect(outcome.headers.get("Set-Cookie")).toMatch(
      /^packloop_lang=es; Path=\/; Max-Age=31536000; SameSite=Lax$/,
    );
  });

  test("a signed-in user's choice is saved and outranks the browser's languages", async () => {
    const outcome = await callRoute(
      languageRoute.action,
      postRequest("/language", { language: "zh-Hant", returnTo: "/dashboard" }, { cookie }),
    );
    expect(outcome.location).toBe("/dashboard");
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).language).toBe("zh-Hant");
    // No language cookie in this browser, and it asks for Korean: the account's choice wins.
    const data = await rootLanguage(page("/", { Cookie: cookie, "Accept-Language": "ko" }));
    expect(data.language).toBe("zh-Hant");
  });

  test.each([["klingon"], [""], ["EN"]])(
    "an unknown language %j is refused by name and nothing is saved",
    async (language) => {
      const before = (await db().user.findUniqueOrThrow({ where: { id: userId } })).language;
      const outcome = await callRoute(
        languageRoute.action,
        postRequest("/language", { language, returnTo: "/lots" }, { cookie }),
      );
      expect(outcome.status).toBe(400);
      expect(outcome.body).toMatch(/^language: choose one of en, zh-Hans, zh-Hant, ja, ko, es, id, th, vi$/);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
      expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).language).toBe(before);
    },
  );

  test.each([["https://evil.example/"], ["//evil.example"], [""]])(
    "returnTo %j off the site goes home",
    async (returnTo) => {
      const outcome = await callRoute(
        languageRoute.action,
        postRequest("/language", { language: "ja", returnTo }),
      );
      expect(outcome.location).toBe("/");
    },
  );
});
