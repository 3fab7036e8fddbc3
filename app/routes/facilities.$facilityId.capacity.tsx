import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { BookingRequests, BookingTable } from "~/components/booking.tsx";
import { CapacityForm } from "~/components/capacity-form.tsx";
import { type CapacityRow, CapacityTable } from "~/components/capacity-table.tsx";
import { ConfirmAction, ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { parseDecisionNote } from "~/domain/booking.ts";
import {
  kgToTonnes,
  MAX_REPEAT_MONTHS,
  type Month,
  monthOf,
  nextMonth,
  parseRepeatMonths,
  validateCapacityWindow,
} from "~/domain/capacity.ts";
import { economyByCode } from "~/domain/economies.ts";
import { fail, failureStatus } from "~/domain/failure.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { bookingRefusalIn, CAPACITY_WINDOW_FACTS, refusalIn } from "~/i18n/refusal-words.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { acceptBooking, declineBooking } from "~/models/capacity-booking.server.ts";
import { listBookingsOfOrganization, toBookingJson } from "~/models/capacity-booking-list.server.ts";
import {
  addCapacityWindows,
  getOwnCapacityWindow,
  removeCapacityWindow,
  updateCapacityWindow,
  type WindowWriteResult,
} from "~/models/capacity-window.server.ts";
import { getOwnFacility, toFacilityJson } from "~/models/facility.server.ts";
import {
  capacityFormDefaults,
  ownerFailure,
  pageWording,
  readCapacityForm,
} from "~/routes/facility-pages.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? translatedTitle(matches, "facilities.capacity.title", { name: data.facility.name })
      : translatedTitle(matches, "facilities.capacity.metaTitle"),
  },
];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

/** The form's default month: the first from `from` on without a window (one per month). */
function firstFreeMonth(from: Month, taken: readonly string[]): Month {
  let month = from;
  while (taken.includes(month)) month = nextMonth(month);
  return month;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "recycler" });
  const today = new Date();
  const found = await getOwnFacility(params.facilityId ?? "", organization.id, today);
  if (!found.ok) throw ownerFailure(found);
  const { facility } = found;
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = editId ? await getOwnCapacityWindow(facility.id, organization.id, editId) : null;
  const latest = facility.capacityWindows.at(-1);
  const currency = latest?.currency ?? economyByCode(facility.economyCode)?.currency ?? "USD";
  const bookings = await listBookingsOfOrganization(organization.id, {
    role: "facility",
    facilityId: facility.id,
    statuses: ["requested", "accepted"],
  });
  return {
    requests: bookings.filter((b) => b.status === "requested").map(toBookingJson),
    accepted: bookings.filter((b) => b.status === "accepted").map(toBookingJson),
    facility: { id: facility.id, name: facility.name, acceptedChemistries: facility.acceptedChemistries },
    capacity: toFacilityJson(facility, today).capacity,
    editing: editing ? { id: editing.id, bookedTonnes: kgToTonnes(editing.bookedKg) } : null,
    defaults: editing
      ? capacityFormDefaults(editing)
      : {
          month: firstFreeMonth(
            nextMonth(monthOf(today)),
            facility.capacityWindows.map((w) => monthOf(w.month)),
          ),
          currency,
          priceKind: latest?.priceKind ?? "gate_fee",
          acceptedChemistries: [],
        },
    thisMonth: monthOf(today),
  };
}

/** A refused window write, worded in the page's language (ADR 065); the API keeps the English. */
function failure(
  language: LanguageCode,
  intent: string,
  outcome: Exclude<WindowWriteResult, { ok: true }>,
  values = {},
) {
  if (outcome.code === "NOT_FOUND" || outcome.code === "FORBIDDEN") throw ownerFailure(outcome);
  const worded = refusalIn(language, "facilities.capacity.refusal", outcome, CAPACITY_WINDOW_FACTS);
  const errors = outcome.field ? worded.errors : {};
  const formError = outcome.field ? null : worded.message;
  return data({ intent, errors, values, formError, notice: null }, { status: failureStatus(outcome.code) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireActor(request, { capability: "recycler" });
  const { organization } = context;
  const t = pageTranslator(request, context.user.language);
  const language = requestLanguage(request, context.user.language);
  const facilityId = params.facilityId ?? "";
  const found = await getOwnFacility(facilityId, organization.id);
  if (!found.ok) throw ownerFailure(found);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const windowId = String(form.get("windowId") ?? "");
  const today = new Date();

  if (intent === "accept" || intent === "decline") {
    const bookingId = String(form.get("bookingId") ?? "");
    const note = parseDecisionNote(form.get("decisionNote") ?? undefined);
    if (!note.ok)
      return data(
        {
          intent,
          errors: {},
          values: {},
          formError: t("facilities.capacity.note", { message: note.message }),
          notice: null,
        },
        { status: failureStatus(note.code) },
      );
    const input = { organizationId: organization.id, userId: context.user.id, bookingId };
    const outcome =
      intent === "accept" ? await acceptBooking(input) : await declineBooking({ ...input, note: note.note });
    if (!outcome.ok) {
      const status = failureStatus(outcome.code);
      const formError = bookingRefusalIn(language, outcome);
      return data({ intent, errors: {}, values: {}, formError, notice: null }, { status });
    }
    const notice = t(
      intent === "accept" ? "facilities.capacity.bookingAccepted" : "facilities.capacity.bookingDeclined",
      { title: outcome.booking.lot.title },
    );
    return { intent, errors: {}, values: {}, formError: null, notice };
  }

  if (intent === "remove") {
    // Without the confirmation (no JavaScript, or a bare post) the page asks first.
    if (!isConfirmed(form))
      return { intent, errors: {}, values: {}, formError: null, notice: null, confirmWindowId: windowId };
    const outcome = await removeCapacityWindow(facilityId, organization.id, windowId);
    if (!outcome.ok) return failure(language, intent, outcome);
    return { intent, errors: {}, values: {}, formError: null, notice: t("facilities.capacity.removed") };
  }
  if (intent !== "add" && intent !== "update") {
    return data(
      { intent, errors: {}, values: {}, formError: t("facilities.capacity.unknownAction"), notice: null },
      { status: 400 },
    );
  }

  const existing =
    intent === "update" ? await getOwnCapacityWindow(facilityId, organization.id, windowId) : null;
  if (intent === "update" && !existing) throw ownerFailure(fail("NOT_FOUND", "No such facility."));
  const { input, values } = readCapacityForm(form);
  const say = pageWording(t, "facilities.capacity.errors");
  const result = validateCapacityWindow(
    input,
    { today, facilityChemistries: found.facility.acceptedChemistries, bookedKg: existing?.bookedKg },
    say,
  );
  // "Repeat for the next N months" (add only): N windows from the chosen month, all or none.
  const repeat = intent === "add" ? parseRepeatMonths(String(form.get("repeatMonths") ?? ""), say) : null;
  const errors = {
    ...(result.ok ? {} : result.errors),
    ...(repeat?.ok === false ? { repeatMonths: repeat.message } : {}),
  };
  if (!result.ok || Object.keys(errors).length > 0)
    return data({ intent, errors, values, formError: null, notice: null }, { status: 400 });

  if (intent === "add") {
    const count = repeat?.ok ? repeat.count : 1;
    const added = await addCapacityWindows(facilityId, organization.id, result.window, count);
    if (!added.ok) return failure(language, intent, added, values);
    const months = count > 1 ? `&months=${count}` : "";
    return redirect(`/facilities/${facilityId}/capacity?posted=${result.window.month}${months}`);
  }
  const outcome = await updateCapacityWindow(facilityId, organization.id, windowId, result.window, today);
  if (!outcome.ok) return failure(language, intent, outcome, values);
  return redirect(`/facilities/${facilityId}/capacity?updated=${result.window.month}`);
}

/** What removing a window does, for its confirmation. Windows with bookings cannot be removed. */
function removeText(t: TFunction, format: ReturnType<typeof useFormat>, row: CapacityRow) {
  const month = format.month(row.month);
  return {
    title: t("facilities.capacity.removeTitle", { month }),
    consequence: t("facilities.capacity.removeConsequence", { month, tonnes: format.tonnes(row.tonnes) }),
    confirmLabel: t("facilities.capacity.removeConfirm"),
  };
}

export default function FacilityCapacity() {
  const { facility, capacity, editing, defaults, thisMonth, requests, accepted } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const format = useFormat();
  const [search] = useSearchParams();
  const posted = search.get("posted") ?? search.get("updated");
  const postedMonths = Number(search.get("months") ?? "1") || 1;
  const confirmId = result && "confirmWindowId" in result ? result.confirmWindowId : null;
  const confirmRow = confirmId ? capacity.find((row) => row.id === confirmId) : undefined;
  const formFeedback =
    result && (result.intent === "add" || result.intent === "update")
      ? { errors: result.errors, values: result.values }
      : undefined;
  return (
    <div className="stack facility-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("facilities.capacity.dashboard")}</Link> ›{" "}
        <Link to={`/facilities/${facility.id}`}>{facility.name}</Link> › {t("facilities.capacity.crumb")}
      </p>
      <h1>{t("facilities.capacity.title", { name: facility.name })}</h1>
      {search.get("created") ? (
        <p className="notice" role="status">
          {t("facilities.capacity.created")}
        </p>
      ) : null}
      {posted ? (
        <p className="notice" role="status">
          {search.get("posted")
            ? postedMonths > 1
              ? t("facilities.capacity.postedMore", { month: format.month(posted), count: postedMonths - 1 })
              : t("facilities.capacity.posted", { month: format.month(posted) })
            : t("facilities.capacity.updated", { month: format.month(posted) })}{" "}
          <Link to={`/facilities/${facility.id}`}>{t("facilities.capacity.seeIt")}</Link>
        </p>
      ) : null}
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      {result?.formError ? (
        <p className="form-error" role="alert">
          {result.formError}
        </p>
      ) : null}

      {confirmRow ? (
        <ConfirmStep
          fields={{ intent: "remove", windowId: confirmRow.id }}
          text={removeText(t, format, confirmRow)}
          cancelTo={`/facilities/${facility.id}/capacity`}
        />
      ) : null}

      <section className="card" id="booking-requests" aria-labelledby="booking-requests-heading">
        <h2 id="booking-requests-heading">{t("facilities.capacity.bookingRequests")}</h2>
        <BookingRequests bookings={requests} />
      </section>

      {accepted.length > 0 ? (
        <section className="card" aria-labelledby="accepted-bookings-heading">
          <h2 id="accepted-bookings-heading">{t("facilities.capacity.acceptedBookings")}</h2>
          <BookingTable bookings={accepted} empty="" />
        </section>
      ) : null}

      <section className="card" aria-labelledby="windows-heading">
        <h2 id="windows-heading">{t("facilities.capacity.postedHeading")}</h2>
        <CapacityTable
          capacity={capacity}
          empty={t("facilities.capacity.emptyOwn")}
          actions={(row) => (
            <>
              <Link to={`?edit=${row.id}#capacity-form`}>{t("facilities.capacity.edit")}</Link>{" "}
              <ConfirmAction
                fields={{ intent: "remove", windowId: row.id }}
                label={t("facilities.capacity.remove")}
                buttonClassName="button-link"
                disabled={row.bookedTonnes > 0}
                buttonTitle={row.bookedTonnes > 0 ? t("facilities.capacity.bookedStays") : undefined}
                text={removeText(t, format, row)}
              />
            </>
          )}
        />
      </section>

      <section className="card" id="capacity-form" aria-labelledby="capacity-form-heading">
        <h2 id="capacity-form-heading">
          {editing ? t("facilities.capacity.editHeading") : t("facilities.capacity.postHeading")}
        </h2>
        <CapacityForm
          // A new key after each post: the form starts empty again instead of keeping what was sent.
          key={editing?.id ?? `new-${search.toString()}`}
          maxRepeatMonths={MAX_REPEAT_MONTHS}
          editingId={editing?.id ?? null}
          bookedTonnes={editing?.bookedTonnes ?? 0}
          defaults={defaults}
          feedback={formFeedback}
          facilityChemistries={facility.acceptedChemistries}
          minMonth={thisMonth}
        />
      </section>
    </div>
  );
}
