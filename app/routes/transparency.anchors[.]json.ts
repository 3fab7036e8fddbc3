import { listAnchors } from "~/models/custody/anchors.server.ts";

/**
 * GET /transparency/anchors.json (public): every daily anchor, newest first. Archive it: a chain
 * rewritten later no longer yields the heads these digests were made from (ADR 021).
 */
export async function loader() {
  const anchors = await listAnchors();
  return Response.json(
    {
      algorithm:
        "SHA-256 over the RFC 8785 JSON of [{hash, lotId, sequence}] of every lot chain's head, sorted by lotId",
      anchors: anchors.map((a) => ({
        day: a.day,
        digest: a.digest,
        lotCount: a.lotCount,
        createdAt: a.createdAt.toISOString(),
      })),
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
}
