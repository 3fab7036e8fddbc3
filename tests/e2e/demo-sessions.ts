// Signed-in HTTP sessions as the demo accounts, for e2e tests that read the demo's ids through the
// JSON API or hand a role's cookies to a browser context. One set per test file: call
// demoSessions() at the top and dispose() in afterAll.
import { type APIRequestContext, request } from "playwright-core";
import { expect } from "vitest";
import { baseUrl, DEMO_ACCOUNTS, DEMO_PASSWORD } from "./browser.ts";

export type Role = "anonymous" | keyof typeof DEMO_ACCOUNTS;

export function demoSessions() {
  const sessions = new Map<Role, APIRequestContext>();

  async function session(role: Role): Promise<APIRequestContext> {
    const existing = sessions.get(role);
    if (existing) return existing;
    const context = await request.newContext({ baseURL: baseUrl() });
    if (role !== "anonymous") {
      const response = await context.post("/login", {
        form: { email: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD },
        maxRedirects: 0,
      });
      expect(response.status(), `log in as ${role}`).toBe(302);
    }
    sessions.set(role, context);
    return context;
  }

  async function getJson<T>(role: Role, pathname: string): Promise<T> {
    const response = await (await session(role)).get(pathname);
    expect(response.status(), `GET ${pathname} as ${role}`).toBe(200);
    return (await response.json()) as T;
  }

  async function dispose() {
    await Promise.all([...sessions.values()].map((context) => context.dispose()));
  }

  return { session, getJson, dispose };
}
