import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { RoutesMap } from "~/components/map/routes-map.tsx";
import { ConsentSection, EvidenceInputs, EvidenceList } from "~/components/shipment-evidence.tsx";
import { MilestoneFacts } from "~/components/shipment-form.tsx";
import {
  MilestoneTimeline,
  ShipmentFacts,
  shipmentReference,
  shipmentRouteLine,
} from "~/components/shipments.tsx";
import { useLiveShipment } from "~/components/use-live-shipment.ts";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import { SHIPMENT_PAPER_LABELS } from "~/domain/papers/shipment-papers.ts";
import { MAX_EVIDENCE_FORM_BYTES } from "~/domain/shipments/evidence.ts";
import { MILESTONE_LABELS } from "~/domain/shipments/milestones.ts";
import { zonedDateTimeValue } from "~/domain/time-zone.ts";
import {
  issueCertificate,
  shipmentCertificateNumber,
} from "~/models/certificates/recovery-certificate.server.ts";
import {
  checkEvidenceUploads,
  evidenceForShipment,
  recordMilestoneWithEvidence,
} from "~/models/shipments/milestone-evidence.server.ts";
import {
  consentsForShipment,
  mayRecordConsent,
  recordShipmentConsent,
} from "~/models/shipments/shipment-consent.server.ts";
import { assignCarrierNow, carrierChoice } from "~/models/shipments/shipment-create.server.ts";
import { shipmentPapersFor } from "~/models/shipments/shipment-papers.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";
import shipmentStyles from "~/styles/shipments.css?url";
import { readFormWithFiles } from "~/utils/multipart.server.ts";
import { viewerTimeZone } from "~/utils/time-zone.server.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";
import { consentFromForm, milestoneFromForm } from "./shipments.$shipmentId.server.ts";

export const links = () => [{ rel: "stylesheet", href: shipmentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${shipmentReference(loaded.shipment)} · Shipments · Packloop` : "Shipment · Packloop" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const shipment = await getShipmentFor(actor.organization.id, params.shipmentId ?? "");
  if (!shipment) throw new Response("No such shipment.", { status: 404 });
  const carrier = await carrierChoice(actor.organization.id, shipment.id);
  const certificateNumber = await shipmentCertificateNumber(shipment.id);
  const papers = await shipmentPapersFor(actor.organization.id, shipment.id);
  const evidence = await evidenceForShipment(shipment.id);
  const consents = await consentsForShipment(shipment.id);
  const canRecordConsent = await mayRecordConsent(actor.organization.id, shipment.id);
  return {
    shipment,
    carrier,
    certificateNumber,
    papers,
    evidence,
    consents,
    canRecordConsent,
    // The form's default, now, in the zone its label names (the viewer's, ADR 040).
    nowLocal: zonedDateTimeValue(new Date(), viewerTimeZone(request, actor.user?.timeZone)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const shipmentId = params.shipmentId ?? "";
  if (!(await getShipmentFor(actor.organization.id, shipmentId)))
    throw new Response("No such shipment.", { status: 404 });
  // The milestone form carries evidence files (multipart); the other forms are plain.
  const { form, files } = await readFormWithFiles(request, {
    maxFileBytes: MAX_DOCUMENT_BYTES,
    maxTotalBytes: MAX_EVIDENCE_FORM_BYTES,
  });
  if (form.get("intent") === "record-consent") {
    const recorded = await recordShipmentConsent({
      shipmentId,
      ...consentFromForm(form),
      actor: { organizationId: actor.organization.id, userId: actor.userId },
    });
    if (!recorded.ok) {
      const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
      return data(
        {
          errors: failureFieldErrors(recorded),
          formError: recorded.message,
          values,
          intent: "record-consent",
        } as FormFeedback & { intent: string },
        { status: failureStatus(recorded.code) },
      );
    }
    return redirect(`/shipments/${shipmentId}`);
  }
  if (form.get("intent") === "assign-carrier") {
    const chosen = String(form.get("carrierOrganizationId") ?? "");
    const assigned = await assignCarrierNow({
      shipmentId,
      carrierOrganizationId: chosen || null,
      actorOrganizationId: actor.organization.id,
    });
    if (!assigned.ok) {
      return data({ errors: failureFieldErrors(assigned), formError: assigned.message } as FormFeedback, {
        status: failureStatus(assigned.code),
      });
    }
    return redirect(`/shipments/${shipmentId}`);
  }
  // `certified` is only ever recorded with its certificate (issue 12 item 5).
  if (form.get("intent") === "issue-certificate" || form.get("kind") === "certified") {
    const issued = await issueCertificate({
      shipmentId,
      actor: { organizationId: actor.organization.id, userId: actor.userId },
    });
    if (!issued.ok) {
      return data({ errors: failureFieldErrors(issued), formError: issued.message } as FormFeedback, {
        status: failureStatus(issued.code),
      });
    }
    return redirect(`/shipments/${shipmentId}`);
  }
  const parsed = milestoneFromForm(form);
  if (!parsed.ok) {
    return data(
      {
        errors: failureFieldErrors(parsed),
        formError: parsed.message,
        values: parsed.values,
      } as FormFeedback,
      {
        status: 400,
      },
    );
  }
  const uploads = checkEvidenceUploads(files, form.get("evidenceKind") as string | null);
  if (Object.keys(uploads.errors).length > 0) {
    return data(
      {
        errors: uploads.errors,
        formError: Object.values(uploads.errors)[0],
        values: parsed.values,
      } as FormFeedback,
      { status: 400 },
    );
  }
  const result = await recordMilestoneWithEvidence(
    {
      shipmentId,
      ...parsed.input,
      actor: { organizationId: actor.organization.id, userId: actor.userId },
    },
    uploads.evidence,
  );
  if (!result.ok) {
    return data(
      {
        errors: failureFieldErrors(result),
        formError: result.message,
        values: parsed.values,
      } as FormFeedback,
      {
        status: failureStatus(result.code),
      },
    );
  }
  return redirect(`/shipments/${shipmentId}`);
}

export default function ShipmentPage() {
  const { shipment, carrier, certificateNumber, papers, evidence, consents, canRecordConsent, nowLocal } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (FormFeedback & { intent?: string }) | undefined;
  // Each form shows only its own refusal: the consent form's errors are not the milestone's.
  const consentFeedback = answer?.intent === "record-consent" ? answer : undefined;
  const feedback = answer?.intent === "record-consent" ? undefined : answer;
  const busy = useNavigation().state === "submitting";
  useLiveShipment(shipment.id, shipment.version);
  const timeZone = useTimeZone();
  const next = shipment.nextMilestone;
  const first = shipment.legs[0];
  return (
    <div className="stack" data-testid="shipment-page">
      <h1>
        {shipmentReference(shipment)} · {shipment.lot.title}
      </h1>
      <div className="shipments-split">
        {first ? (
          <RoutesMap
            anchor={{ lat: first.from.lat, lng: first.from.lng, label: first.from.label ?? "Pick-up" }}
            routes={[shipmentRouteLine(shipment)]}
            height={420}
            showTravelled
          />
        ) : (
          <p className="empty">No route planned.</p>
        )}
        <ShipmentFacts shipment={shipment} />
      </div>
      {carrier.allowed ? (
        <Form method="post" className="inline-form" aria-label="Assign the carrier">
          <input type="hidden" name="intent" value="assign-carrier" />
          <label>
            Carrier{" "}
            <select name="carrierOrganizationId" defaultValue={shipment.carrier?.id ?? ""}>
              <option value="">None</option>
              {carrier.carriers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit" className="button-small">
            Assign carrier
          </button>
        </Form>
      ) : null}
      <section>
        <h2>Milestones</h2>
        <MilestoneTimeline shipment={shipment} />
      </section>
      <EvidenceList shipmentId={shipment.id} evidence={evidence} />
      <ConsentSection
        consents={consents}
        canRecord={canRecordConsent}
        needsConsent={shipment.needsConsent}
        feedback={consentFeedback}
        busy={busy}
      />
      {papers.length > 0 ? (
        <section aria-label="Papers">
          <h2>Papers</h2>
          <ul data-testid="shipment-papers">
            {papers.map((paper) => (
              <li key={paper}>
                <a href={`/shipments/${shipment.id}/papers/${paper}.pdf`}>
                  {SHIPMENT_PAPER_LABELS[paper]} (PDF)
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {certificateNumber ? (
        <p data-testid="shipment-certificate">
          Certificate of recovery <a href={`/verify/${certificateNumber}`}>{certificateNumber}</a> ·{" "}
          <a href={`/certificates/${certificateNumber}.pdf`}>PDF</a>
        </p>
      ) : null}
      {next === "certified" && shipment.canRecordNext ? (
        <Form method="post" className="card" aria-label="Issue the certificate of recovery">
          <input type="hidden" name="intent" value="issue-certificate" />
          <p>
            The lot was received and processed: issuing the certificate records the recovered metals from this
            facility's recovery rates and closes the chain of custody.
          </p>
          <FormError feedback={feedback} />
          <button type="submit" disabled={busy}>
            Issue certificate of recovery
          </button>
        </Form>
      ) : next && shipment.canRecordNext ? (
        <section className="card">
          <h2>Record: {MILESTONE_LABELS[next]}</h2>
          {/* Keyed by the milestone: after a recording the next one's form starts empty, instead of
              keeping the files and fields just sent (which would be sent again with the next one). */}
          <Form
            key={`${next}-${shipment.milestones.length}`}
            method="post"
            encType="multipart/form-data"
            className="milestone-form"
            aria-label="Record the next milestone"
          >
            <input type="hidden" name="kind" value={next} />
            <input type="hidden" name="timeZone" value={timeZone} />
            <TextField
              name="occurredAt"
              label={`When (${timeZone})`}
              type="datetime-local"
              required
              defaultValue={nowLocal}
              feedback={feedback}
            />
            <TextField name="lat" label="Latitude" inputMode="decimal" feedback={feedback} />
            <TextField name="lng" label="Longitude" inputMode="decimal" feedback={feedback} />
            <MilestoneFacts kind={next} feedback={feedback} />
            <TextField name="note" label="Note" feedback={feedback} />
            <EvidenceInputs feedback={feedback} />
            <FormError feedback={feedback} />
            <button type="submit" disabled={busy}>
              Record “{MILESTONE_LABELS[next]}”
            </button>
          </Form>
        </section>
      ) : next ? (
        <p>
          Next: <strong>{MILESTONE_LABELS[next]}</strong>, recorded by another organisation on this shipment.
        </p>
      ) : (
        <p>Every milestone of this shipment is recorded.</p>
      )}
    </div>
  );
}
