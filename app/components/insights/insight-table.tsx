// A chart's figures as an accessible table, with the CSV download of the same rows. Suppressed
// figures read "—" (suppression.ts), explained once under the table when the table has any.
import { formatCell, type InsightTable } from "~/domain/insights/insight-tables.ts";
import { SUPPRESSION_NOTE } from "~/domain/insights/suppression.ts";

export function InsightTableView({ table, csvHref }: { table: InsightTable; csvHref: string }) {
  const suppressed = table.rows.some((row) => row.some((cell) => cell === null));
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
                <td colSpan={table.columns.length}>Nothing in this period.</td>
              </tr>
            ) : (
              table.rows.map((row) => (
                // The text cells (month, economy, chemistry, pair) name a row uniquely.
                <tr key={row.filter((cell) => typeof cell === "string").join("|")}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={table.columns[c]} scope="row">
                        {formatCell(cell, table.decimals)}
                      </th>
                    ) : (
                      <td
                        key={table.columns[c]}
                        className="num"
                        data-suppressed={cell === null ? "" : undefined}
                      >
                        {formatCell(cell, table.decimals)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {suppressed ? <p className="insight-note">{SUPPRESSION_NOTE}</p> : null}
      <p>
        <a href={csvHref} download>
          Download CSV
        </a>
      </p>
    </div>
  );
}
