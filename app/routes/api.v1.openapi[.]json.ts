import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "~/api/http.server.ts";
import { openApiDocument } from "~/api/openapi/document.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return json(openApiDocument(new URL(request.url).origin), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
