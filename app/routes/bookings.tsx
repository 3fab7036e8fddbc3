import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { BookingTable, cancelBookingText } from "~/components/booking.tsx";
import { ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { cancelBooking } from "~/models/capacity-booking.server.ts";
import { listBookingsOfOrganization, toBookingJson } from "~/models/capacity-booking-list.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction = () => [{ title: "Capacity bookings · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

/**
 * The organisation's capacity bookings: those it asked for as a seller (with Cancel), and, for a
 * recycler, those its facilities received (decided on each facility's capacity page).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { organization: true });
  const [asSeller, asFacility] = await Promise.all([
    listBookingsOfOrganization(organization.id, { role: "seller" }),
    organization.capabilities.includes("recycler")
      ? listBookingsOfOrganization(organization.id, { role: "facility" })
      : Promise.resolve([]),
  ]);
  return {
    isSeller: organization.capabilities.includes("seller"),
    isRecycler: organization.capabilities.includes("recycler"),
    mine: asSeller.map(toBookingJson),
    incoming: asFacility.map(toBookingJson),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireActor(request, { organization: true });
  const form = await request.formData();
  if (String(form.get("intent") ?? "") !== "cancel")
    return data({ error: "Unknown action.", notice: null }, { status: 400 });
  // Without the confirmation (no JavaScript) the page asks first.
  if (!isConfirmed(form))
    return { error: null, notice: null, confirmBookingId: String(form.get("bookingId") ?? "") };
  const outcome = await cancelBooking({
    organizationId: organization.id,
    userId: user.id,
    bookingId: String(form.get("bookingId") ?? ""),
  });
  if (!outcome.ok) {
    return data({ error: outcome.message, notice: null }, { status: failureStatus(outcome.code) });
  }
  return { error: null, notice: `Booking for ${outcome.booking.lot.title} cancelled.` };
}

export default function Bookings() {
  const { mine, incoming, isSeller, isRecycler } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const confirmId = result && "confirmBookingId" in result ? result.confirmBookingId : null;
  const confirming = confirmId ? mine.find((b) => b.id === confirmId) : undefined;
  return (
    <div className="stack">
      <h1>Capacity bookings</h1>
      {search.get("requested") ? (
        <p className="notice" role="status">
          Booking requested. The facility will accept or decline it; you will be notified.
        </p>
      ) : null}
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmStep
          fields={{ intent: "cancel", bookingId: confirming.id }}
          text={cancelBookingText(confirming)}
          cancelTo="/bookings"
        />
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {isSeller || mine.length > 0 ? (
        <section className="card" aria-labelledby="my-bookings-heading">
          <h2 id="my-bookings-heading">Your bookings</h2>
          <BookingTable
            bookings={mine}
            cancellable
            empty="No bookings yet. Book capacity for a lot from a facility's page."
          />
          <p className="hint">
            <Link to="/facilities">Find a facility with capacity</Link>
          </p>
        </section>
      ) : null}
      {isRecycler ? (
        <section className="card" aria-labelledby="incoming-bookings-heading">
          <h2 id="incoming-bookings-heading">Bookings at your facilities</h2>
          <BookingTable bookings={incoming} empty="No bookings at your facilities yet." />
          <p className="hint">Accept or decline requests on each facility's capacity page.</p>
        </section>
      ) : null}
    </div>
  );
}
