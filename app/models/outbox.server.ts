import { db } from "~/utils/db.server.ts";

export interface OutboxFilters {
  /** Part of the recipient's address, any case ("buyer@" finds buyer@packloop.test). */
  to: string;
  /** One kind exactly (outbid, password_reset…); "" for every kind. */
  kind: string;
}

export async function listOutbox(options: { limit: number; offset: number; filters?: OutboxFilters }) {
  const { to = "", kind = "" } = options.filters ?? {};
  const where = {
    ...(to ? { to: { contains: to, mode: "insensitive" as const } } : {}),
    ...(kind ? { kind } : {}),
  };
  const [emails, total] = await Promise.all([
    db().outboxEmail.findMany({
      where,
      // The id breaks ties (emails of one transaction share createdAt) so pages never repeat or skip one.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit,
      skip: options.offset,
    }),
    db().outboxEmail.count({ where }),
  ]);
  return { emails, total };
}

/** Every kind the outbox holds, for the filter's choices. */
export async function outboxKinds(): Promise<string[]> {
  const rows = await db().outboxEmail.groupBy({ by: ["kind"], orderBy: { kind: "asc" } });
  return rows.map((r) => r.kind);
}
