import type { ReactNode } from "react";
import { CHEMISTRY_SHORT_LABELS, type Chemistry } from "~/domain/codes.ts";
import { formatDateTime } from "~/domain/date-time.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatTonnes } from "~/domain/quantity.ts";

/** A capacity window as toFacilityJson shapes it. */
export interface CapacityRow {
  id: string;
  month: string;
  tonnes: number;
  bookedTonnes: number;
  freeTonnes: number;
  pricePerTonne: { amountMinor: number; currency: string };
  priceKind: "payable" | "gate_fee";
  acceptedChemistries: Chemistry[];
  note: string | null;
}

export function monthLabel(month: string): string {
  return formatDateTime(`${month}-01T00:00:00Z`, "utcMonth");
}

const tonnes = (t: number) => formatTonnes(t);

function BookedBar({ row }: { row: CapacityRow }) {
  const share = row.tonnes > 0 ? Math.min(100, (row.bookedTonnes / row.tonnes) * 100) : 0;
  return (
    <div className="booked">
      <div className="bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </div>
      <small>
        {tonnes(row.bookedTonnes)} booked of {tonnes(row.tonnes)} ·{" "}
        <strong>{tonnes(row.freeTonnes)} free</strong>
      </small>
    </div>
  );
}

export function CapacityTable({
  capacity,
  actions,
  empty = "No capacity posted for this month or later.",
}: {
  capacity: readonly CapacityRow[];
  actions?: (row: CapacityRow) => ReactNode;
  empty?: string;
}) {
  if (capacity.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="capacity-table stack-table">
        <thead>
          <tr>
            <th>Month</th>
            <th>Booked vs offered</th>
            <th>Price per tonne</th>
            <th>Chemistries</th>
            {actions ? <th aria-label="Actions" /> : null}
          </tr>
        </thead>
        <tbody>
          {capacity.map((row) => (
            <tr key={row.id} data-testid="capacity-row" data-month={row.month}>
              <td data-label="Month">
                {monthLabel(row.month)}
                {row.note ? <small className="hint block">{row.note}</small> : null}
              </td>
              <td data-label="Booked vs offered">
                <BookedBar row={row} />
              </td>
              <td data-label="Price per tonne">
                {formatMoney(row.pricePerTonne)}{" "}
                <span className={row.priceKind === "payable" ? "badge badge-ok" : "badge badge-warn"}>
                  {row.priceKind === "payable" ? "payable" : "gate fee"}
                </span>
              </td>
              <td data-label="Chemistries">
                {row.acceptedChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c]).join(", ")}
              </td>
              {actions ? <td className="row-actions">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
