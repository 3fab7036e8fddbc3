import net from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { facilityFields } from "../fixtures/facilities.ts";
import { lotBody, lotFields } from "../fixtures/lots.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { formBody, sessionCookieFrom } from "../fixtures/routes.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const apps = productionApps();
let build: ServerBuild;
let base: string;
let port: number;

const start = (env: Record<string, string> = {}) => apps.start(build, env);

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/**
 * Sends `head` and then `body` chunks on a raw socket (stopping as soon as an answer arrives) and
 * reads the answer; `closed` says whether the server ended the connection within `waitMs`.
 */
function rawRequest(
  head: string,
  chunks: Iterable<Buffer | string>,
  options: { targetPort?: number; waitMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options.targetPort ?? port, "127.0.0.1");
    let received = "";
    let answered = false;
    let closed = false;
    const finish = () => {
      const split = received.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no answer: ${JSON.stringify(received.slice(0, 200))}`));
      const [statusLine, ...lines] = received.slice(0, split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(":");
        headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: received.slice(split + 4), closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, options.waitMs ?? 5_000);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      answered = true;
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    socket.on("connect", async () => {
      socket.write(head);
      for (const chunk of chunks) {
        if (answered || socket.destroyed) break;
        if (!socket.write(chunk)) await new Promise((r) => socket.once("drain", r));
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

function* repeat(chunk: Buffer | string, times: number) {
  for (let i = 0; i < times; i++) yield chunk;
}

function chunked(chunk: string, times: number): Iterable<string> {
  return (function* () {
    for (let i = 0; i < times; i++) yield `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    yield "0\r\n\r\n";
  })();
}

beforeAll(async () => {
  build = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  ({ base, port } = await start());
}, 300_000);

afterAll(() => apps.stopAll());

describe("request-body limits (defect 5)", () => {
  test("a 400 MB body declared to /api/v1/quotes is refused unread: 413 problem+json, Connection: close", async () => {
    const started = Date.now();
    const response = await rawRequest(
      "POST /api/v1/quotes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${400 * 1024 * 1024}\r\n\r\n`,
      repeat(Buffer.alloc(64 * 1024, 0x20), 64),
    );
    expect(response.status).toBe(413);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.body)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(response.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a chunked JSON body is counted as it streams and refused past its limit, the connection closed", async () => {
    const response = await rawRequest(
      "POST /api/v1/quotes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
      chunked(" ".repeat(64 * 1024), 200),
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.body).code).toBe("PAYLOAD_TOO_LARGE");
    expect(response.closed).toBe(true);
  });

  test("the direct bid endpoint refuses a chunked body past its limit the same way", async () => {
    const response = await rawRequest(
      "POST /api/v1/lots/no-such-lot/bids HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
      chunked(" ".repeat(64 * 1024), 400),
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.body).code).toBe("PAYLOAD_TOO_LARGE");
    expect(response.closed).toBe(true);
  });

  test("a page form over 100 KB is refused with a 413 page; one under it reaches the action", async () => {
    const big = await fetch(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a%40example.com&password=${"x".repeat(150 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toMatch(/text\/html/);
    expect(big.headers.get("connection")).toBe("close");
    expect(await big.text()).toMatch(/too large/);

    const small = await fetch(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a%40example.com&password=${"x".repeat(50 * 1024)}`,
      redirect: "manual",
    });
    expect(small.status).toBe(400);
  });

  test("a chunked page form is counted too", async () => {
    const response = await rawRequest(
      "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
      chunked("x".repeat(16 * 1024), 40),
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(response.closed).toBe(true);
  });

  test("an answer sent before the body was read closes the connection instead of offering it again", async () => {
    // An anonymous post to a member's form is redirected before its body is read; the next
    // request on the connection must either be answered or the first answer must say "close".
    const body = `note=${"y".repeat(90 * 1024)}`;
    const response = await rawRequest(
      "POST /settings/organization HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        `Content-Length: ${body.length}\r\n\r\n${body}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      [],
    );
    expect(response.status).toBeLessThan(500);
    if (response.headers.connection !== "close") expect(response.body).toMatch(/"status":"ok"/);
    expect(response.closed).toBe(true);
  });

  test("a chunked JSON body answered before it was read (401) is not offered for reuse", async () => {
    const response = await rawRequest(
      "POST /api/v1/lots HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
      chunked(" ".repeat(64 * 1024), 400),
    );
    expect(response.status).toBe(401);
    expect(response.headers.connection).toBe("close");
    expect(response.closed).toBe(true);
  });
});

const PASSWORD = "correct horse battery";
let people = 0;

async function member(capabilities: ("seller" | "buyer" | "recycler")[]) {
  people += 1;
  const email = `hardening-${people}@example.com`;
  const { user, organization } = await createUserWithOrganization({
    name: `Member ${people}`,
    email,
    password: PASSWORD,
    organizationName: `Org ${people}`,
    economyCode: "AU",
    capabilities,
  });
  const login = await fetch(`${base}/login`, {
    method: "POST",
    body: formBody({ email, password: PASSWORD }),
    redirect: "manual",
  });
  expect(login.status).toBe(302);
  return { userId: user.id, organizationId: organization.id, cookie: sessionCookieFrom(login.headers) };
}

const FOREIGN = "https://evil.example";

describe("cross-site requests (defect 6)", () => {
  test("a bid form posted from another site is refused 403 with a page and writes nothing; from the app it is placed", async () => {
    const seller = await member(["seller"]);
    const buyer = await member(["buyer"]);
    const lot = await openLot(seller.organizationId);
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/lots/${lot.id}/bids`, {
        method: "POST",
        headers: { Cookie: buyer.cookie, ...headers },
        body: formBody({ amount: "12000" }),
        redirect: "manual",
      });

    const foreign = await post({ Origin: FOREIGN });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toMatch(/text\/html/);
    expect(await foreign.text()).toMatch(/sent from another site/);
    const fetchMetadata = await post({ "Sec-Fetch-Site": "cross-site" });
    expect(fetchMetadata.status).toBe(403);
    const nullOrigin = await post({ Origin: "null" });
    expect(nullOrigin.status).toBe(403);
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(0);

    const own = await post({ Origin: base, "Sec-Fetch-Site": "same-origin" });
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toMatch(/bid=placed/);
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(1);
  });

  test.each([
    ["/logout", {}],
    ["/login", { email: "x@example.com", password: "whatever it is" }],
    ["/searches", { intent: "delete", id: "x" }],
  ])("%s from another site is refused 403 (not Remix's 500)", async (path, fields) => {
    const buyer = await member(["buyer"]);
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { Cookie: buyer.cookie, Origin: FOREIGN },
      body: formBody(fields),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await db().session.count({ where: { userId: buyer.userId } })).toBe(1);
  });

  test("single fetch's .data posts are checked the same way", async () => {
    const buyer = await member(["buyer"]);
    const response = await fetch(`${base}/logout.data`, {
      method: "POST",
      headers: { Cookie: buyer.cookie, Origin: FOREIGN },
      body: "",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });

  test("the API: a session-cookie call from another site is refused with problem+json; a bearer token is not checked", async () => {
    const seller = await member(["seller"]);
    const cookieCall = await fetch(`${base}/api/v1/lots`, {
      method: "POST",
      headers: { Cookie: seller.cookie, Origin: FOREIGN, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(cookieCall.status).toBe(403);
    expect(cookieCall.headers.get("content-type")).toBe("application/problem+json");
    expect((await cookieCall.json()).code).toBe("CROSS_SITE_REQUEST");

    const { token } = await createApiToken({
      organizationId: seller.organizationId,
      createdById: seller.userId,
      name: "cross-site test",
    });
    const tokenCall = await fetch(`${base}/api/v1/lots`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, Origin: FOREIGN, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(tokenCall.status).toBe(400);
    expect((await tokenCall.json()).code).toBe("VALIDATION_FAILED");
  });

  test("programs that send neither Origin nor Sec-Fetch-Site are not affected", async () => {
    const buyer = await member(["buyer"]);
    const response = await fetch(`${base}/logout`, {
      method: "POST",
      headers: { Cookie: buyer.cookie },
      body: formBody({}),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
  });

  test("Stripe's webhook passes the Express layer with its raw body intact: signed → 200, one byte changed → 400", async () => {
    const standIn = new StripeStandIn();
    process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
    try {
      // An event about nothing Packloop made: verified, stored and answered, no deal touched.
      const event = standIn.event("account.updated", { id: "acct_unknown", object: "account" });
      const signed = standIn.sign(event);
      const send = (body: string) =>
        fetch(`${base}/webhooks/stripe`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Stripe-Signature": signed.signature },
          body,
        });
      const ok = await send(signed.body);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ received: true });
      const tampered = await send(signed.body.replace("acct_unknown", "acct_unknowm"));
      expect(tampered.status).toBe(400);
      expect(await tampered.json()).toMatchObject({ code: "INVALID_SIGNATURE" });
    } finally {
      delete process.env.STRIPE_WEBHOOK_SECRET;
    }
  });
});

describe("bad input answers 4xx, never 500 (defect 7)", () => {
  test("a NUL character in an API body is refused 400 naming the field, nothing written", async () => {
    const seller = await member(["seller"]);
    const { token } = await createApiToken({
      organizationId: seller.organizationId,
      createdById: seller.userId,
      name: "nul test",
    });
    const response = await fetch(`${base}/api/v1/lots`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(lotBody({ title: "Blade\u0000packs", description: "ok\u0000" })),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(["description", "title"]);
    expect(await db().lot.count({ where: { organizationId: seller.organizationId } })).toBe(0);
  });

  test("a NUL character in a page form (a saved search) is refused with a 400 page, nothing written", async () => {
    const buyer = await member(["buyer"]);
    for (const body of [
      formBody({ intent: "save", name: "Blade\u0000", query: "chemistry=LFP" }),
      formBody({ intent: "save", name: "Blade", query: "q=\u0000" }),
    ]) {
      const response = await fetch(`${base}/searches`, {
        method: "POST",
        headers: { Cookie: buyer.cookie },
        body,
        redirect: "manual",
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/text\/html/);
    }
    expect(await db().savedSearch.count({ where: { userId: buyer.userId } })).toBe(0);
  });

  test("a NUL character in a multipart form's text field is refused 400", async () => {
    const seller = await member(["seller"]);
    const form = new FormData();
    for (const [key, value] of Object.entries(lotFields({ title: "Blade\u0000packs", economy: "AU" })))
      form.append(key, value);
    const response = await fetch(`${base}/lots/new`, {
      method: "POST",
      headers: { Cookie: seller.cookie },
      body: form,
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(await db().lot.count({ where: { organizationId: seller.organizationId } })).toBe(0);
  });

  test.each([
    ["/facilities?q=%00", /text\/html/],
    ["/lots?q=ab%00cd", /text\/html/],
    ["/api/v1/facilities?q=%00", /application\/problem\+json/],
    ["/api/v1/lots?q=%00", /application\/problem\+json/],
  ])("a NUL character in the query of %s answers 400", async (path, type) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(type);
  });

  test.each([
    "/api/v1/lots?offset=1e20",
    "/api/v1/facilities?offset=1e20",
    "/api/v1/lots?limit=10&offset=9007199254740993",
  ])("%s answers 400 naming offset", async (path) => {
    const seller = await member(["seller"]);
    const { token } = await createApiToken({
      organizationId: seller.organizationId,
      createdById: seller.userId,
      name: "offset test",
    });
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(["offset"]);
  });

  test.each([
    ["GET", "/%", /text\/html/],
    ["GET", "/lots/%", /text\/html/],
    ["GET", "/lots/%zz/edit", /text\/html/],
    ["POST", "/lots/%/bids", /text\/html/],
    ["GET", "/api/v1/lots/%", /application\/problem\+json/],
    ["POST", "/api/v1/lots/%/bids", /application\/problem\+json/],
  ])("%s %s (a lone %%) answers 400, not a plain-text 500", async (method, path, type) => {
    const response = await rawRequest(
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      [],
    );
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toMatch(type);
  });

  test.each([
    ["GET", "/api/v1/no-such-thing"],
    ["GET", "/api/v1/lots/x/y/z"],
    ["POST", "/api/v1/no-such-thing"],
    ["GET", "/api/v2/lots"],
  ])("%s %s answers 404 problem+json", async (method, path) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).code).toBe("NOT_FOUND");
  });

  test("a method an API path does not take answers 405 problem+json", async () => {
    const response = await fetch(`${base}/api/v1/economies`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  test("the API's per-address write limit answers 429 problem+json RATE_LIMITED; pages keep their page", async () => {
    const limited = await start({ RATE_LIMIT_DISABLED: "false", RATE_LIMIT_WRITES_PER_MINUTE: "1" });
    const call = () =>
      fetch(`${limited.base}/api/v1/quotes`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
    expect((await call()).status).not.toBe(429);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await refused.json()).code).toBe("RATE_LIMITED");
    const page = await fetch(`${limited.base}/logout`, { method: "POST", redirect: "manual" });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toMatch(/text\/(html|plain)/);
  });
});

describe("the API refuses what its schema forbids (defect 8)", () => {
  test.each([
    ["currency null", { currency: null }, "currency"],
    ['currency ""', { currency: "" }, "currency"],
    ['economy ""', { economy: "" }, "economy"],
    ["availableFrom 2026-02-30", { availableFrom: "2026-02-30" }, "availableFrom"],
  ])("POST /api/v1/lots with %s: 400 naming the field, no lot", async (_, override, field) => {
    const seller = await member(["seller"]);
    const { token } = await createApiToken({
      organizationId: seller.organizationId,
      createdById: seller.userId,
      name: "schema test",
    });
    const response = await fetch(`${base}/api/v1/lots`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(lotBody({ ...override, status: "open" })),
    });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await db().lot.count({ where: { organizationId: seller.organizationId } })).toBe(0);
  });

  test("POST /api/v1/quotes with a lot available from 2026-02-30: 400 naming the field", async () => {
    const response = await fetch(`${base}/api/v1/quotes`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        lot: {
          chemistry: "NMC811",
          form: "pack",
          condition: "intact",
          massKg: 12_500,
          location: { lat: -37.81, lng: 144.96 },
          economy: "AU",
          availableFrom: "2026-02-30",
        },
      }),
    });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(["lot.availableFrom"]);
  });
});

describe("page forms refuse with 4xx, never 200 (defect 8)", () => {
  type Who = "anonymous" | "seller" | "buyer" | "recycler";
  let cookies: Record<Who, string>;
  let lotId: string;
  let facilityId: string;

  beforeAll(async () => {
    const seller = await member(["seller"]);
    const buyer = await member(["buyer"]);
    const recycler = await member(["recycler"]);
    cookies = { anonymous: "", seller: seller.cookie, buyer: buyer.cookie, recycler: recycler.cookie };
    lotId = (await openLot(seller.organizationId)).id;
    const created = await fetch(`${base}/facilities/new`, {
      method: "POST",
      headers: { Cookie: recycler.cookie },
      body: formBody(facilityFields()),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    facilityId = (created.headers.get("location") ?? "").split("/")[2];
  });

  // [page, who, fields]: each a submission the action must refuse.
  const cells: [string, Who, Record<string, string>][] = [
    ["/login", "anonymous", { email: "", password: "" }],
    ["/signup", "anonymous", { email: "not an email" }],
    ["/forgot-password", "anonymous", { email: "not an email" }],
    ["/reset-password/no-such-token", "anonymous", { password: "short", confirm: "short" }],
    ["/invitations/no-such-token", "anonymous", { name: "", password: "" }],
    ["/quote", "anonymous", { chemistry: "nonsense" }],
    ["/searches", "buyer", { intent: "save", name: "", query: "" }],
    ["/searches", "buyer", { intent: "delete", id: "no-such-search" }],
    ["/searches", "buyer", { intent: "bogus" }],
    ["/settings/api-tokens", "seller", { name: "" }],
    ["/settings/api-tokens", "seller", { intent: "revoke", tokenId: "no-such-token" }],
    ["/settings/organization", "seller", { intent: "profile", name: "" }],
    ["/settings/organization", "seller", { intent: "invite", email: "not an email" }],
    ["/settings/organization", "seller", { intent: "bogus" }],
    ["/facilities/new", "recycler", { name: "" }],
    ["/lots/new", "seller", { title: "" }],
    ["/lots/import", "seller", { publish: "draft" }],
    ["/lots/:lot/edit", "seller", { title: "" }],
    ["/lots/:lot", "seller", { intent: "bogus" }],
    ["/lots/:lot/bids", "buyer", { amount: "not money" }],
    ["/lots/:lot/bids", "buyer", { amount: "1" }],
    ["/lots/:lot/questions", "buyer", { intent: "ask", question: "" }],
    ["/lots/:lot/award", "seller", { intent: "bogus" }],
    ["/lots/:lot/watch", "buyer", { intent: "bogus" }],
    ["/notifications", "buyer", { intent: "bogus" }],
    ["/bookings", "seller", { intent: "bogus" }],
    ["/facilities/:facility", "seller", { intent: "book" }],
    ["/facilities/:facility/capacity", "recycler", { intent: "create", month: "nonsense" }],
    ["/facilities/:facility/edit", "recycler", { intent: "bogus" }],
  ];

  test.each(cells)("POST %s as %s %j answers 4xx", async (page, who, fields) => {
    const path = page.replace(":lot", lotId).replace(":facility", facilityId);
    for (const url of [path, `${path}.data`]) {
      const response = await fetch(`${base}${url}`, {
        method: "POST",
        headers: cookies[who] ? { Cookie: cookies[who] } : {},
        body: formBody(fields),
        redirect: "manual",
      });
      const body = await response.text();
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
      // The lot page's fetchers read the refusal's message from single fetch's answer.
      if (page === "/lots/:lot/bids" && fields.amount === "not money")
        expect(body).toMatch(/The bid was not placed/);
    }
  });
});

describe("HSTS under HTTPS (defect 9)", () => {
  test("answers over HTTPS (behind a trusted proxy) carry Strict-Transport-Security; plain HTTP and spoofed headers do not", async () => {
    const proxied = await start({ TRUST_PROXY: "loopback" });
    const secure = await fetch(`${proxied.base}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=31536000; includeSubDomains$/);
    const plain = await fetch(`${proxied.base}/login`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // Without TRUST_PROXY, X-Forwarded-Proto is the client's word: ignored.
    const spoofed = await fetch(`${base}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("failed log-ins slow the account down (defect 9)", () => {
  test("after five wrong passwords the account takes no attempt for 30 s, the right password included; other accounts are unaffected", async () => {
    const limited = await start({ RATE_LIMIT_DISABLED: "false", RATE_LIMIT_AUTH_PER_MINUTE: "100" });
    const victim = await createUserWithOrganization({
      name: "Victim",
      email: "victim@example.com",
      password: PASSWORD,
      organizationName: "Victim Org",
      economyCode: "AU",
      capabilities: ["buyer"],
    });
    const login = (email: string, password: string) =>
      fetch(`${limited.base}/login`, {
        method: "POST",
        body: formBody({ email, password }),
        redirect: "manual",
      });
    for (let i = 0; i < 5; i++)
      expect((await login("victim@example.com", "wrong password here")).status).toBe(400);
    const refused = await login("VICTIM@example.com", PASSWORD);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many failed log-ins to this account. Try again in (29|30) s/);
    expect(await db().session.count({ where: { userId: victim.user.id } })).toBe(0);

    await createUserWithOrganization({
      name: "Bystander",
      email: "bystander@example.com",
      password: PASSWORD,
      organizationName: "Bystander Org",
      economyCode: "AU",
      capabilities: ["buyer"],
    });
    expect((await login("bystander@example.com", PASSWORD)).status).toBe(302);
  });
});
