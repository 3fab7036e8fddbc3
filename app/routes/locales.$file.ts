import type { LoaderFunctionArgs } from "@remix-run/node";
import { servedCatalogue } from "~/i18n/i18n.server.ts";
import { isLanguageCode } from "~/i18n/languages.ts";

const FILE = /^(?<language>[A-Za-z-]+?)(?:\.(?<hash>[0-9a-f]{12}))?\.json$/;

/**
 * A language's message catalogue for the browser (ADR 062). `/locales/ja.<hash>.json` is the
 * address pages name: its content never changes, so it is cached for a year. Any other hash (a page
 * rendered before a deploy) and the bare `/locales/ja.json` get today's catalogue, revalidated on
 * every use.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  const match = FILE.exec(params.file ?? "");
  const language = match?.groups?.language;
  if (!isLanguageCode(language)) return new Response("No such catalogue.", { status: 404 });
  const { json, hash } = servedCatalogue(language);
  const etag = `"${hash}"`;
  const current = match?.groups?.hash === hash;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    ETag: etag,
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(json, { headers });
}
