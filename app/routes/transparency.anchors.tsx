import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { DateTime } from "~/components/date-time.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listAnchors } from "~/models/custody/anchors.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "transparency.title") },
];

/** /transparency/anchors (public): the daily digests of every lot's chain of custody (ADR 021). */
export async function loader() {
  const anchors = await listAnchors();
  return {
    anchors: anchors.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

export default function TransparencyAnchors() {
  const { anchors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="stack" data-testid="anchors-page">
      <h1>{t("transparency.title")}</h1>
      <p>{t("transparency.chain")}</p>
      <p>
        <Trans
          i18nKey="transparency.daily"
          components={{ json: <a href="/transparency/anchors.json">anchors.json</a> }}
        />
      </p>
      <p className="hint">
        <Trans
          i18nKey="transparency.digest"
          values={{ entry: "[{hash, lotId, sequence}, …]" }}
          components={{ code: <code /> }}
        />
      </p>
      {anchors.length === 0 ? (
        <p className="empty">{t("transparency.empty")}</p>
      ) : (
        <table data-testid="anchors-table">
          <thead>
            <tr>
              <th scope="col">{t("transparency.table.day")}</th>
              <th scope="col">{t("transparency.table.digest")}</th>
              <th scope="col">{t("transparency.table.lots")}</th>
              <th scope="col">{t("transparency.table.published")}</th>
            </tr>
          </thead>
          <tbody>
            {anchors.map((anchor) => (
              <tr key={anchor.day}>
                <td>{anchor.day}</td>
                <td>
                  <code className="hash">{anchor.digest}</code>
                </td>
                <td className="number">{format.number(anchor.lotCount)}</td>
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
