import type { ImportIssue } from "~/domain/lot-import-columns.ts";
import { importIssueText } from "~/i18n/lot-problems.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The problems found in an import file, one per line and field, as the person must fix them.
 * `more` counts the problems left out of a long list, so nobody mistakes the cap for the total.
 */
export function ImportIssuesTable({
  issues,
  more,
  caption,
}: {
  issues: readonly ImportIssue[];
  more: number;
  caption: string;
}) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div className="import-issues">
      <table data-testid="import-issues">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("listing.import.line")}</th>
            <th scope="col">{t("listing.import.column")}</th>
            <th scope="col">{t("listing.import.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, index) => (
            // Several problems may share a line and field; the position keeps keys unique.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            <tr key={index}>
              <td className="import-line">{issue.line ?? t("listing.import.file")}</td>
              <td>{issue.field ? <code>{issue.field}</code> : "—"}</td>
              <td>{importIssueText(t, issue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? (
        <p className="import-more" data-testid="import-issues-more">
          {t("listing.import.more", { count: more })}
        </p>
      ) : null}
    </div>
  );
}
