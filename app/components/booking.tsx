import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { ConfirmAction } from "~/components/confirm-action.tsx";
import { Money } from "~/components/money.tsx";
import { BOOKING_STATUS_LABELS, type BookingStatus } from "~/domain/booking.ts";
import { formatMoney } from "~/domain/money.ts";

/**
 * Capacity bookings in the UI: the seller's "Book capacity" form per window (facility page), the
 * recycler's incoming requests with Accept / Decline (capacity page) and a table of bookings with
 * their status (/bookings).
 */

export interface BookableLotOption {
  lotId: string;
  label: string;
  total: { amountMinor: number; currency: string };
  priceKind: "payable" | "gate_fee";
}

/** Who pays whom, for the total next to a booking. */
function totalText(total: { amountMinor: number; currency: string }, priceKind: "payable" | "gate_fee") {
  return `${formatMoney(total)} ${priceKind === "payable" ? "paid to you" : "gate fee you pay"}`;
}

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
  const [chosen, setChosen] = useState(options[0]?.lotId ?? "");
  if (options.length === 0) return <small className="hint">None of your lots fits this window.</small>;
  const selected = options.find((o) => o.lotId === chosen) ?? options[0];
  const fieldId = `book-${windowId}`;
  return (
    <Form method="post" className="book-capacity-form" data-testid="book-capacity-form">
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="windowId" value={windowId} />
      <label htmlFor={fieldId}>Lot to book</label>
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
            {o.label}
          </option>
        ))}
      </select>
      <small className="hint block" data-testid="booking-total">
        Total: {totalText(selected.total, selected.priceKind)}
      </small>
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button">
        Book capacity
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
  return <span className={STATUS_BADGE[status]}>{BOOKING_STATUS_LABELS[status]}</span>;
}

/** The recycler's incoming requests, each with Accept and Decline (with an optional note). */
export function BookingRequests({
  bookings,
  error,
}: {
  bookings: readonly BookingView[];
  error?: string | null;
}) {
  if (bookings.length === 0) return <p className="empty">No booking requests waiting.</p>;
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
            <th>Lot</th>
            <th>Seller</th>
            <th>Month</th>
            <th>Tonnes</th>
            <th>Total</th>
            <th aria-label="Decision" />
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-testid="booking-request">
              <td data-label="Lot">
                <Link to={`/lots/${b.lot.id}`}>{b.lot.reference}</Link> {b.lot.title}
              </td>
              <td data-label="Seller">{b.seller.name}</td>
              <td data-label="Month">{b.month}</td>
              <td className="number" data-label="Tonnes">
                {b.tonnes} t
              </td>
              <td className="number" data-label="Total">
                <Money money={b.total} /> {b.priceKind === "payable" ? "payable" : "gate fee"}
              </td>
              <td className="row-actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <button type="submit" className="button">
                    Accept
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <input
                    name="decisionNote"
                    aria-label="Note to the seller"
                    placeholder="Note (optional)"
                    maxLength={500}
                  />
                  <button type="submit" className="button button-secondary">
                    Decline
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

/** What cancelling a booking does, for its confirmation (issue 15 item 7). */
export function cancelBookingText(b: Pick<BookingView, "status" | "tonnes" | "month" | "facility" | "lot">) {
  const accepted = b.status === "accepted";
  return {
    title: accepted ? "Cancel this accepted booking?" : "Withdraw this booking request?",
    consequence: accepted
      ? `The ${b.tonnes} t booked at ${b.facility.name} for ${b.month} go back to the facility, the booking's deal ends and the facility is told. ${b.lot.reference} has no capacity reserved after that.`
      : `The request for ${b.tonnes} t at ${b.facility.name} for ${b.month} is withdrawn and the facility is told.`,
    confirmLabel: accepted ? "Cancel the booking" : "Withdraw the request",
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
  if (bookings.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <thead>
          <tr>
            <th>Lot</th>
            <th>Facility</th>
            <th>Month</th>
            <th>Tonnes</th>
            <th>Total</th>
            <th>Status</th>
            {cancellable ? <th aria-label="Actions" /> : null}
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-testid="booking-row" data-status={b.status}>
              <td data-label="Lot">
                <Link to={`/lots/${b.lot.id}`}>{b.lot.reference}</Link> {b.lot.title}
              </td>
              <td data-label="Facility">
                <Link to={`/facilities/${b.facility.id}`}>{b.facility.name}</Link>
              </td>
              <td data-label="Month">{b.month}</td>
              <td className="number" data-label="Tonnes">
                {b.tonnes} t
              </td>
              <td className="number" data-label="Total">
                <Money money={b.total} /> {b.priceKind === "payable" ? "payable" : "gate fee"}
              </td>
              <td data-label="Status">
                <BookingStatusBadge status={b.status} />
                {b.decisionNote ? <small className="hint block">“{b.decisionNote}”</small> : null}
                {b.awardId ? <small className="hint block">Reserved for an award</small> : null}
              </td>
              {cancellable ? (
                <td className="row-actions">
                  {(b.status === "requested" || b.status === "accepted") && !b.awardId ? (
                    <ConfirmAction
                      fields={{ intent: "cancel", bookingId: b.id }}
                      label="Cancel"
                      buttonClassName="button-link"
                      text={cancelBookingText(b)}
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
