import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

/**
 * One process per embedded data folder (issue 17 defect 4, ADR 024). PGlite keeps the whole
 * database in its process's memory and writes it back to the folder: two processes on one folder
 * each see only their own writes and the last to stop wins (the probe lost 20 of 20 acknowledged
 * lots). So whoever opens the folder — the server, `npm run db:migrate`, `db:seed`, `db:backup`,
 * `db:restore` — first takes `<folder>.lock`:
 *
 * - created atomically with O_EXCL ("wx"), holding the pid, host, start time and command line of
 *   the holder (and, on Linux, the boot id and the process's start tick, against a reused pid);
 * - if it exists and its holder is alive (`process.kill(pid, 0)` on this host), the second process
 *   refuses with a message naming the folder and the holder;
 * - if its holder is gone (a crash, kill -9, a reboot), the lock is stale: it is moved aside
 *   atomically (rename, so two restarting processes cannot both take it over) and taken;
 * - released on close and on process exit (also after an uncaught error; not after kill -9, which
 *   is what the stale check is for).
 *
 * A holder on another host (a data folder on a network share) cannot be checked: that refuses
 * too, and the message says which file to delete once that host's process is known to be gone.
 */

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
  /** Linux: /proc/sys/kernel/random/boot_id and the process's start tick (/proc/<pid>/stat). */
  bootId: string | null;
  processStart: string | null;
  /** A random token, so a process only ever deletes its own lock. */
  token: string;
  /** Where the holder answers requests for a backup while it runs (server only), if anywhere. */
  controlSocket?: string | null;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly lockPath: string,
    readonly holder: LockHolder | null,
    reason: string,
  ) {
    super(reason);
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  readonly folder: string;
  readonly path: string;
  readonly holder: LockHolder;
  /** Records the holder's backup socket in the lock file (the server, once it listens). */
  setControlSocket(socketPath: string | null): void;
  release(): void;
}

const held = globalThis as unknown as { packloopDataDirLocks?: Map<string, DataDirLock> };
const heldLocks = () => {
  held.packloopDataDirLocks ??= new Map();
  return held.packloopDataDirLocks;
};

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

const bootId = () => readOr(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim(), null);

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function processStart(pid: number): string | null {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  }, null);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): LockHolder | null {
  return readOr(() => {
    const value = JSON.parse(readFileSync(lockPath, "utf8")) as LockHolder;
    return Number.isInteger(value.pid) && typeof value.token === "string" ? value : null;
  }, null);
}

/** Why the holder still counts, or null when the lock is stale. */
function liveHolder(holder: LockHolder | null): "alive" | "other-host" | null {
  if (!holder) return null;
  if (holder.hostname !== hostname()) return "other-host";
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return null; // rebooted since
  // Our own pid, but not a lock this process holds: the previous process with our pid is gone
  // (containers start the server as the same pid every time).
  if (holder.pid === process.pid) return null;
  if (!isAlive(holder.pid)) return null;
  const start = processStart(holder.pid);
  if (holder.processStart && start && holder.processStart !== start) return null; // pid reused
  return "alive";
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}, running "${holder.command}"`;
}

function refusal(folder: string, lockPath: string, holder: LockHolder | null, why: "alive" | "other-host") {
  const who = holder ? describeHolder(holder) : "an unknown process";
  const message =
    why === "alive"
      ? `The embedded database folder ${folder} is in use by another Packloop process (${who}). ` +
        "Stop that process first (only one server, migration or seed may open the folder at a time), " +
        "or set DATA_DIR to another folder."
      : `The embedded database folder ${folder} is locked by a process on another host (${who}). ` +
        `If that process is no longer running, delete ${lockPath} and start again.`;
  return new DataDirLockedError(folder, lockPath, holder, message);
}

/**
 * Takes the lock on `folder` (the PGlite data directory) or throws DataDirLockedError. Taking a
 * lock this process already holds returns it (the app and the Remix build share one database).
 */
export function acquireDataDirLock(folder: string, options: { command?: string } = {}): DataDirLock {
  const lockPath = `${folder}.lock`;
  const existing = heldLocks().get(lockPath);
  if (existing) return existing;
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date(Date.now() - Math.round(process.uptime() * 1000)).toISOString(),
    command: (options.command ?? process.argv.slice(1).join(" ")).slice(0, 300),
    bootId: bootId(),
    processStart: processStart(process.pid),
    token: `${process.pid}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
    controlSocket: null,
  };

  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o644);
      try {
        writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readHolder(lockPath);
    // A lock being written this very moment reads as empty: look again shortly.
    if (current === null && attempt < 20) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
      if (attempt < 10) continue;
    }
    const why = liveHolder(current);
    if (why) throw refusal(folder, lockPath, current, why);
    if (attempt >= 25) throw refusal(folder, lockPath, current, "alive");
    // Stale: move it aside atomically, then make sure what was moved is the stale lock we judged.
    const aside = `${lockPath}.stale-${holder.token}`;
    try {
      renameSync(lockPath, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = readHolder(aside);
    if (moved && current && moved.token !== current.token) {
      // We moved a fresh lock another process took in between: put it back and look again.
      try {
        renameSync(aside, lockPath);
      } catch {}
      continue;
    }
    readOr(() => unlinkSync(aside), undefined);
  }

  let released = false;
  const onExit = () => lock.release();
  const lock: DataDirLock = {
    folder,
    path: lockPath,
    holder,
    setControlSocket(socketPath) {
      holder.controlSocket = socketPath;
      const current = readHolder(lockPath);
      if (current?.token !== holder.token) return;
      const next = `${lockPath}.next-${holder.token}`;
      const fd = openSync(next, "w", 0o644);
      try {
        writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
      renameSync(next, lockPath);
    },
    release() {
      if (released) return;
      released = true;
      process.removeListener("exit", onExit);
      heldLocks().delete(lockPath);
      if (readHolder(lockPath)?.token === holder.token) readOr(() => unlinkSync(lockPath), undefined);
    },
  };
  process.on("exit", onExit);
  heldLocks().set(lockPath, lock);
  return lock;
}

/** The live holder of `folder`'s lock, if any (null when free or stale). */
export function dataDirLockHolder(folder: string): LockHolder | null {
  const holder = readHolder(`${folder}.lock`);
  return liveHolder(holder) ? holder : null;
}
