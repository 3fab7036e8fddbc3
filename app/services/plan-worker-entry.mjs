// The allocation-plan worker thread's entry (plan-worker.server.ts starts it). Plain JavaScript, so
// Node runs it as is in development, tests and production alike; it loads the TypeScript solve
// through tsx's API (tsx runs the server, so it is always installed).
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { solveAllocation } = await tsImport("./plan-worker-solve.ts", import.meta.url);

parentPort.on("message", async ({ id, lots, facilities, options }) => {
  try {
    const result = await solveAllocation(lots, facilities, options);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
