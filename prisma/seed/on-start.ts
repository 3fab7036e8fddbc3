import type { Database, DatabaseTarget } from "../../app/utils/db.server.ts";
import { hashPassword } from "../../app/utils/password.server.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, seedEconomies } from "./demo.ts";

/**
 * What `npm start` seeds:
 *  - the 21 APEC economies, always (reference data every form needs; only missing rows are added);
 *  - the demo marketplace only on an empty embedded database, unless SEED_DEMO=false. PostgreSQL
 *    is never given demo data here unless SEED_DEMO=true; `npm run db:seed` seeds it explicitly.
 */
export async function seedOnStart(
  database: Database,
  options: { target: DatabaseTarget; seedDemo: "true" | "false" | undefined; log: (line: string) => void },
) {
  await seedEconomies(database.prisma);
  const wanted =
    options.seedDemo === "true" || (options.seedDemo !== "false" && options.target.kind === "pglite");
  if (!wanted) return;
  const result = await seedDemo(database.prisma, {
    now: new Date(),
    passwordHash: await hashPassword(DEMO_PASSWORD),
    log: options.log,
  });
  if (!result.seeded) return;
  options.log(
    `Seeded demo data. Demo log-ins (password "${DEMO_PASSWORD}"): ${Object.values(DEMO_ACCOUNTS).join(", ")}`,
  );
}
