import type { PGlite, Transaction } from "@electric-sql/pglite";

/**
 * A number that moves whenever the embedded database may have changed (ADR 068): the page cache
 * (page-cache.server.ts) keeps a rendered page only while it stays the same. Counted at the driver,
 * below Prisma and our raw SQL alike, so no write path can forget to say it wrote.
 *
 * It moves after every statement that may write, once that statement has finished, and again
 * after every transaction that held one has ended: a page rendered while a transaction was still
 * open is stored under a number that the commit leaves behind, so it is never served afterwards.
 * Reads (SELECT, and WITH queries that modify nothing) do not move it, so pages can be cached at all.
 *
 * Only for PGlite: one process owns its data folder (ADR 024), so every write passes through here.
 * On PostgreSQL other instances write too and this process would not see them.
 */

const READ = /^(SELECT|SHOW|EXPLAIN|LISTEN|UNLISTEN|VALUES|TABLE)\b/i;
const MODIFYING =
  /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|INTO|COPY|CREATE|ALTER|DROP|REFRESH|CALL|DO|SETVAL)\b/i;

/**
 * Whether a statement cannot change what a page shows. Errs towards "may write": a read wrongly
 * counted as a write only costs a cache miss, the other way round would serve a stale page.
 */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql
    .replace(/--[^\n]*(\n|$)/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .trim();
  if (READ.test(text)) return !MODIFYING.test(text);
  if (/^WITH\b/i.test(text)) return !MODIFYING.test(text);
  return false;
}

type Queryable = Pick<PGlite, "query" | "exec">;

/** The current count; equal before and after a render when nothing was written meanwhile. */
export type WriteCount = () => number;

/** Installs the counter on `pglite` (its query, exec and transaction methods) and returns it. */
export function countWrites(pglite: PGlite): WriteCount {
  let count = 0;
  const bump = () => {
    count += 1;
  };
  // Wraps query/exec of `target` so a statement that may write moves the count when it finishes.
  const watch = <T extends Queryable>(target: T, wrote: () => void): Pick<T, "query" | "exec"> => {
    const watched =
      (run: (sql: string, ...rest: unknown[]) => Promise<unknown>) =>
      async (sql: string, ...rest: unknown[]) => {
        try {
          return await run(sql, ...rest);
        } finally {
          if (!isReadOnlyStatement(sql)) wrote();
        }
      };
    return {
      query: watched(target.query.bind(target) as never) as T["query"],
      exec: watched(target.exec.bind(target) as never) as T["exec"],
    };
  };

  Object.assign(pglite, watch(pglite, bump));
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (async <T>(callback: (tx: Transaction) => Promise<T>) => {
    let wrote = false;
    try {
      return await transaction((tx) => {
        const watched = watch(tx, () => {
          wrote = true;
          bump();
        });
        // The adapter calls other methods too (rollback, closed): those go to the transaction itself.
        const proxy = new Proxy(tx, {
          get(target, property) {
            if (property === "query" || property === "exec") return watched[property];
            const value = Reflect.get(target, property, target);
            return typeof value === "function" ? value.bind(target) : value;
          },
        });
        return callback(proxy);
      });
    } finally {
      // After the commit (or the rollback): pages rendered before it are left behind.
      if (wrote) bump();
    }
  }) as PGlite["transaction"];
  return () => count;
}
