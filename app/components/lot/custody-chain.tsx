import { DateTime } from "~/components/date-time.tsx";
import type { CustodyChainView } from "~/domain/custody/chain-view.ts";

/**
 * The lot's chain of custody (ADR 021): its latest events — sequence, what happened, when, who and
 * the start of each event's hash — and whether the whole chain verifies, or where it breaks.
 */
export function CustodyChainSection({ lotId, chain }: { lotId: string; chain: CustodyChainView }) {
  return (
    <section className="card" aria-labelledby="custody-heading" data-testid="lot-custody">
      <h2 id="custody-heading">Chain of custody</h2>
      {chain.total === 0 ? (
        <p className="empty">No custody events yet.</p>
      ) : (
        <>
          <p>
            {chain.verified ? (
              <span className="custody-verdict custody-verified" data-testid="custody-verdict">
                ✓ Verified: all {chain.total} events
              </span>
            ) : (
              <span className="custody-verdict custody-broken" data-testid="custody-verdict" role="alert">
                ✗ Broken at {chain.brokenAt}
              </span>
            )}{" "}
            {chain.message ? <span className="hint">{chain.message}</span> : null}
            {chain.head ? (
              <span className="hint">
                {" "}
                Head <code className="hash">{chain.head}</code>
              </span>
            ) : null}
          </p>
          {chain.total > chain.events.length ? (
            <p className="hint">
              The latest {chain.events.length} of {chain.total} events;{" "}
              <a href={`/api/v1/lots/${lotId}/custody`}>all of them as JSON</a>.
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="custody-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Event</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {chain.events.map((event) => (
                  <tr
                    key={event.sequence}
                    className={chain.brokenAt === event.sequence ? "custody-bad" : undefined}
                  >
                    <td className="number">{event.sequence}</td>
                    <td>
                      {event.label}
                      {event.corrects ? <span className="hint"> (corrects #{event.corrects})</span> : null}
                    </td>
                    <td>
                      <DateTime value={event.occurredAt} />
                    </td>
                    <td>{event.who ?? "Packloop"}</td>
                    <td>
                      <code className="hash" title={event.hash}>
                        {event.shortHash}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
