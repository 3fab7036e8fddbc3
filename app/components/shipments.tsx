import { Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import type { RouteLine } from "~/components/map/routes-map.tsx";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { MILESTONE_LABELS, type MilestoneKind } from "~/domain/shipments/milestones.ts";
import { againstPlan, SHIPMENT_STATUS_LABELS } from "~/domain/shipments/progress.ts";
import type { ShipmentMapItem } from "~/domain/shipments/shipment-map-data.ts";
import type { ShipmentView } from "~/domain/shipments/shipment-view.ts";

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
export function shipmentMapLine(item: ShipmentMapItem): RouteLine {
  const reference = shipmentReferenceOf(item.number);
  const state = `${SHIPMENT_STATUS_LABELS[item.status]}${item.late ? `, late by ${item.lateHours} h` : ""}`;
  return {
    key: item.id,
    label: reference,
    endLabel: `${reference}: destination`,
    highlight: item.late,
    legs: item.legs.map((leg) => ({
      mode: leg.mode,
      from: leg.path[0]!,
      to: leg.path.at(-1)!,
      path: leg.path,
    })),
    travelled: item.travelled,
    position: item.position
      ? { ...item.position, label: `${reference}: ${state}`, alert: item.late }
      : undefined,
    href: `/shipments/${item.id}`,
  };
}

/** The shipment as a line on the routes map: its planned legs, its last position, red when late. */
export function shipmentRouteLine(view: ShipmentView): RouteLine {
  const last = view.lastMilestone ? MILESTONE_LABELS[view.lastMilestone] : "Not yet picked up";
  return {
    key: view.id,
    label: `${shipmentReference(view)} ${view.lot.title}`,
    endLabel: view.legs.at(-1)?.to.label ?? "Destination",
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
          label: `${shipmentReference(view)}: ${last}${view.late ? " (late)" : ""}`,
          alert: view.late,
        }
      : undefined,
  };
}

export function ShipmentTable({ shipments }: { shipments: readonly ShipmentView[] }) {
  return (
    <table className="lot-table" data-testid="shipments-table">
      <thead>
        <tr>
          <th scope="col">Shipment</th>
          <th scope="col">Status</th>
          <th scope="col">Last milestone</th>
          <th scope="col">ETA</th>
          <th scope="col">Route</th>
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
              {s.statusLabel}
              {s.late ? <strong className="badge badge-warning"> Late</strong> : null}
              {s.varianceFlagged ? <strong className="badge badge-warning"> Weight variance</strong> : null}
            </td>
            <td>
              {s.lastMilestone ? MILESTONE_LABELS[s.lastMilestone] : "—"}
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
              {formatNumber(s.distanceKm)} km, {s.legs.map((l) => l.mode).join(" → ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShipmentFacts({ shipment }: { shipment: ShipmentView }) {
  return (
    <dl className="facts" data-testid="shipment-facts">
      <dt>Status</dt>
      <dd>
        {shipment.statusLabel}
        {shipment.late ? (
          <strong className="badge badge-warning"> Late by {shipment.lateHours} h</strong>
        ) : null}
      </dd>
      <dt>Planned</dt>
      <dd>
        {shipment.plannedDepartureAt ? <DateTime value={shipment.plannedDepartureAt} /> : "—"} →{" "}
        {shipment.plannedArrivalAt ? <DateTime value={shipment.plannedArrivalAt} /> : "—"}
      </dd>
      <dt>Expected arrival</dt>
      <dd data-testid="shipment-eta">
        {shipment.eta ? <DateTime value={shipment.eta} /> : "—"}
        {shipment.eta && shipment.plannedArrivalAt ? (
          <>
            {" "}
            <span className={shipment.late ? "badge badge-warning" : "badge"}>
              {againstPlan(new Date(shipment.eta), new Date(shipment.plannedArrivalAt)).label} against the
              plan
            </span>
          </>
        ) : null}
      </dd>
      <dt>Shipper · carrier · receiver</dt>
      <dd>
        {shipment.shipper?.name ?? "—"} ({shipment.incoterm ?? "—"}) ·{" "}
        {shipment.carrier?.name ?? "no carrier yet"} · {shipment.receiver?.name ?? "—"}
      </dd>
      <dt>Dangerous goods</dt>
      <dd>
        {shipment.unNumber ? `${shipment.unNumber.replace(/^UN/, "UN ")}, class 9` : "Not dangerous goods"}
        {shipment.packingInstruction ? `, packing instruction ${shipment.packingInstruction}` : ""}
      </dd>
      <dt>Route</dt>
      <dd>
        {formatNumber(shipment.distanceKm)} km, {shipment.transitDays} days, {formatNumber(shipment.co2eKg)}{" "}
        kg CO₂e, {formatMoney(shipment.cost)}
      </dd>
      <dt>Weight</dt>
      <dd>
        declared {shipment.declaredKg === null ? "—" : `${formatNumber(shipment.declaredKg)} kg`}
        {shipment.receivedKg !== null ? `, received ${formatNumber(shipment.receivedKg)} kg` : ""}
        {shipment.varianceFlagged ? (
          <strong className="badge badge-warning">
            {" "}
            Variance {(shipment.weightVarianceBp ?? 0) / 100} %
          </strong>
        ) : null}
      </dd>
      <dt>Documents required</dt>
      <dd>
        {shipment.requiredDocuments.map((code) => DOCUMENT_LABELS[code as DocumentCode] ?? code).join(", ") ||
          "—"}
        {shipment.needsConsent ? ". Needs the importing economy's written consent before it leaves." : ""}
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
  if (shipment.milestones.length === 0) return <p>No milestone recorded yet.</p>;
  return (
    <ol className="timeline" data-testid="milestone-timeline">
      {shipment.milestones.map((m) => {
        const planned = plannedFor(m.kind, shipment);
        return (
          <li key={m.sequence} data-kind={m.kind}>
            <strong>{m.label}</strong> — <DateTime value={m.occurredAt} />
            {planned ? (
              <small data-testid="against-plan">
                {" "}
                (planned <DateTime value={planned} />,{" "}
                {againstPlan(new Date(m.occurredAt), new Date(planned)).label})
              </small>
            ) : null}
            {m.location ? (
              <small>
                {" "}
                at {m.location.lat.toFixed(3)}, {m.location.lng.toFixed(3)}
              </small>
            ) : null}
            {m.netWeightKg !== null ? <span>, net {formatNumber(m.netWeightKg)} kg</span> : null}
            {typeof m.data?.note === "string" ? <p>{m.data.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
