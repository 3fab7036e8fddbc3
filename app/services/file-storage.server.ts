import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { dataDirectory } from "~/utils/db.server.ts";

/**
 * Uploaded files on the local disk, under `${DATA_DIR:-./data}/uploads/`. A file is named by a
 * random storage key, never by anything the client sent, so a crafted file name cannot escape the
 * directory or overwrite another file. Stored files are immutable: replacing a document is a new
 * key. Behind several web processes, DATA_DIR must be a shared volume (or this module swapped for
 * an object store with the same four functions).
 */

const KEY = /^[0-9a-f]{32}$/;

export function uploadsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDirectory(env), "uploads");
}

function pathFor(storageKey: string): string {
  if (!KEY.test(storageKey)) throw new Error("Invalid storage key");
  // Two-character fan-out keeps directories small with many files.
  return path.join(uploadsDirectory(), storageKey.slice(0, 2), storageKey);
}

export interface StoredFile {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

export async function storeFile(bytes: Uint8Array): Promise<StoredFile> {
  const storageKey = randomBytes(16).toString("hex");
  const target = pathFor(storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  // "wx": fail rather than overwrite, should a random key ever repeat.
  await writeFile(target, bytes, { flag: "wx", mode: 0o640 });
  return {
    storageKey,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    sizeBytes: bytes.byteLength,
  };
}

/** Removes stored files; missing ones are ignored (used to undo a failed upload). */
export async function deleteStoredFiles(storageKeys: readonly string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => rm(pathFor(key), { force: true })));
}

/** The file as a web stream with its size, or null when it is gone from the disk. */
export async function openStoredFile(
  storageKey: string,
): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number } | null> {
  const file = pathFor(storageKey);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return {
    stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    sizeBytes: info.size,
  };
}

/**
 * Stores the files' bytes, then runs the step that records them in the database; when the step is
 * refused (`ok: false`) or throws, the stored files are removed again, so neither a row without its
 * file nor an orphan file stays behind. Dispute and milestone evidence go through it.
 */
export async function withStoredFiles<F extends { bytes: Uint8Array }, T extends { ok: boolean }>(
  files: readonly F[],
  step: (stored: (Omit<F, "bytes"> & StoredFile)[]) => Promise<T>,
): Promise<T> {
  const stored: (Omit<F, "bytes"> & StoredFile)[] = [];
  try {
    for (const { bytes, ...described } of files) stored.push({ ...described, ...(await storeFile(bytes)) });
    const result = await step(stored);
    if (!result.ok) await deleteStoredFiles(stored.map((s) => s.storageKey));
    return result;
  } catch (error) {
    await deleteStoredFiles(stored.map((s) => s.storageKey));
    throw error;
  }
}
