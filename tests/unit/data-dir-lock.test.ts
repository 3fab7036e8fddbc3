// Issue 17 defect 4: one process per embedded data folder. A second holder — the lock function in
// another process, `npm run db:migrate`, `npm run db:seed` or the server — refuses with a message
// naming the folder and the holding process (pid, start time); a lock left by a process that is
// gone (kill -9) does not block the next start; release on exit; a holder on another host refuses.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "~/utils/data-dir-lock.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const base = mkdtempSync(path.join(tmpdir(), "packloop-lock-"));
const children: ChildProcess[] = [];
const holderPids: number[] = [];

afterEach(() => {
  for (const pid of holderPids.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    NODE_ENV: "production",
  };
  for (const key of Object.keys(env))
    if (/^(VITEST|TEST_)/.test(key) || key === "DATABASE_URL") delete env[key];
  return env;
}

/** Runs a script to its end; its exit code and everything it printed. */
function run(args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, args, { cwd: ROOT, env: childEnv(dataDir), stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** A process holding the lock of `<dataDir>/pglite` until it is killed. */
async function holder(dataDir: string): Promise<ChildProcess & { pidInLock: number }> {
  const folder = path.join(dataDir, "pglite");
  const child = spawn(TSX, ["tests/fixtures/data-dir-lock-holder.ts", folder], {
    cwd: ROOT,
    env: childEnv(dataDir),
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (c: Buffer) => {
      output += c;
      if (output.includes("locked")) resolve();
    });
    child.stderr!.on("data", (c: Buffer) => (output += c));
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  const lock = JSON.parse(readFileSync(`${folder}.lock`, "utf8"));
  holderPids.push(lock.pid);
  return Object.assign(child, { pidInLock: lock.pid as number });
}

const freshDataDir = () => mkdtempSync(path.join(base, "data-"));

describe("a second process on the same data folder", () => {
  test("the lock function, db:migrate, db:seed and the server all refuse, naming the folder and the holder", async () => {
    const dataDir = freshDataDir();
    const folder = path.join(dataDir, "pglite");
    const first = await holder(dataDir);
    const lock = JSON.parse(readFileSync(`${folder}.lock`, "utf8"));
    expect(lock).toMatchObject({ hostname: hostname(), command: "data-dir-lock-holder" });
    expect(Date.parse(lock.startedAt)).toBeGreaterThan(Date.now() - 120_000);

    const attempts = await Promise.all([
      run(["tests/fixtures/data-dir-lock-holder.ts", folder], dataDir),
      run(["prisma/migrate.ts"], dataDir),
      run(["prisma/seed.ts"], dataDir),
      run(["server.ts"], dataDir),
    ]);
    for (const { code, output } of attempts) {
      expect(code, output).not.toBe(0);
      expect(output).toContain(
        `The embedded database folder ${folder} is in use by another Packloop process`,
      );
      expect(output).toContain(`pid ${first.pidInLock}`);
      expect(output).toContain(`started ${lock.startedAt}`);
    }
    // Nobody but the holder touched the folder.
    expect(existsSync(path.join(folder, "PG_VERSION"))).toBe(false);
    expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8")).token).toBe(lock.token);
  }, 120_000);

  test("after the holder is killed (kill -9) its stale lock does not block the next process", async () => {
    const dataDir = freshDataDir();
    const folder = path.join(dataDir, "pglite");
    const first = await holder(dataDir);
    // The node process that holds the lock (tsx runs it as a child) dies without cleaning up.
    process.kill(first.pidInLock, "SIGKILL");
    await expect.poll(() => isGone(first.pidInLock), { timeout: 10_000 }).toBe(true);
    expect(existsSync(`${folder}.lock`)).toBe(true);
    const second = await holder(dataDir);
    expect(second.pidInLock).not.toBe(first.pidInLock);
  }, 60_000);

  test("a holder that exits normally removes its lock", async () => {
    const dataDir = freshDataDir();
    const folder = path.join(dataDir, "pglite");
    const first = await holder(dataDir);
    const exited = new Promise((resolve) => first.on("exit", resolve));
    first.stdin!.end();
    await exited;
    await expect.poll(() => existsSync(`${folder}.lock`), { timeout: 10_000 }).toBe(false);
  }, 60_000);
});

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe("in one process", () => {
  const lockFile = (folder: string, holder: Record<string, unknown>) =>
    writeFileSync(
      `${folder}.lock`,
      JSON.stringify({ token: "t", startedAt: "2026-01-01T00:00:00.000Z", command: "x", ...holder }),
    );

  test("a lock whose pid is dead is taken over; one with this process's pid but not held by it too", async () => {
    const folder = path.join(freshDataDir(), "pglite");
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    lockFile(folder, { pid: dead.pid, hostname: hostname() });
    const lock = acquireDataDirLock(folder);
    expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8")).pid).toBe(process.pid);
    // Taking it again in the same process returns the same lock.
    expect(acquireDataDirLock(folder)).toBe(lock);
    lock.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);

    lockFile(folder, { pid: process.pid, hostname: hostname() });
    acquireDataDirLock(folder).release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  test("a live holder on this host, or any holder on another host, refuses", () => {
    const folder = path.join(freshDataDir(), "pglite");
    lockFile(folder, { pid: process.ppid, hostname: hostname() });
    expect(() => acquireDataDirLock(folder)).toThrow(DataDirLockedError);
    lockFile(folder, { pid: 12345, hostname: "elsewhere.example" });
    expect(() => acquireDataDirLock(folder)).toThrow(
      /another host .*elsewhere\.example.*delete .*pglite\.lock/,
    );
  });
});
