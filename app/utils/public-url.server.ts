import { env } from "./env.server.ts";

/**
 * The public base URL for links in emails (password resets, invitations, notifications) — never
 * the request's Host header, which any client sets as it likes (issue 17 defect 2: a reset asked
 * for with `Host: evil.example` mailed a live token to evil.example). In order:
 *
 * 1. `APP_URL`, when set (production should set it);
 * 2. the request's own origin, only when its host (with port, if not the scheme's default) is on
 *    `ALLOWED_HOSTS` (a comma list, e.g. "market.example,market.example:8443");
 * 3. the address this server was started on (server.ts calls setListeningUrl once it listens:
 *    `http://localhost:<port>` on the embedded default);
 * 4. `http://localhost:<PORT>` (a process that never listened, e.g. a script or a test).
 *
 * The listening address lives on globalThis because the Remix build has its own copy of this
 * module (as the database handle does, db.server.ts).
 */

const shared = globalThis as unknown as { packloopListeningUrl?: string | null };

export function setListeningUrl(url: string | null) {
  shared.packloopListeningUrl = url ? url.replace(/\/+$/, "") : null;
}

/** "a.example, B.example:8443" → ["a.example", "b.example:8443"]. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== "");
}

export function publicBaseUrl(request?: Request): string {
  const { APP_URL, ALLOWED_HOSTS, PORT } = env();
  if (APP_URL) return APP_URL.replace(/\/+$/, "");
  if (request && ALLOWED_HOSTS) {
    const url = new URL(request.url);
    // URL#host leaves out a default port (https:443, http:80) and is lower-cased.
    if (parseAllowedHosts(ALLOWED_HOSTS).includes(url.host)) return url.origin;
  }
  return shared.packloopListeningUrl ?? `http://localhost:${PORT}`;
}
