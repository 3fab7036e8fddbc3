import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { BookingTable, cancelBookingText } from "~/components/booking.tsx";
import { ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { bookingRefusalIn } from "~/i18n/refusal-words.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { cancelBooking } from "~/models/capacity-booking.server.ts";
import { listBookingsOfOrganization, toBookingJson } from "~/models/capacity-booking-list.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "bookings.title") }];
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
  // What the page says back is in its language (ADR 054); a refusal by its code, else the model's English.
  const t = pageTranslator(request, user.language);
  if (String(form.get("intent") ?? "") !== "cancel")
    return data({ error: t("bookings.errors.unknownAction"), notice: null }, { status: 400 });
  // Without the confirmation (no JavaScript) the page asks first.
  if (!isConfirmed(form))
    return { error: null, notice: null, confirmBookingId: String(form.get("bookingId") ?? "") };
  const outcome = await cancelBooking({
    organizationId: organization.id,
    userId: user.id,
    bookingId: String(form.get("bookingId") ?? ""),
  });
  if (!outcome.ok) {
    return data(
      { error: bookingRefusalIn(requestLanguage(request, user.language), outcome), notice: null },
      { status: failureStatus(outcome.code) },
    );
  }
  return { error: null, notice: t("bookings.cancelled", { title: outcome.booking.lot.title }) };
}

export default function Bookings() {
  const { t } = useTranslation();
  const f = useFormat();
  const { mine, incoming, isSeller, isRecycler } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const confirmId = result && "confirmBookingId" in result ? result.confirmBookingId : null;
  const confirming = confirmId ? mine.find((b) => b.id === confirmId) : undefined;
  return (
    <div className="stack">
      <h1>{t("bookings.title")}</h1>
      {search.get("requested") ? (
        <p className="notice" role="status">
          {t("bookings.requested")}
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
          text={cancelBookingText(t, f, confirming)}
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
          <h2 id="my-bookings-heading">{t("bookings.mine.heading")}</h2>
          <BookingTable bookings={mine} cancellable empty={t("bookings.mine.empty")} />
          <p className="hint">
            <Link to="/facilities">{t("bookings.mine.findFacility")}</Link>
          </p>
        </section>
      ) : null}
      {isRecycler ? (
        <section className="card" aria-labelledby="incoming-bookings-heading">
          <h2 id="incoming-bookings-heading">{t("bookings.incoming.heading")}</h2>
          <BookingTable bookings={incoming} empty={t("bookings.incoming.empty")} />
          <p className="hint">{t("bookings.incoming.hint")}</p>
        </section>
      ) : null}
    </div>
  );
}
