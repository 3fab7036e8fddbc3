// resolveSessionSecret decides the cookie-signing secret at start-up: an explicit SESSION_SECRET,
// or one generated once and kept beside the embedded database; never a guess on PostgreSQL.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { DatabaseTarget } from "~/utils/db.server.ts";
import { MIN_SECRET_LENGTH, resolveSessionSecret } from "~/utils/session-secret.server.ts";

const PGLITE: DatabaseTarget = { kind: "pglite", dataDir: null };
const POSTGRES: DatabaseTarget = { kind: "postgres", connectionString: "postgresql://db.internal/packloop" };
const LONG = "s".repeat(MIN_SECRET_LENGTH);

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "packloop-secret-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("resolveSessionSecret", () => {
  test("uses SESSION_SECRET as given, on either database, and writes nothing", () => {
    for (const target of [PGLITE, POSTGRES]) {
      const dir = tempDir();
      const log = vi.fn();
      expect(resolveSessionSecret(target, dir, LONG, log)).toBe(LONG);
      expect(log).not.toHaveBeenCalled();
      expect(() => statSync(path.join(dir, "session-secret"))).toThrow(/ENOENT/);
    }
  });

  test.each([PGLITE, POSTGRES])("refuses a SESSION_SECRET shorter than 32 characters ($kind)", (target) => {
    const dir = tempDir();
    expect(() => resolveSessionSecret(target, dir, "s".repeat(MIN_SECRET_LENGTH - 1), () => {})).toThrow(
      /SESSION_SECRET must be at least 32 characters/,
    );
  });

  test("on PostgreSQL without SESSION_SECRET, refuses to start with a message naming it", () => {
    const dir = tempDir();
    const run = () => resolveSessionSecret(POSTGRES, dir, undefined, () => {});
    expect(run).toThrow(/SESSION_SECRET is required/);
    expect(run).toThrow(/PostgreSQL/);
    expect(() => statSync(path.join(dir, "session-secret"))).toThrow(/ENOENT/);
    // An empty variable counts as unset.
    expect(() => resolveSessionSecret(POSTGRES, dir, "", () => {})).toThrow(/SESSION_SECRET/);
  });

  test("on the embedded database without SESSION_SECRET, generates one once, keeps it with mode 600 and reuses it", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const log = vi.fn();
    const first = resolveSessionSecret(PGLITE, dir, undefined, log);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dir, "session-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain(file);
    expect(log.mock.calls[0][0]).not.toContain(first);

    const again = vi.fn();
    expect(resolveSessionSecret(PGLITE, dir, undefined, again)).toBe(first);
    expect(again).not.toHaveBeenCalled();

    // Another data directory gets a different secret.
    expect(resolveSessionSecret(PGLITE, tempDir(), undefined, () => {})).not.toBe(first);
  });

  test("reads a kept secret without its trailing newline", () => {
    const dir = tempDir();
    const kept = "k".repeat(64);
    writeFileSync(path.join(dir, "session-secret"), `  ${kept}\n\n`);
    expect(resolveSessionSecret(PGLITE, dir, undefined, () => {})).toBe(kept);
  });

  test("refuses a kept secret that is empty or too short, naming the file", () => {
    for (const content of ["", "\n", "short\n"]) {
      const dir = tempDir();
      const file = path.join(dir, "session-secret");
      writeFileSync(file, content);
      expect(() => resolveSessionSecret(PGLITE, dir, undefined, () => {})).toThrow(file);
    }
  });
});
