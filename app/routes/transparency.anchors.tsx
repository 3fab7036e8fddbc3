import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { listAnchors } from "~/models/custody/anchors.server.ts";

export const meta: MetaFunction = () => [{ title: "Custody anchors · Packloop" }];

/** /transparency/anchors (public): the daily digests of every lot's chain of custody (ADR 021). */
export async function loader() {
  const anchors = await listAnchors();
  return {
    anchors: anchors.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

export default function TransparencyAnchors() {
  const { anchors } = useLoaderData<typeof loader>();
  return (
    <div className="stack" data-testid="anchors-page">
      <h1>Custody anchors</h1>
      <p>
        Every change to a lot — listing, publication, award, documents, bookings — is an event in the lot's
        chain of custody: each event's SHA-256 hash covers the previous hash and the event's canonical JSON
        (RFC 8785), so changing any recorded byte breaks the chain from that event on.
      </p>
      <p>
        Once a day Packloop publishes here one digest over the head (last sequence and hash) of every lot's
        chain. Published digests are never changed. Rewriting a lot's history after the fact — even re-hashing
        it end to end — would give heads that no longer match the digests below, so keep a copy:{" "}
        <a href="/transparency/anchors.json">anchors.json</a>.
      </p>
      <p className="hint">
        Digest = SHA-256 of the RFC 8785 JSON of <code>[{"{hash, lotId, sequence}"}, …]</code>, one entry per
        lot, sorted by lot id.
      </p>
      {anchors.length === 0 ? (
        <p className="empty">No anchor has been published yet.</p>
      ) : (
        <table data-testid="anchors-table">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Digest</th>
              <th scope="col">Lots</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {anchors.map((anchor) => (
              <tr key={anchor.day}>
                <td>{anchor.day}</td>
                <td>
                  <code className="hash">{anchor.digest}</code>
                </td>
                <td className="number">{anchor.lotCount}</td>
                <td>
                  <DateTime value={anchor.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
