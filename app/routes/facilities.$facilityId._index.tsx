import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getActor, requireActor } from "~/auth/actor.server.ts";
import { BookCapacityForm } from "~/components/booking.tsx";
import { CapacityTable } from "~/components/capacity-table.tsx";
import { FacilityLotsSection } from "~/components/facility-lots-section.tsx";
import { PointMap } from "~/components/map/index.tsx";
import { ReliabilityBadgeView } from "~/components/reputation.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { CHEMISTRY_SHORT_LABELS } from "~/domain/codes.ts";
import { certificationExpiresSoon } from "~/domain/facility-certification.ts";
import { RECOVERY_METALS } from "~/domain/facility-input.ts";
import { failureStatus } from "~/domain/failure.ts";
import { reliabilityBadge } from "~/domain/reputation/reliability.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { bookingRefusalIn } from "~/i18n/refusal-words.server.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { requestBooking } from "~/models/capacity-booking.server.ts";
import { bookableLotsByWindow } from "~/models/capacity-booking-list.server.ts";
import { getFacilityForViewer, toFacilityJson } from "~/models/facility.server.ts";
import { lotsForFacility } from "~/models/facility-lot-matches.server.ts";
import { facilityReliabilities } from "~/models/reputation/reputation.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

// The facility's name is data (never translated); without it the title is the page's word for it.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.facility.name} · Packloop` : translatedTitle(matches, "facilities.page.title") },
];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = (await getActor(request))?.organization ?? null;
  const organizationId = viewer?.id ?? null;
  const today = new Date();
  const facility = await getFacilityForViewer(params.facilityId ?? "", organizationId, today);
  if (!facility) throw new Response("No such facility.", { status: 404 });
  const json = toFacilityJson(facility, today);
  const lots = await lotsForFacility(facility, { today });
  // On-time intake at this facility over 180 days, graded by its lower confidence bound (ADR 036).
  const reliability = (await facilityReliabilities([facility.id], today)).get(facility.id) ?? null;
  // A seller sees, per window, which of its lots it may book there (capacity bookings, issue 5).
  const bookable =
    viewer?.capabilities.includes("seller") && viewer.id !== facility.organizationId
      ? await bookableLotsByWindow(viewer.id, facility, today)
      : null;
  return {
    lots,
    lotsReadAt: today.toISOString(),
    viewerOrganizationId: organizationId,
    facility: {
      ...json,
      certifications: json.certifications.map((c, i) => ({
        ...c,
        expiresSoon: certificationExpiresSoon(facility.certifications[i].expiresOn, today),
      })),
    },
    organizationName: facility.organization.name,
    organizationId: facility.organizationId,
    organizationVerification: facility.organization.verificationStatus,
    reliability: reliability ? { figure: reliability, badge: reliabilityBadge(reliability) } : null,
    economyCode: facility.economyCode,
    active: facility.active,
    isOwner: organizationId === facility.organizationId,
    bookable,
  };
}

/** A seller asks to book a window for one of its lots; the answer names the field that is wrong. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organization } = await requireActor(request, { capability: "seller" });
  const t = pageTranslator(request, user.language);
  const language = requestLanguage(request, user.language);
  const form = await request.formData();
  const windowId = String(form.get("windowId") ?? "");
  const lotId = String(form.get("lotId") ?? "");
  if (String(form.get("intent") ?? "") !== "book")
    return data({ windowId, error: t("facilities.page.unknownAction") }, { status: 400 });
  if (!lotId) return data({ windowId, error: t("facilities.page.chooseLot") }, { status: 400 });
  const result = await requestBooking({
    sellerOrganizationId: organization.id,
    userId: user.id,
    capacityWindowId: windowId,
    lotId,
  });
  if (!result.ok) {
    // Every reason the booking rules gave, in the page's language (ADR 065).
    return data(
      { windowId, error: bookingRefusalIn(language, result) },
      { status: failureStatus(result.code) },
    );
  }
  return redirect(`/bookings?requested=${result.booking.id}&facility=${params.facilityId ?? ""}`);
}

function Chips({ items }: { items: readonly string[] }) {
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export default function FacilityPage() {
  const {
    facility,
    organizationName,
    organizationId,
    organizationVerification,
    reliability,
    economyCode,
    active,
    isOwner,
    lots,
    lotsReadAt,
    viewerOrganizationId,
    bookable,
  } = useLoaderData<typeof loader>();
  const booking = useActionData<typeof action>();
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const format = useFormat();
  const { lat, lng } = facility.location;
  return (
    <div className="stack facility-page" data-testid="facility-page">
      <p className="breadcrumbs">
        <Link to="/facilities">{t("facilities.page.breadcrumb")}</Link> › {facility.name}
      </p>
      <header className="facility-header">
        <div>
          <h1>{facility.name}</h1>
          <p className="lede">
            <Link to={`/organizations/${organizationId}`}>{organizationName}</Link>{" "}
            <VerificationBadge
              status={organizationVerification}
              organizationId={organizationId}
              own={isOwner}
            />{" "}
            · {economies.name(economyCode, "name")}
            {facility.holdsImportConsent ? (
              <span className="badge badge-ok">{t("facilities.page.importConsent")}</span>
            ) : null}
            {active ? null : <span className="badge badge-warn">{t("facilities.page.unlisted")}</span>}
            {reliability ? (
              <ReliabilityBadgeView badge={reliability.badge} figure={reliability.figure} />
            ) : null}
          </p>
        </div>
        {isOwner ? (
          <div className="actions">
            <Link className="button button-secondary" to={`/facilities/${facility.id}/edit`}>
              {t("facilities.page.editProfile")}
            </Link>
            <Link className="button" to={`/facilities/${facility.id}/capacity`}>
              {t("facilities.page.postCapacity")}
            </Link>
          </div>
        ) : null}
      </header>

      <div className="facility-columns">
        <section className="card">
          <h2>{t("facilities.page.about")}</h2>
          <PointMap
            points={[{ lat, lng, label: facility.name, kind: "facility", processes: facility.processes }]}
            height={240}
          />
          {facility.description ? <p className="prewrap">{facility.description}</p> : null}
          <dl className="facts">
            <dt>{t("facilities.page.location")}</dt>
            <dd>
              {facility.address ? `${facility.address} · ` : null}
              <span data-testid="coordinates">
                {format.number(lat, { maxDecimals: 4, minDecimals: 4 })},{" "}
                {format.number(lng, { maxDecimals: 4, minDecimals: 4 })}
              </span>
            </dd>
            <dt>{t("facilities.page.processes")}</dt>
            <dd>
              <Chips items={facility.processes.map((p) => t(`facilities.process.${p}`))} />
            </dd>
            <dt>{t("facilities.page.chemistries")}</dt>
            <dd>
              <Chips items={facility.acceptedChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c])} />
            </dd>
            <dt>{t("facilities.page.forms")}</dt>
            <dd>
              <Chips items={facility.acceptedForms.map((f) => t(`lots.form.${f}`))} />
            </dd>
            <dt>{t("facilities.page.conditions")}</dt>
            <dd>
              <Chips items={facility.acceptedConditions.map((c) => t(`lots.condition.${c}`))} />
            </dd>
            <dt>{t("facilities.page.importConsent")}</dt>
            <dd>
              {facility.holdsImportConsent
                ? t("facilities.page.holdsConsent")
                : t("facilities.page.domesticOnly")}
            </dd>
            {facility.annualCapacityTonnes !== null ? (
              <>
                <dt>{t("facilities.page.annualCapacity")}</dt>
                <dd>{format.tonnes(facility.annualCapacityTonnes)}</dd>
              </>
            ) : null}
            {facility.website ? (
              <>
                <dt>{t("facilities.page.website")}</dt>
                <dd>
                  <a href={facility.website} rel="noopener noreferrer nofollow">
                    {facility.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        <section className="card">
          <h2>{t("facilities.page.recoveryRates")}</h2>
          <table className="recovery-table">
            <tbody>
              {RECOVERY_METALS.map((metal) => (
                <tr key={metal}>
                  <th scope="row">{t(`facilities.metal.${metal}`)}</th>
                  <td>
                    <span className="meter" aria-hidden="true">
                      <span style={{ width: `${facility.recoveryRatesPct[metal]}%` }} />
                    </span>
                  </td>
                  <td className="number">
                    {format.number(facility.recoveryRatesPct[metal], { maxDecimals: 2 })} %
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card" aria-labelledby="capacity-heading">
        <h2 id="capacity-heading">{t("facilities.page.capacityByMonth")}</h2>
        <CapacityTable
          capacity={facility.capacity}
          actions={
            bookable
              ? (row) => (
                  <BookCapacityForm
                    windowId={row.id}
                    options={bookable[row.id] ?? []}
                    error={booking?.windowId === row.id ? booking.error : undefined}
                  />
                )
              : undefined
          }
        />
      </section>

      <FacilityLotsSection
        facility={facility}
        lots={lots}
        viewerOrganizationId={viewerOrganizationId}
        renderedAt={lotsReadAt}
      />

      <section className="card" aria-labelledby="certifications-heading">
        <h2 id="certifications-heading">{t("facilities.page.certifications")}</h2>
        {facility.certifications.length === 0 ? (
          <p className="empty">{t("facilities.page.noCertifications")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("facilities.page.certification")}</th>
                  <th>{t("facilities.page.reference")}</th>
                  <th>{t("facilities.page.issuedBy")}</th>
                  <th>{t("facilities.page.expires")}</th>
                </tr>
              </thead>
              <tbody>
                {facility.certifications.map((c) => (
                  <tr
                    key={c.id}
                    data-testid="certification-row"
                    className={c.expired ? "expired" : undefined}
                  >
                    <td>{c.name}</td>
                    <td>{c.reference ?? "—"}</td>
                    <td>{c.issuedBy ?? "—"}</td>
                    <td className="nowrap">
                      {c.expiresOn ?? t("facilities.page.noExpiry")}{" "}
                      {c.expired ? (
                        <span className="badge badge-danger">{t("facilities.page.expired")}</span>
                      ) : null}
                      {c.expiresSoon ? (
                        <span className="badge badge-warn">{t("facilities.page.expiresSoon")}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
