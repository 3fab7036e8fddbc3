// `npm run db:seed`: migrates the database named by DATABASE_URL (unset = embedded PGlite in
// ./data), refreshes the APEC economies and, when the database holds no users or organisations,
// fills it with the demo marketplace. Log in with any of DEMO_ACCOUNTS and DEMO_PASSWORD.
import { closeDatabase, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { DEMO_ACCOUNT_DETAILS, DEMO_PASSWORD, seedDemo, seedEconomies } from "./seed/demo.ts";

async function main(): Promise<void> {
  const database = getDatabase();
  const target =
    database.target.kind === "pglite" ? `PGlite (${database.target.dataDir ?? "in memory"})` : "PostgreSQL";
  console.log(`Seeding ${target}`);

  const migrations = await database.withConnection((sql) =>
    migrate(sql, { log: (line) => console.log(line) }),
  );
  console.log(
    `migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already applied`,
  );

  const economies = await seedEconomies(database.prisma);
  console.log(`economies: ${economies} upserted`);

  const started = performance.now();
  const result = await seedDemo(database.prisma, {
    now: new Date(),
    passwordHash: await hashPassword(DEMO_PASSWORD),
    log: (line) => console.log(line),
  });
  if (result.seeded) {
    console.log(`demo data written in ${Math.round(performance.now() - started)} ms`);
    console.log(`demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNT_DETAILS) console.log(`  ${account.email.padEnd(26)} ${account.role}`);
  } else {
    console.log("The database already has users or organisations; demo data was left out.");
  }
}

main()
  .then(closeDatabase)
  .catch(async (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await closeDatabase().catch(() => {});
    process.exitCode = 1;
  });
