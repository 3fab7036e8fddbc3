/** The same server as `base`, but database `name`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connection for CREATE/DROP DATABASE: the database named in TEST_DATABASE_URL itself. */
export function adminUrl(base: string): string {
  return base;
}
