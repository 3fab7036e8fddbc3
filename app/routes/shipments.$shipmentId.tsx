import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { RoutesMap } from "~/components/map/routes-map.tsx";
import { ConsentSection, EvidenceInputs, EvidenceList } from "~/components/shipment-evidence.tsx";
import { MilestoneFacts } from "~/components/shipment-form.tsx";
import {
  MilestoneTimeline,
  milestoneLabel,
  ShipmentFacts,
  shipmentReference,
  shipmentRouteLine,
} from "~/components/shipments.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { useLiveShipment } from "~/components/use-live-shipment.ts";
import { type Failure, failureStatus } from "~/domain/failure.ts";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import { SHIPMENT_PAPER_LABELS } from "~/domain/papers/shipment-papers.ts";
import { MAX_EVIDENCE_FILES, MAX_EVIDENCE_FORM_BYTES } from "~/domain/shipments/evidence.ts";
import { zonedDateTimeValue } from "~/domain/time-zone.ts";
import { metaMessage } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  issueCertificate,
  shipmentCertificateNumber,
} from "~/models/certificates/recovery-certificate.server.ts";
import {
  checkEvidenceUploads,
  type EvidenceProblem,
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
import { consentFromForm, failureFeedback, milestoneFromForm } from "./shipments.$shipmentId.server.ts";

export const links = () => [{ rel: "stylesheet", href: shipmentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => [
  {
    title: loaded
      ? `${shipmentReference(loaded.shipment)} · ${metaMessage(matches, "shipments.title")} · Packloop`
      : `${metaMessage(matches, "shipments.one")} · Packloop`,
  },
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
  // Refusals are worded in the page's language; the API's English and codes do not change (ADR 054).
  const t = pageTranslator(request, actor.user?.language);
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
        { ...failureFeedback(t, recorded), values, intent: "record-consent" } as FormFeedback & {
          intent: string;
        },
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
      return data(failureFeedback(t, assigned) as FormFeedback, { status: failureStatus(assigned.code) });
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
      return data(failureFeedback(t, issued) as FormFeedback, { status: failureStatus(issued.code) });
    }
    return redirect(`/shipments/${shipmentId}`);
  }
  const parsed = milestoneFromForm(form, t);
  if (!parsed.ok) {
    return data({ ...failureFeedback(t, parsed as Failure), values: parsed.values } as FormFeedback, {
      status: 400,
    });
  }
  const uploads = checkEvidenceUploads(files, form.get("evidenceKind") as string | null);
  if (Object.keys(uploads.errors).length > 0) {
    const errors = evidenceErrors(t, uploads.problems);
    return data(
      {
        errors,
        formError: Object.values(errors)[0],
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
    return data({ ...failureFeedback(t, result), values: parsed.values } as FormFeedback, {
      status: failureStatus(result.code),
    });
  }
  return redirect(`/shipments/${shipmentId}`);
}

/**
 * The evidence files' refusals in the page's language, by their code; a refused file's own reason
 * is the lot documents' upload rule's, still in English (ADR 056).
 */
function evidenceErrors(t: TFunction, problems: Record<string, EvidenceProblem>): Record<string, string> {
  const worded: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) {
    worded[field] =
      problem.code === "FILE_REFUSED"
        ? t("shipments.errors.FILE_REFUSED", {
            file: problem.file || t("shipments.errors.theFile"),
            reason: problem.reason,
          })
        : t(`shipments.errors.${problem.code}`, { max: MAX_EVIDENCE_FILES });
  }
  return worded;
}

export default function ShipmentPage() {
  const { t } = useTranslation();
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
  const nextLabel = next ? milestoneLabel(t, next) : "";
  return (
    <div className="stack" data-testid="shipment-page">
      <h1>
        {shipmentReference(shipment)} · {shipment.lot.title}
      </h1>
      <div className="shipments-split">
        {first ? (
          <RoutesMap
            anchor={{
              lat: first.from.lat,
              lng: first.from.lng,
              label: first.from.label ?? t("shipments.pickUp"),
            }}
            routes={[shipmentRouteLine(t, shipment)]}
            height={420}
            showTravelled
          />
        ) : (
          <p className="empty">{t("shipments.noRoute")}</p>
        )}
        <ShipmentFacts shipment={shipment} />
      </div>
      {carrier.allowed ? (
        <Form method="post" className="inline-form" aria-label={t("shipments.carrier.formLabel")}>
          <input type="hidden" name="intent" value="assign-carrier" />
          <label>
            {t("shipments.carrier.label")}{" "}
            <select name="carrierOrganizationId" defaultValue={shipment.carrier?.id ?? ""}>
              <option value="">{t("shipments.carrier.none")}</option>
              {carrier.carriers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit" className="button-small">
            {t("shipments.carrier.assign")}
          </button>
        </Form>
      ) : null}
      <section>
        <h2>{t("shipments.milestones")}</h2>
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
        <section aria-label={t("shipments.papers.heading")}>
          <h2>{t("shipments.papers.heading")}</h2>
          <ul data-testid="shipment-papers">
            {papers.map((paper) => (
              <li key={paper}>
                <a href={`/shipments/${shipment.id}/papers/${paper}.pdf`}>
                  {t("shipments.papers.pdf", {
                    paper: t(`shipments.papers.kind.${paper}`, {
                      defaultValue: SHIPMENT_PAPER_LABELS[paper],
                    }),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {certificateNumber ? (
        <p data-testid="shipment-certificate">
          <Slotted text={t("shipments.certificate.line", { number: SLOT })}>
            <a href={`/verify/${certificateNumber}`}>{certificateNumber}</a>
          </Slotted>{" "}
          · <a href={`/certificates/${certificateNumber}.pdf`}>PDF</a>
        </p>
      ) : null}
      {next === "certified" && shipment.canRecordNext ? (
        <Form method="post" className="card" aria-label={t("shipments.certificate.formLabel")}>
          <input type="hidden" name="intent" value="issue-certificate" />
          <p>{t("shipments.certificate.explain")}</p>
          <FormError feedback={feedback} />
          <button type="submit" disabled={busy}>
            {t("shipments.certificate.issue")}
          </button>
        </Form>
      ) : next && shipment.canRecordNext ? (
        <section className="card">
          <h2>{t("shipments.record.heading", { milestone: nextLabel })}</h2>
          {/* Keyed by the milestone: after a recording the next one's form starts empty, instead of
              keeping the files and fields just sent (which would be sent again with the next one). */}
          <Form
            key={`${next}-${shipment.milestones.length}`}
            method="post"
            encType="multipart/form-data"
            className="milestone-form"
            aria-label={t("shipments.record.formLabel")}
          >
            <input type="hidden" name="kind" value={next} />
            <input type="hidden" name="timeZone" value={timeZone} />
            <TextField
              name="occurredAt"
              label={t("shipments.record.when", { zone: timeZone })}
              type="datetime-local"
              required
              defaultValue={nowLocal}
              feedback={feedback}
            />
            <TextField
              name="lat"
              label={t("shipments.record.latitude")}
              inputMode="decimal"
              feedback={feedback}
            />
            <TextField
              name="lng"
              label={t("shipments.record.longitude")}
              inputMode="decimal"
              feedback={feedback}
            />
            <MilestoneFacts kind={next} feedback={feedback} />
            <TextField name="note" label={t("shipments.record.note")} feedback={feedback} />
            <EvidenceInputs feedback={feedback} />
            <FormError feedback={feedback} />
            <button type="submit" disabled={busy}>
              {t("shipments.record.button", { milestone: nextLabel })}
            </button>
          </Form>
        </section>
      ) : next ? (
        <p>
          <Slotted text={t("shipments.record.nextByOther", { milestone: SLOT })}>
            <strong>{nextLabel}</strong>
          </Slotted>
        </p>
      ) : (
        <p>{t("shipments.allRecorded")}</p>
      )}
    </div>
  );
}
