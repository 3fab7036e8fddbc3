import { Form, Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { ConfirmAction, type ConfirmText } from "~/components/confirm-action.tsx";
import { Money } from "~/components/money.tsx";
import { BOOKING_STATUS_LABELS, type BookingStatus } from "~/domain/booking.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * Capacity bookings in the UI: the seller's "Book capacity" form per window (facility page), the
 * recycler's incoming requests with Accept / Decline (capacity page) and a table of bookings with
 * their status (/bookings).
 */

export interface BookableLotOption {
  lotId: string;
  reference: string;
  title: string;
  massKg: number;
  total: { amountMinor: number; currency: string };
  priceKind: "payable" | "gate_fee";
}

type Format = ReturnType<typeof useFormat>;

/** One window's "Book capacity" form: choose one of the seller's eligible lots, see the total. */
export function BookCapacityForm({
  windowId,
  options,
  error,
}: {
  windowId: string;
  options: readonly BookableLotOption[];
  error?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [chosen, setChosen] = useState(options[0]?.lotId ?? "");
  if (options.length === 0) return <small className="hint">{t("bookings.form.noLot")}</small>;
  const selected = options.find((o) => o.lotId === chosen) ?? options[0];
  const fieldId = `book-${windowId}`;
  return (
    <Form method="post" className="book-capacity-form" data-testid="book-capacity-form">
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="windowId" value={windowId} />
      <label htmlFor={fieldId}>{t("bookings.form.lotToBook")}</label>
      <select
        id={fieldId}
        name="lotId"
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.lotId} value={o.lotId}>
            {`${o.reference} · ${o.title} · ${f.kgAsTonnes(o.massKg)}`}
          </option>
        ))}
      </select>
      <small className="hint block" data-testid="booking-total">
        {/* Who pays whom: the seller is paid for payable lots and pays a gate fee otherwise. */}
        {t(selected.priceKind === "payable" ? "bookings.form.totalPaidToYou" : "bookings.form.totalGateFee", {
          amount: f.money(selected.total),
        })}
      </small>
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button">
        {t("bookings.form.book")}
      </button>
    </Form>
  );
}

/** A booking as the pages show it (toBookingJson). */
export interface BookingView {
  id: string;
  status: BookingStatus;
  month: string;
  facility: { id: string; name: string };
  lot: { id: string; reference: string; title: string };
  seller: { id: string; name: string };
  tonnes: number;
  total: { amountMinor: number; currency: string };
  priceKind: "payable" | "gate_fee";
  awardId: string | null;
  decisionNote: string | null;
}

const STATUS_BADGE: Record<BookingStatus, string> = {
  requested: "badge badge-warn",
  accepted: "badge badge-ok",
  declined: "badge badge-danger",
  cancelled: "badge",
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={STATUS_BADGE[status]}>
      {t(`bookings.status.${status}`, { defaultValue: BOOKING_STATUS_LABELS[status] })}
    </span>
  );
}

/** The booking's total and who pays it: "USD 500.00 gate fee". */
function BookingTotal({ booking }: { booking: Pick<BookingView, "total" | "priceKind"> }) {
  const { t } = useTranslation();
  return (
    <>
      <Money money={booking.total} />{" "}
      {booking.priceKind === "payable" ? t("bookings.table.payable") : t("bookings.table.gateFee")}
    </>
  );
}

/** The recycler's incoming requests, each with Accept and Decline (with an optional note). */
export function BookingRequests({
  bookings,
  error,
}: {
  bookings: readonly BookingView[];
  error?: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (bookings.length === 0) return <p className="empty">{t("bookings.requests.none")}</p>;
  return (
    <div className="table-scroll">
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="stack-table booking-requests">
        <thead>
          <tr>
            <th>{t("bookings.table.lot")}</th>
            <th>{t("bookings.table.seller")}</th>
            <th>{t("bookings.table.month")}</th>
            <th>{t("bookings.table.tonnes")}</th>
            <th>{t("bookings.table.total")}</th>
            <th aria-label={t("bookings.table.decision")} />
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-testid="booking-request">
              <td data-label={t("bookings.table.lot")}>
                <Link to={`/lots/${b.lot.id}`}>{b.lot.reference}</Link> {b.lot.title}
              </td>
              <td data-label={t("bookings.table.seller")}>{b.seller.name}</td>
              <td data-label={t("bookings.table.month")}>{f.month(b.month)}</td>
              <td className="number" data-label={t("bookings.table.tonnes")}>
                {f.tonnes(b.tonnes)}
              </td>
              <td className="number" data-label={t("bookings.table.total")}>
                <BookingTotal booking={b} />
              </td>
              <td className="row-actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <button type="submit" className="button">
                    {t("bookings.requests.accept")}
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <input
                    name="decisionNote"
                    aria-label={t("bookings.requests.noteLabel")}
                    placeholder={t("bookings.requests.notePlaceholder")}
                    maxLength={500}
                  />
                  <button type="submit" className="button button-secondary">
                    {t("bookings.requests.decline")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What cancelling a booking does, for its confirmation (issue 15 item 7), in the page's language. */
export function cancelBookingText(
  t: TFunction,
  f: Format,
  b: Pick<BookingView, "status" | "tonnes" | "month" | "facility" | "lot">,
): ConfirmText {
  const facts = {
    tonnes: f.tonnes(b.tonnes),
    facility: b.facility.name,
    month: f.month(b.month),
    reference: b.lot.reference,
  };
  const accepted = b.status === "accepted";
  return accepted
    ? {
        title: t("bookings.cancel.acceptedTitle"),
        consequence: t("bookings.cancel.acceptedConsequence", facts),
        confirmLabel: t("bookings.cancel.acceptedConfirm"),
      }
    : {
        title: t("bookings.cancel.requestTitle"),
        consequence: t("bookings.cancel.requestConsequence", facts),
        confirmLabel: t("bookings.cancel.requestConfirm"),
      };
}

/** Bookings with their status; `cancellable` adds a Cancel button for the seller's live ones. */
export function BookingTable({
  bookings,
  cancellable = false,
  empty,
}: {
  bookings: readonly BookingView[];
  cancellable?: boolean;
  empty: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (bookings.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <thead>
          <tr>
            <th>{t("bookings.table.lot")}</th>
            <th>{t("bookings.table.facility")}</th>
            <th>{t("bookings.table.month")}</th>
            <th>{t("bookings.table.tonnes")}</th>
            <th>{t("bookings.table.total")}</th>
            <th>{t("bookings.table.status")}</th>
            {cancellable ? <th aria-label={t("bookings.table.actions")} /> : null}
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-testid="booking-row" data-status={b.status}>
              <td data-label={t("bookings.table.lot")}>
                <Link to={`/lots/${b.lot.id}`}>{b.lot.reference}</Link> {b.lot.title}
              </td>
              <td data-label={t("bookings.table.facility")}>
                <Link to={`/facilities/${b.facility.id}`}>{b.facility.name}</Link>
              </td>
              <td data-label={t("bookings.table.month")}>{f.month(b.month)}</td>
              <td className="number" data-label={t("bookings.table.tonnes")}>
                {f.tonnes(b.tonnes)}
              </td>
              <td className="number" data-label={t("bookings.table.total")}>
                <BookingTotal booking={b} />
              </td>
              <td data-label={t("bookings.table.status")}>
                <BookingStatusBadge status={b.status} />
                {b.decisionNote ? <small className="hint block">“{b.decisionNote}”</small> : null}
                {b.awardId ? (
                  <small className="hint block">{t("bookings.table.reservedForAward")}</small>
                ) : null}
              </td>
              {cancellable ? (
                <td className="row-actions">
                  {(b.status === "requested" || b.status === "accepted") && !b.awardId ? (
                    <ConfirmAction
                      fields={{ intent: "cancel", bookingId: b.id }}
                      label={t("bookings.table.cancel")}
                      buttonClassName="button-link"
                      text={cancelBookingText(t, f, b)}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
