import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AllocationOptions, AllocationResult } from "~/domain/matching/allocation.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";

/**
 * Allocation plans are solved on a worker thread (issue 17, defect 9): the largest takes ~1.8 s of
 * CPU, which on the event loop froze every other request for as long. One worker per process,
 * started on the first plan and kept (unref'd, so it never holds the process open); plans queue
 * on it in order (callers also hold the one-plan slot, allocation-plan.server.ts). If the worker
 * dies, the plans it held fail and the next one starts a new worker.
 */

const ENTRY_NAME = "plan-worker-entry.mjs";

/**
 * The entry beside this file in development and tests; in the production build (this module is
 * bundled into build/server) the source folder under the working directory, where `npm start` runs.
 */
function entryPath(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), ENTRY_NAME);
  return existsSync(here) ? here : path.resolve("app/services", ENTRY_NAME);
}

type Pending = { resolve: (result: AllocationResult) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
}

function started(): Worker {
  if (worker) return worker;
  const created = new Worker(entryPath());
  created.unref();
  created.on("message", (message: { id: number; result?: AllocationResult; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiting.reject(new Error(`allocation plan worker: ${message.error}`));
    else waiting.resolve(message.result as AllocationResult);
  });
  created.on("error", (error) => {
    if (worker === created) worker = null;
    failAll(error);
  });
  created.on("exit", (code) => {
    if (worker === created) worker = null;
    failAll(new Error(`allocation plan worker stopped (exit code ${code})`));
  });
  worker = created;
  return created;
}

/** Solves a plan on the worker thread; the inputs and the result cross by structured clone. */
export function solveAllocationOffThread(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: Omit<AllocationOptions, "routes">,
): Promise<AllocationResult> {
  const target = started();
  const id = nextId++;
  return new Promise<AllocationResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.ref();
    target.postMessage({ id, lots, facilities, options });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
}

/** Stops the worker (tests, shutdown); the next plan starts a new one. */
export async function stopPlanWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.terminate();
}
