import { Link } from "@remix-run/react";
import { LocalTime } from "~/components/lot/award-panel.tsx";
import type { RouteLine } from "~/components/map/routes-map.tsx";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { MILESTONE_LABELS } from "~/domain/shipments/milestones.ts";
import type { ShipmentView } from "~/domain/shipments/shipment-view.ts";

/** A shipment's reference, from its lot's: "SH-PL-000123". */
export function shipmentReference(view: Pick<ShipmentView, "lot">): string {
  return `SH-PL-${String(view.lot.number).padStart(6, "0")}`;
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
    })),
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
                    <LocalTime iso={s.lastMilestoneAt} />
                  </small>
                </>
              ) : null}
            </td>
            <td>{s.eta ? <LocalTime iso={s.eta} /> : "—"}</td>
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
        {shipment.plannedDepartureAt ? <LocalTime iso={shipment.plannedDepartureAt} /> : "—"} →{" "}
        {shipment.plannedArrivalAt ? <LocalTime iso={shipment.plannedArrivalAt} /> : "—"}
      </dd>
      <dt>Expected arrival</dt>
      <dd>{shipment.eta ? <LocalTime iso={shipment.eta} /> : "—"}</dd>
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

export function MilestoneTimeline({ shipment }: { shipment: ShipmentView }) {
  if (shipment.milestones.length === 0) return <p>No milestone recorded yet.</p>;
  return (
    <ol className="timeline" data-testid="milestone-timeline">
      {shipment.milestones.map((m) => (
        <li key={m.sequence} data-kind={m.kind}>
          <strong>{m.label}</strong> — <LocalTime iso={m.occurredAt} />
          {m.location ? (
            <small>
              {" "}
              at {m.location.lat.toFixed(3)}, {m.location.lng.toFixed(3)}
            </small>
          ) : null}
          {m.netWeightKg !== null ? <span>, net {formatNumber(m.netWeightKg)} kg</span> : null}
          {typeof m.data?.note === "string" ? <p>{m.data.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
