import { DateTime } from "~/components/date-time.tsx";
import type { CustodyChainView } from "~/domain/custody/chain-view.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useLotWords } from "./use-lot-words.ts";

/**
 * The lot's chain of custody (ADR 021): its latest events — sequence, what happened, when, who and
 * the start of each event's hash — and whether the whole chain verifies, or where it breaks.
 */
export function CustodyChainSection({ lotId, chain }: { lotId: string; chain: CustodyChainView }) {
  // In the page's language (issue 14): each event's kind and a break's reason are worded from codes.
  const { t } = useTranslation();
  const words = useLotWords();
  return (
    <section className="card" aria-labelledby="custody-heading" data-testid="lot-custody">
      <h2 id="custody-heading">{t("lot.custody.heading")}</h2>
      {chain.total === 0 ? (
        <p className="empty">{t("lot.custody.none")}</p>
      ) : (
        <>
          <p>
            {chain.verified ? (
              <span className="custody-verdict custody-verified" data-testid="custody-verdict">
                ✓ {t("lot.custody.verified", { total: chain.total })}
              </span>
            ) : (
              <span className="custody-verdict custody-broken" data-testid="custody-verdict" role="alert">
                ✗ {t("lot.custody.brokenAt", { sequence: chain.brokenAt })}
              </span>
            )}{" "}
            {chain.reason && chain.brokenAt !== null ? (
              <span className="hint">{words.chainBreak(chain.reason, chain.brokenAt)}</span>
            ) : null}
            {chain.head ? (
              <span className="hint">
                {" "}
                {t("lot.custody.head")} <code className="hash">{chain.head}</code>
              </span>
            ) : null}
          </p>
          {chain.total > chain.events.length ? (
            <p className="hint">
              {t("lot.custody.latest", { shown: chain.events.length, total: chain.total })}{" "}
              <a href={`/api/v1/lots/${lotId}/custody`}>{t("lot.custody.allJson")}</a>
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="custody-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("lot.custody.event")}</th>
                  <th scope="col">{t("lot.custody.when")}</th>
                  <th scope="col">{t("lot.custody.who")}</th>
                  <th scope="col">{t("lot.custody.hash")}</th>
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
                      <span data-testid="custody-kind">{words.custodyKind(event.kind)}</span>
                      {event.corrects ? (
                        <span className="hint">
                          {" "}
                          {t("lot.custody.corrects", { sequence: event.corrects })}
                        </span>
                      ) : null}
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
