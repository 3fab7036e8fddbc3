import { db } from "~/utils/db.server.ts";

export async function listOutbox(options: { limit: number; offset: number }) {
  const [emails, total] = await Promise.all([
    db().outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: options.limit, skip: options.offset }),
    db().outboxEmail.count(),
  ]);
  return { emails, total };
}
