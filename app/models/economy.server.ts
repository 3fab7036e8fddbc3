import { db } from "~/utils/db.server.ts";

export async function listEconomies() {
  return db().economy.findMany({ orderBy: { name: "asc" } });
}
