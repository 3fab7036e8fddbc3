/**
 * The one way to run background work on a timer (the sale sweep, the payments outbox, the custody
 * anchor): the timer does not keep the process alive, a pass still running when the next tick comes
 * is skipped rather than overlapped, and errors are reported, never thrown. Returns the stop
 * function (server.ts calls it on shutdown).
 */
export function startBackgroundLoop(
  pass: () => Promise<unknown>,
  report: (error: unknown) => void,
  intervalMs: number,
  options: { runAtStart?: boolean } = {},
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    pass()
      .catch(report)
      .finally(() => {
        running = false;
      });
  };
  if (options.runAtStart) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
