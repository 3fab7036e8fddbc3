import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Work done once per page request instead of once per loader (ADR 053). A document request runs
 * the root loader and the page's loader side by side, each with its own copy of the Request (Remix
 * strips its internal search parameters into a new one per loader), and each asked the database
 * for the session, the user and the memberships again: five queries twice on every signed-in page.
 *
 * remixHandler runs every GET and HEAD request inside a scope; inside it `requestMemo(key, fn)`
 * runs `fn` once per key and hands every caller the same promise. Only reads: an action may change
 * what a later loader of the same request reads (a log-in, a switch of organisation), so requests
 * that can run actions get no scope. Outside a scope (tests, scripts, actions) `fn` simply runs.
 *
 * The storage lives on globalThis: the server's modules and the Remix build's copy of them must
 * share one.
 */
type Scope = Map<string, Promise<unknown>>;

const holder = globalThis as { packloopRequestMemo?: AsyncLocalStorage<Scope> };
holder.packloopRequestMemo ??= new AsyncLocalStorage<Scope>();
const storage = holder.packloopRequestMemo;

/** Runs `fn` in a fresh scope: what it memoises is seen by it and the work it starts, no one else. */
export function withRequestMemo<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** `compute()` once per key and scope; a failure is not kept (the next caller tries again). */
export function requestMemo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return compute();
  const known = scope.get(key) as Promise<T> | undefined;
  if (known) return known;
  const value = compute();
  scope.set(key, value);
  value.catch(() => {
    if (scope.get(key) === value) scope.delete(key);
  });
  return value;
}

/** What the request has memoised under `key`, without computing it; undefined outside a scope too. */
export function memoised<T>(key: string): Promise<T> | undefined {
  return storage.getStore()?.get(key) as Promise<T> | undefined;
}
