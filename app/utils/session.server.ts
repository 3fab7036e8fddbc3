import { createCookie, redirect } from "@remix-run/node";
import { createSession, findLiveSession, revokeSession, SESSION_TTL_MS } from "~/models/session.server.ts";

/**
 * The session cookie carries only the signed id of a row in the Session table, so sessions can
 * be listed and revoked. httpOnly and SameSite=Lax always; Secure whenever the request came over
 * HTTPS (directly or, with TRUST_PROXY, through a proxy that says so).
 */
function sessionCookie() {
  const secret = process.env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set; the server resolves it at start-up.");
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [secret],
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[0-9a-f-]{36}$/.test(value) ? value : null;
}

export async function getLiveSession(request: Request) {
  const id = await readSessionId(request);
  return id ? findLiveSession(id) : null;
}

export function clientAddress(request: Request): string | null {
  return request.headers.get("x-packloop-client-ip");
}

/** Starts a session and redirects with its cookie. */
export async function startSession(
  request: Request,
  userId: string,
  organizationId: string | null,
  redirectTo: string,
) {
  const session = await createSession({
    userId,
    organizationId,
    userAgent: request.headers.get("User-Agent"),
    ipAddress: clientAddress(request),
  });
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize(session.id, { secure: isHttps(request) }) },
  });
}

export async function endSession(request: Request, redirectTo = "/") {
  const id = await readSessionId(request);
  if (id) await revokeSession(id);
  return redirect(redirectTo, {
    headers: {
      "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) }),
    },
  });
}

/** Only same-site relative paths, so a crafted ?redirectTo cannot send users elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.com" would become "//evil.com".
  if (/[\s\p{Cc}]/u.test(to)) return fallback;
  return to;
}
