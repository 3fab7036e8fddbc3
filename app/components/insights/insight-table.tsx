// A chart's figures as an accessible table, with the CSV download of the same rows. Suppressed
// figures read "—" (suppression.ts), explained once under the table when the table has any. The
// page builds the table with its own language's words; the CSV keeps English (insight-tables.ts).

import type { Cell, InsightTable } from "~/domain/insights/insight-tables.ts";
import { SUPPRESSED_MARK } from "~/domain/insights/suppression.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { SuppressionNote } from "./suppression-note.tsx";

export function InsightTableView({ table, csvHref }: { table: InsightTable; csvHref: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const suppressed = table.rows.some((row) => row.some((cell) => cell === null));
  const formatCell = (cell: Cell) => {
    if (typeof cell === "string") return cell;
    if (cell === null) return SUPPRESSED_MARK;
    return format.number(cell, { maxDecimals: table.decimals });
  };
  return (
    <div className="insight-table" data-testid={`insight-table-${table.id}`}>
      <div className="table-scroll">
        <table>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((column, i) => (
                <th key={column} scope="col" className={i === 0 ? undefined : "num"}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length}>{t("insights.table.empty")}</td>
              </tr>
            ) : (
              table.rows.map((row) => (
                // The text cells (month, economy, chemistry, pair) name a row uniquely.
                <tr key={row.filter((cell) => typeof cell === "string").join("|")}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={table.columns[c]} scope="row">
                        {formatCell(cell)}
                      </th>
                    ) : (
                      <td
                        key={table.columns[c]}
                        className="num"
                        data-suppressed={cell === null ? "" : undefined}
                      >
                        {formatCell(cell)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {suppressed ? (
        <p className="insight-note">
          <SuppressionNote />
        </p>
      ) : null}
      <p>
        <a href={csvHref} download>
          {t("insights.table.downloadCsv")}
        </a>
      </p>
    </div>
  );
}
