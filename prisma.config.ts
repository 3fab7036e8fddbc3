import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; it needs no database. Migrations are our own SQL files
// applied by `npm run db:migrate` (see docs/decisions/002-migrations.md), so no URL is required
// here: the embedded default database has none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL?.startsWith("postgres")
      ? process.env.DATABASE_URL
      : "postgresql://placeholder@localhost:5432/packloop",
  },
});
