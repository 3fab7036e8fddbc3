import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import {
  DISPUTE_REASONS,
  type DisputeView,
  type EvidenceView,
  PROPOSAL_KINDS,
} from "~/domain/deals/disputes.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { UmpireAssayFields, UmpireAssaySummary, UmpireResultForm } from "./deal-umpire-assay.tsx";

// Dispute statuses, reasons, proposal kinds and proposal statuses are labelled by their codes:
// deals.dispute.status.<code>, .reason.<code>, .kind.<code>, .proposalStatus.<code>.

/** Evidence files: PDFs or images, 10 MB each, five at a time (ADR 030). */
function EvidenceInput() {
  const { t } = useTranslation();
  return (
    <label>
      {t("deals.dispute.evidence")}{" "}
      <input type="file" name="evidence" multiple accept="application/pdf,image/png,image/jpeg,image/webp" />
    </label>
  );
}

function EvidenceList({ files }: { files: EvidenceView[] }) {
  if (files.length === 0) return null;
  return (
    <ul data-testid="dispute-evidence">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.url} download>
            {f.fileName}
          </a>{" "}
          · {formatFileSize(f.sizeBytes)} · <DateTime value={f.createdAt} />
        </li>
      ))}
    </ul>
  );
}

function ProposalFields({ currency, kinds }: { currency: string; kinds: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t("deals.dispute.proposal")}{" "}
        <select name="kind" required defaultValue={kinds[0]}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`deals.dispute.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        {t("deals.dispute.amount", { currency })} <input name="amount" inputMode="decimal" />
      </label>{" "}
      <label>
        {t("deals.dispute.note")} <input name="note" maxLength={2000} />
      </label>
    </>
  );
}

/**
 * The deal page's dispute section (ADR 026): the open form inside the inspection window, each
 * dispute with its proposals (the other party accepts), a propose form and the opener's withdraw
 * button; for admins, the decide form on a live dispute.
 */
export function DealDisputeSection(props: {
  disputes: DisputeView[];
  /** Evidence files of the deal's disputes: empty unless the viewer is a party or an admin. */
  evidence: EvidenceView[];
  /** Black mass sold on payables: umpire assay is offered. */
  blackMass: boolean;
  wetKg: number;
  currency: string;
  yourOrganizationId: string | null;
  isParty: boolean;
  isAdmin: boolean;
  canOpen: boolean;
  windowClosesAt: string | null;
  /** Days an unagreed dispute waits before the platform's admins decide (a platform setting). */
  escalationDays: number | null;
  errors: Record<string, string>;
}) {
  const { disputes, currency, errors } = props;
  const { t } = useTranslation();
  const error =
    errors.reason ??
    errors.description ??
    errors.amount ??
    errors.amountMinor ??
    errors.kind ??
    errors.evidence ??
    Object.entries(errors).find(([key]) => key !== "form" && key !== "kg")?.[1];
  const kinds = props.blackMass ? PROPOSAL_KINDS : PROPOSAL_KINDS.filter((k) => k !== "umpire_assay");
  return (
    <section className="card" aria-labelledby="dispute-heading" data-testid="dispute-section">
      <h2 id="dispute-heading">{t("deals.dispute.heading")}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {disputes.length === 0 && !props.canOpen ? <p className="hint">{t("deals.dispute.none")}</p> : null}
      {disputes.map((d) => {
        const live = d.status === "open" || d.status === "escalated";
        return (
          <article key={d.id} data-testid="dispute">
            <p>
              <strong>{t(`deals.dispute.reason.${d.reason}`, { defaultValue: d.reasonLabel })}</strong> ·{" "}
              <span className="badge" data-testid="dispute-status">
                {t(`deals.dispute.status.${d.status}`)}
              </span>{" "}
              ·{" "}
              <Slotted text={t("deals.dispute.opened", { time: SLOT })}>
                <DateTime value={d.createdAt} />
              </Slotted>
              {d.status === "open" ? (
                <>
                  {" "}
                  ·{" "}
                  <Slotted text={t("deals.dispute.escalates", { time: SLOT })}>
                    <DateTime value={d.escalateAt} />
                  </Slotted>
                </>
              ) : null}
            </p>
            <p>{d.description}</p>
            <EvidenceList
              files={props.evidence.filter((f) => f.disputeId === d.id && f.proposalId === null)}
            />
            {d.proposals.length > 0 ? (
              <ul>
                {d.proposals.map((p) => (
                  <li key={p.id} data-testid="dispute-proposal">
                    {p.byOrganizationId === props.yourOrganizationId
                      ? t("deals.dispute.youPropose", {
                          kind: t(`deals.dispute.kind.${p.kind}`, { defaultValue: p.kindLabel }),
                        })
                      : t("deals.dispute.theyPropose", {
                          kind: t(`deals.dispute.kind.${p.kind}`, { defaultValue: p.kindLabel }),
                        })}
                    {p.amountMinor != null ? (
                      <>
                        {" "}
                        <Money money={{ amountMinor: BigInt(p.amountMinor), currency }} />
                      </>
                    ) : null}
                    {p.note ? ` — ${p.note}` : ""} · {t(`deals.dispute.proposalStatus.${p.status}`)}
                    {p.kind === "umpire_assay" ? (
                      <UmpireAssaySummary proposal={p} currency={currency} />
                    ) : null}
                    <EvidenceList files={props.evidence.filter((f) => f.proposalId === p.id)} />
                    {live && props.isAdmin && p.kind === "umpire_assay" && p.status === "accepted" ? (
                      <UmpireResultForm disputeId={d.id} proposal={p} />
                    ) : null}
                    {live &&
                    props.isParty &&
                    p.status === "proposed" &&
                    p.byOrganizationId !== props.yourOrganizationId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="dispute_accept" />
                        <input type="hidden" name="disputeId" value={d.id} />
                        <input type="hidden" name="proposalId" value={p.id} />
                        <button type="submit">{t("deals.dispute.accept")}</button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {live && props.isParty ? (
              <Form
                method="post"
                encType="multipart/form-data"
                className="inline-form"
                aria-label={t("deals.dispute.proposeLabel")}
              >
                <input type="hidden" name="intent" value="dispute_propose" />
                <input type="hidden" name="disputeId" value={d.id} />
                <ProposalFields currency={currency} kinds={kinds} />{" "}
                {props.blackMass ? <UmpireAssayFields currency={currency} wetKg={props.wetKg} /> : null}
                <EvidenceInput /> <button type="submit">{t("deals.dispute.propose")}</button>
              </Form>
            ) : null}
            {live && props.isParty && d.openedByOrganizationId === props.yourOrganizationId ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="dispute_withdraw" />
                <input type="hidden" name="disputeId" value={d.id} />
                <button type="submit">{t("deals.dispute.withdraw")}</button>
              </Form>
            ) : null}
            {live && props.isAdmin ? (
              <Form method="post" className="inline-form" aria-label={t("deals.dispute.decideLabel")}>
                <input type="hidden" name="intent" value="dispute_decide" />
                <input type="hidden" name="disputeId" value={d.id} />
                <ProposalFields
                  currency={currency}
                  kinds={["partial_refund", "price_adjustment", "return"]}
                />{" "}
                <button type="submit">{t("deals.dispute.decide")}</button>
              </Form>
            ) : null}
          </article>
        );
      })}
      {props.canOpen ? (
        <Form
          method="post"
          encType="multipart/form-data"
          className="stack"
          aria-label={t("deals.dispute.open")}
        >
          <input type="hidden" name="intent" value="dispute_open" />
          <p className="hint">
            {t("deals.dispute.freezes")}
            {props.windowClosesAt ? (
              <>
                {" "}
                <Slotted text={t("deals.dispute.until", { time: SLOT })}>
                  <DateTime value={props.windowClosesAt} />
                </Slotted>
              </>
            ) : null}
            {props.escalationDays ? ` ${t("deals.dispute.escalation", { count: props.escalationDays })}` : ""}
          </p>
          <label>
            {t("deals.dispute.reasonLabel")}{" "}
            <select name="reason" required>
              {DISPUTE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`deals.dispute.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("deals.dispute.whatIsWrong")}{" "}
            <textarea name="description" required maxLength={4000} rows={3} />
          </label>
          <EvidenceInput />
          <button type="submit">{t("deals.dispute.open")}</button>
        </Form>
      ) : null}
    </section>
  );
}
