import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "./db.server.ts";

export const MIN_SECRET_LENGTH = 32;

/**
 * Decides the session-signing secret before the server starts:
 *  - SESSION_SECRET set → used as is (must be at least 32 characters);
 *  - embedded database and unset → generated once and kept in <data dir>/session-secret, so
 *    sessions survive restarts on a single machine without any set-up;
 *  - PostgreSQL and unset → refuse to start: several instances would otherwise sign with
 *    different secrets and log each other's users out.
 */
export function resolveSessionSecret(
  target: DatabaseTarget,
  dataDir: string,
  current: string | undefined,
  log: (line: string) => void,
): string {
  if (current) {
    if (current.length < MIN_SECRET_LENGTH)
      throw new Error(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters long.`);
    return current;
  }
  if (target.kind === "postgres") {
    throw new Error(
      "SESSION_SECRET is required when DATABASE_URL points at PostgreSQL. Set it to a long random string (e.g. `openssl rand -hex 32`) shared by every instance.",
    );
  }
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `${file} holds a session secret shorter than ${MIN_SECRET_LENGTH} characters. Delete it to have a new one generated, or set SESSION_SECRET.`,
      );
    }
    return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`SESSION_SECRET is not set: generated one and kept it in ${file}`);
  return secret;
}
