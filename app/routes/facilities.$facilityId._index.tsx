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
import {
  BATTERY_CONDITION_LABELS,
  CHEMISTRY_SHORT_LABELS,
  LOT_FORM_LABELS,
  RECYCLING_PROCESS_LABELS,
} from "~/domain/codes.ts";
import { economyByCode } from "~/domain/economies.ts";
import { certificationExpiresSoon } from "~/domain/facility-certification.ts";
import { RECOVERY_METAL_LABELS, RECOVERY_METALS } from "~/domain/facility-input.ts";
import { failureStatus } from "~/domain/failure.ts";
import { formatNumber, formatTonnes } from "~/domain/quantity.ts";
import { reliabilityBadge } from "~/domain/reputation/reliability.ts";
import { requestBooking } from "~/models/capacity-booking.server.ts";
import { bookableLotsByWindow } from "~/models/capacity-booking-list.server.ts";
import { getFacilityForViewer, toFacilityJson } from "~/models/facility.server.ts";
import { lotsForFacility } from "~/models/facility-lot-matches.server.ts";
import { facilityReliabilities } from "~/models/reputation/reputation.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.facility.name} · Packloop` : "Facility · Packloop" },
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
    economyName: economyByCode(facility.economyCode)?.name ?? facility.economyCode,
    active: facility.active,
    isOwner: organizationId === facility.organizationId,
    bookable,
  };
}

/** A seller asks to book a window for one of its lots; the answer names the field that is wrong. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organization } = await requireActor(request, { capability: "seller" });
  const form = await request.formData();
  const windowId = String(form.get("windowId") ?? "");
  const lotId = String(form.get("lotId") ?? "");
  if (String(form.get("intent") ?? "") !== "book")
    return data({ windowId, error: "Unknown action." }, { status: 400 });
  if (!lotId) return data({ windowId, error: "Choose one of your lots to book." }, { status: 400 });
  const result = await requestBooking({
    sellerOrganizationId: organization.id,
    userId: user.id,
    capacityWindowId: windowId,
    lotId,
  });
  if (!result.ok) {
    return data({ windowId, error: result.message }, { status: failureStatus(result.code) });
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
    economyName,
    active,
    isOwner,
    lots,
    lotsReadAt,
    viewerOrganizationId,
    bookable,
  } = useLoaderData<typeof loader>();
  const booking = useActionData<typeof action>();
  const { lat, lng } = facility.location;
  return (
    <div className="stack facility-page" data-testid="facility-page">
      <p className="breadcrumbs">
        <Link to="/facilities">Facilities</Link> › {facility.name}
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
            · {economyName}
            {facility.holdsImportConsent ? <span className="badge badge-ok">Import consent</span> : null}
            {active ? null : <span className="badge badge-warn">Unlisted</span>}
            {reliability ? (
              <ReliabilityBadgeView badge={reliability.badge} figure={reliability.figure} />
            ) : null}
          </p>
        </div>
        {isOwner ? (
          <div className="actions">
            <Link className="button button-secondary" to={`/facilities/${facility.id}/edit`}>
              Edit profile
            </Link>
            <Link className="button" to={`/facilities/${facility.id}/capacity`}>
              Post capacity
            </Link>
          </div>
        ) : null}
      </header>

      <div className="facility-columns">
        <section className="card">
          <h2>About</h2>
          <PointMap
            points={[{ lat, lng, label: facility.name, kind: "facility", processes: facility.processes }]}
            height={240}
          />
          {facility.description ? <p className="prewrap">{facility.description}</p> : null}
          <dl className="facts">
            <dt>Location</dt>
            <dd>
              {facility.address ? `${facility.address} · ` : null}
              <span data-testid="coordinates">
                {formatNumber(lat, { maxDecimals: 4, minDecimals: 4 })},{" "}
                {formatNumber(lng, { maxDecimals: 4, minDecimals: 4 })}
              </span>
            </dd>
            <dt>Processes</dt>
            <dd>
              <Chips items={facility.processes.map((p) => RECYCLING_PROCESS_LABELS[p])} />
            </dd>
            <dt>Chemistries</dt>
            <dd>
              <Chips items={facility.acceptedChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c])} />
            </dd>
            <dt>Forms</dt>
            <dd>
              <Chips items={facility.acceptedForms.map((f) => LOT_FORM_LABELS[f])} />
            </dd>
            <dt>Conditions</dt>
            <dd>
              <Chips items={facility.acceptedConditions.map((c) => BATTERY_CONDITION_LABELS[c])} />
            </dd>
            <dt>Import consent</dt>
            <dd>
              {facility.holdsImportConsent
                ? "Holds consent to import waste batteries"
                : "Takes domestic material only (no import consent)"}
            </dd>
            {facility.annualCapacityTonnes !== null ? (
              <>
                <dt>Annual capacity</dt>
                <dd>{formatTonnes(facility.annualCapacityTonnes)}</dd>
              </>
            ) : null}
            {facility.website ? (
              <>
                <dt>Website</dt>
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
          <h2>Recovery rates</h2>
          <table className="recovery-table">
            <tbody>
              {RECOVERY_METALS.map((metal) => (
                <tr key={metal}>
                  <th scope="row">{RECOVERY_METAL_LABELS[metal]}</th>
                  <td>
                    <span className="meter" aria-hidden="true">
                      <span style={{ width: `${facility.recoveryRatesPct[metal]}%` }} />
                    </span>
                  </td>
                  <td className="number">{facility.recoveryRatesPct[metal]} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card" aria-labelledby="capacity-heading">
        <h2 id="capacity-heading">Capacity by month</h2>
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
        <h2 id="certifications-heading">Certifications and permits</h2>
        {facility.certifications.length === 0 ? (
          <p className="empty">No certifications or permits listed.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Certification or permit</th>
                  <th>Reference</th>
                  <th>Issued by</th>
                  <th>Expires</th>
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
                      {c.expiresOn ?? "No expiry"}{" "}
                      {c.expired ? <span className="badge badge-danger">Expired</span> : null}
                      {c.expiresSoon ? <span className="badge badge-warn">Expires soon</span> : null}
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
