import { createHash } from "node:crypto";
import { chmodSync, unlinkSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DataDirLock } from "./data-dir-lock.server.ts";

/**
 * `npm run db:backup` while the server runs (ADR 024). The embedded database lives in the
 * server's memory and only that process may open its folder (data-dir-lock.server.ts), so a
 * consistent copy can only come from the server itself: it listens on a Unix socket next to the
 * folder (`<folder>.sock`, mode 0600, recorded in the lock file), and a client that writes
 * "backup\n" gets "+" and PGlite's dump of the data folder (a gzipped tarball, taken after a
 * CHECKPOINT between two queries) or "-" and an error message.
 */

/** `<folder>.sock`, or a short path in the temporary folder when that is too long for a socket. */
export function controlSocketPath(folder: string): string {
  const beside = `${folder}.sock`;
  if (Buffer.byteLength(beside) < 100) return beside;
  const hash = createHash("sha256").update(folder).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `packloop-${hash}.sock`);
}

export async function serveBackups(
  lock: DataDirLock,
  dump: () => Promise<Uint8Array>,
  onError: (error: unknown) => void = () => {},
): Promise<() => Promise<void>> {
  const socketPath = controlSocketPath(lock.folder);
  // We hold the folder's lock, so a socket file left there is a crashed holder's.
  try {
    unlinkSync(socketPath);
  } catch {}
  const server = net.createServer((connection) => {
    let request = "";
    connection.on("error", () => {});
    connection.on("data", (chunk) => {
      request += chunk.toString("utf8");
      if (!request.includes("\n")) return;
      if (request.trim() !== "backup") {
        connection.end("-unknown request\n");
        return;
      }
      dump().then(
        (bytes) => {
          connection.write("+");
          connection.end(bytes);
        },
        (error: unknown) => {
          onError(error);
          connection.end(`-${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  lock.setControlSocket(socketPath);
  return async () => {
    lock.setControlSocket(null);
    await new Promise((resolve) => server.close(resolve));
    try {
      unlinkSync(socketPath);
    } catch {}
  };
}

/** Asks the process serving `socketPath` for a backup; resolves to the dump's bytes. */
export function requestBackup(socketPath: string, timeoutMs = 10 * 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const connection = net.createConnection(socketPath, () => connection.write("backup\n"));
    connection.setTimeout(timeoutMs, () =>
      connection.destroy(new Error("the server did not answer in time")),
    );
    connection.on("data", (chunk: Buffer) => chunks.push(chunk));
    connection.on("error", reject);
    connection.on("end", () => {
      const answer = Buffer.concat(chunks);
      if (answer[0] === 0x2b) resolve(answer.subarray(1));
      else
        reject(new Error(answer.subarray(1).toString("utf8").trim() || "the server closed the connection"));
    });
  });
}
