import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { DateTime } from "~/components/date-time.tsx";
import type { RouteLine } from "~/components/map/routes-map.tsx";
import { Money } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";
import { MILESTONE_LABELS, type MilestoneKind } from "~/domain/shipments/milestones.ts";
import { againstPlan, SHIPMENT_STATUS_LABELS, type ShipmentStatus } from "~/domain/shipments/progress.ts";
import type { ShipmentMapItem } from "~/domain/shipments/shipment-map-data.ts";
import type { ShipmentView } from "~/domain/shipments/shipment-view.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/*
 * Labels for codes are catalogue keys named by the code (`shipments.milestone.customs_cleared`,
 * `shipments.status.in_transit`); the English constants in app/domain stay for the API, the
 * emails and the papers, and are the fallback for a code the catalogue lacks.
 */

export function milestoneLabel(t: TFunction, kind: string): string {
  return t(`shipments.milestone.${kind}`, {
    defaultValue: MILESTONE_LABELS[kind as MilestoneKind] ?? kind,
  });
}

export function shipmentStatusLabel(t: TFunction, status: string): string {
  return t(`shipments.status.${status}`, {
    defaultValue: SHIPMENT_STATUS_LABELS[status as ShipmentStatus] ?? status,
  });
}

export function documentLabel(t: TFunction, code: string): string {
  return t(`shipments.document.${code}`, { defaultValue: DOCUMENT_LABELS[code as DocumentCode] ?? code });
}

export function modeLabel(t: TFunction, mode: string): string {
  return t(`shipments.mode.${mode}`, { defaultValue: mode });
}

/**
 * An actual (or expected) time against the planned one in words, by the rule of
 * progress.ts `againstPlan` (on time within an hour, hours up to two days, then days).
 */
export function againstPlanText(t: TFunction, actual: Date, planned: Date): string {
  const { hours } = againstPlan(actual, planned);
  const size = Math.abs(hours);
  if (size <= 1) return t("shipments.against.onTime");
  const amount =
    size < 48
      ? t("shipments.against.hours", { count: size })
      : t("shipments.against.days", { count: Math.round(size / 24) });
  return hours > 0 ? t("shipments.against.late", { amount }) : t("shipments.against.early", { amount });
}

/** A shipment's reference, from its lot's: "SH-PL-000123". */
export function shipmentReference(view: Pick<ShipmentView, "lot">): string {
  return shipmentReferenceOf(view.lot.number);
}

export function shipmentReferenceOf(lotNumber: number): string {
  return `SH-PL-${String(lotNumber).padStart(6, "0")}`;
}

/**
 * One shipment of the /shipments map's data as a line: planned legs by mode, the path travelled,
 * the last position (red when late) linking to the shipment's page.
 */
export function shipmentMapLine(t: TFunction, item: ShipmentMapItem): RouteLine {
  const reference = shipmentReferenceOf(item.number);
  const status = shipmentStatusLabel(t, item.status);
  const state = item.late ? t("shipments.map.statusLate", { status, hours: item.lateHours }) : status;
  return {
    key: item.id,
    label: reference,
    endLabel: t("shipments.map.destinationOf", { reference }),
    highlight: item.late,
    legs: item.legs.map((leg) => ({
      mode: leg.mode,
      from: leg.path[0]!,
      to: leg.path.at(-1)!,
      path: leg.path,
    })),
    travelled: item.travelled,
    position: item.position
      ? { ...item.position, label: t("shipments.map.positionOf", { reference, state }), alert: item.late }
      : undefined,
    href: `/shipments/${item.id}`,
  };
}

/** The shipment as a line on the routes map: its planned legs, its last position, red when late. */
export function shipmentRouteLine(t: TFunction, view: ShipmentView): RouteLine {
  const last = view.lastMilestone ? milestoneLabel(t, view.lastMilestone) : t("shipments.notPickedUp");
  const state = view.late ? t("shipments.map.late", { state: last }) : last;
  return {
    key: view.id,
    label: `${shipmentReference(view)} ${view.lot.title}`,
    endLabel: view.legs.at(-1)?.to.label ?? t("shipments.map.destination"),
    highlight: view.late,
    legs: view.legs.map((leg) => ({
      mode: leg.mode as SurfaceMode,
      from: { lat: leg.from.lat, lng: leg.from.lng },
      to: { lat: leg.to.lat, lng: leg.to.lng },
      distanceKm: leg.distanceKm,
      path: leg.path,
    })),
    travelled: view.travelled,
    position: view.lastPosition
      ? {
          ...view.lastPosition,
          label: t("shipments.map.positionOf", { reference: shipmentReference(view), state }),
          alert: view.late,
        }
      : undefined,
  };
}

export function ShipmentTable({ shipments }: { shipments: readonly ShipmentView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="lot-table" data-testid="shipments-table">
      <thead>
        <tr>
          <th scope="col">{t("shipments.table.shipment")}</th>
          <th scope="col">{t("shipments.table.status")}</th>
          <th scope="col">{t("shipments.table.lastMilestone")}</th>
          <th scope="col">{t("shipments.table.eta")}</th>
          <th scope="col">{t("shipments.table.route")}</th>
        </tr>
      </thead>
      <tbody>
        {shipments.map((s) => (
          <tr key={s.id} className={s.late ? "is-late" : undefined} data-late={s.late ? "true" : undefined}>
            <td>
              <Link to={`/shipments/${s.id}`}>{shipmentReference(s)}</Link>
              <br />
              <small>{s.lot.title}</small>
            </td>
            <td>
              {shipmentStatusLabel(t, s.status)}
              {s.late ? <strong className="badge badge-warning"> {t("shipments.late")}</strong> : null}
              {s.varianceFlagged ? (
                <strong className="badge badge-warning"> {t("shipments.weightVariance")}</strong>
              ) : null}
            </td>
            <td>
              {s.lastMilestone ? milestoneLabel(t, s.lastMilestone) : "—"}
              {s.lastMilestoneAt ? (
                <>
                  <br />
                  <small>
                    <DateTime value={s.lastMilestoneAt} />
                  </small>
                </>
              ) : null}
            </td>
            <td>{s.eta ? <DateTime value={s.eta} /> : "—"}</td>
            <td>
              {t("shipments.table.routeText", {
                distance: f.number(s.distanceKm),
                modes: s.legs.map((l) => modeLabel(t, l.mode)).join(" → "),
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShipmentFacts({ shipment }: { shipment: ShipmentView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dangerous = shipment.unNumber
    ? [
        t("shipments.facts.unClass9", { un: shipment.unNumber.replace(/^UN/, "UN ") }),
        shipment.packingInstruction
          ? t("shipments.facts.packingInstruction", { code: shipment.packingInstruction })
          : null,
      ]
    : [t("shipments.facts.notDangerous")];
  const weight = [
    t("shipments.facts.declared", { kg: shipment.declaredKg === null ? "—" : f.kg(shipment.declaredKg) }),
    shipment.receivedKg !== null ? t("shipments.facts.received", { kg: f.kg(shipment.receivedKg) }) : null,
  ];
  return (
    <dl className="facts" data-testid="shipment-facts">
      <dt>{t("shipments.facts.status")}</dt>
      <dd>
        {shipmentStatusLabel(t, shipment.status)}
        {shipment.late ? (
          <strong className="badge badge-warning">
            {" "}
            {t("shipments.lateBy", { hours: shipment.lateHours })}
          </strong>
        ) : null}
      </dd>
      <dt>{t("shipments.facts.planned")}</dt>
      <dd>
        {shipment.plannedDepartureAt ? <DateTime value={shipment.plannedDepartureAt} /> : "—"} →{" "}
        {shipment.plannedArrivalAt ? <DateTime value={shipment.plannedArrivalAt} /> : "—"}
      </dd>
      <dt>{t("shipments.facts.expectedArrival")}</dt>
      <dd data-testid="shipment-eta">
        {shipment.eta ? <DateTime value={shipment.eta} /> : "—"}
        {shipment.eta && shipment.plannedArrivalAt ? (
          <>
            {" "}
            <span className={shipment.late ? "badge badge-warning" : "badge"}>
              {t("shipments.facts.againstThePlan", {
                against: againstPlanText(t, new Date(shipment.eta), new Date(shipment.plannedArrivalAt)),
              })}
            </span>
          </>
        ) : null}
      </dd>
      <dt>{t("shipments.facts.parties")}</dt>
      <dd>
        {shipment.shipper?.name ?? "—"} ({shipment.incoterm ?? "—"}) ·{" "}
        {shipment.carrier?.name ?? t("shipments.facts.noCarrier")} · {shipment.receiver?.name ?? "—"}
      </dd>
      <dt>{t("shipments.facts.dangerousGoods")}</dt>
      <dd>{dangerous.filter(Boolean).join(t("shipments.listSeparator"))}</dd>
      <dt>{t("shipments.facts.route")}</dt>
      <dd>
        {t("shipments.facts.routeText", {
          distance: f.number(shipment.distanceKm),
          count: shipment.transitDays,
          co2e: f.number(shipment.co2eKg),
        })}
        {t("shipments.listSeparator")}
        <Money money={shipment.cost} />
      </dd>
      <dt>{t("shipments.facts.weight")}</dt>
      <dd>
        {weight.filter(Boolean).join(t("shipments.listSeparator"))}
        {shipment.varianceFlagged ? (
          <strong className="badge badge-warning">
            {" "}
            {t("shipments.facts.variance", {
              percent: f.percent((shipment.weightVarianceBp ?? 0) / 100, { maxDecimals: 2 }),
            })}
          </strong>
        ) : null}
      </dd>
      <dt>{t("shipments.facts.documentsRequired")}</dt>
      <dd>
        {shipment.requiredDocuments
          .map((code) => documentLabel(t, code))
          .join(t("shipments.listSeparator")) || "—"}
        {shipment.needsConsent ? (
          <>
            <br />
            {t("shipments.facts.needsConsent")}
          </>
        ) : null}
      </dd>
    </dl>
  );
}

/** The planned time a milestone is measured against: the departure, and the arrival. */
function plannedFor(kind: MilestoneKind, shipment: ShipmentView): string | null {
  if (kind === "departed") return shipment.plannedDepartureAt;
  if (kind === "delivered") return shipment.plannedArrivalAt;
  return null;
}

export function MilestoneTimeline({ shipment }: { shipment: ShipmentView }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (shipment.milestones.length === 0) return <p>{t("shipments.timeline.none")}</p>;
  return (
    <ol className="timeline" data-testid="milestone-timeline">
      {shipment.milestones.map((m) => {
        const planned = plannedFor(m.kind, shipment);
        return (
          <li key={m.sequence} data-kind={m.kind}>
            <strong>{milestoneLabel(t, m.kind)}</strong> — <DateTime value={m.occurredAt} />
            {planned ? (
              <small data-testid="against-plan">
                {" "}
                <Slotted
                  text={t("shipments.timeline.planned", {
                    time: SLOT,
                    against: againstPlanText(t, new Date(m.occurredAt), new Date(planned)),
                  })}
                >
                  <DateTime value={planned} />
                </Slotted>
              </small>
            ) : null}
            {m.location ? (
              <small>
                {" "}
                {t("shipments.timeline.at", {
                  lat: m.location.lat.toFixed(3),
                  lng: m.location.lng.toFixed(3),
                })}
              </small>
            ) : null}
            {m.netWeightKg !== null ? (
              <span>
                {t("shipments.listSeparator")}
                {t("shipments.timeline.net", { kg: f.kg(m.netWeightKg) })}
              </span>
            ) : null}
            {typeof m.data?.note === "string" ? <p>{m.data.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
