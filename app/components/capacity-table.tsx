import type { ReactNode } from "react";
import type { Chemistry } from "~/domain/codes.ts";
import { formatDateTime } from "~/domain/date-time.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { Money } from "./money.tsx";

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

/** "December 2026" in English, for text outside a page's language (emails, logs). */
export function monthLabel(month: string): string {
  return formatDateTime(`${month}-01T00:00:00Z`, "utcMonth");
}

function BookedBar({ row }: { row: CapacityRow }) {
  const { t } = useTranslation();
  const { tonnes } = useFormat();
  const share = row.tonnes > 0 ? Math.min(100, (row.bookedTonnes / row.tonnes) * 100) : 0;
  return (
    <div className="booked">
      <div className="bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </div>
      <small>
        {t("facilities.capacity.bookedOf", { booked: tonnes(row.bookedTonnes), offered: tonnes(row.tonnes) })}{" "}
        · <strong>{t("facilities.capacity.free", { tonnes: tonnes(row.freeTonnes) })}</strong>
      </small>
    </div>
  );
}

export function CapacityTable({
  capacity,
  actions,
  empty,
}: {
  capacity: readonly CapacityRow[];
  actions?: (row: CapacityRow) => ReactNode;
  empty?: string;
}) {
  const { t } = useTranslation();
  const { month } = useFormat();
  if (capacity.length === 0) return <p className="empty">{empty ?? t("facilities.capacity.empty")}</p>;
  const label = {
    month: t("facilities.capacity.month"),
    booked: t("facilities.capacity.bookedVsOffered"),
    price: t("facilities.capacity.pricePerTonne"),
    chemistries: t("facilities.capacity.chemistries"),
  };
  return (
    <div className="table-scroll">
      <table className="capacity-table stack-table">
        <thead>
          <tr>
            <th>{label.month}</th>
            <th>{label.booked}</th>
            <th>{label.price}</th>
            <th>{label.chemistries}</th>
            {actions ? <th aria-label={t("facilities.capacity.actions")} /> : null}
          </tr>
        </thead>
        <tbody>
          {capacity.map((row) => (
            <tr key={row.id} data-testid="capacity-row" data-month={row.month}>
              <td data-label={label.month}>
                {month(row.month)}
                {row.note ? <small className="hint block">{row.note}</small> : null}
              </td>
              <td data-label={label.booked}>
                <BookedBar row={row} />
              </td>
              <td data-label={label.price}>
                {/* In its own currency with the ISO code, the viewer's display currency beside it (ADR 051). */}
                <Money money={row.pricePerTonne} testId="capacity-price" />{" "}
                <span className={row.priceKind === "payable" ? "badge badge-ok" : "badge badge-warn"}>
                  {row.priceKind === "payable"
                    ? t("facilities.capacity.payable")
                    : t("facilities.capacity.gateFee")}
                </span>
              </td>
              <td data-label={label.chemistries}>
                {row.acceptedChemistries.map((c) => chemistryShortLabel(t, c)).join(", ")}
              </td>
              {actions ? <td className="row-actions">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
