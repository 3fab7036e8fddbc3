import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import {
  DISPUTE_REASON_LABELS,
  DISPUTE_REASONS,
  type DisputeView,
  type EvidenceView,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_KINDS,
} from "~/domain/deals/disputes.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { UmpireAssayFields, UmpireAssaySummary, UmpireResultForm } from "./deal-umpire-assay.tsx";

const STATUS_LABELS: Record<DisputeView["status"], string> = {
  open: "Open",
  agreed: "Agreed",
  escalated: "With the platform's admins",
  decided: "Decided by the platform",
  withdrawn: "Withdrawn",
};

/** Evidence files: PDFs or images, 10 MB each, five at a time (ADR 030). */
function EvidenceInput() {
  return (
    <label>
      Evidence (PDF or images, up to 5 files of 10 MB){" "}
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
  return (
    <>
      <label>
        Proposal{" "}
        <select name="kind" required defaultValue={kinds[0]}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {PROPOSAL_KIND_LABELS[k as keyof typeof PROPOSAL_KIND_LABELS]}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        Amount ({currency}, for a price adjustment or a partial refund){" "}
        <input name="amount" inputMode="decimal" />
      </label>{" "}
      <label>
        Note <input name="note" maxLength={2000} />
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
  const money = (minor: string | null) =>
    minor == null ? "" : formatMoney({ amountMinor: BigInt(minor), currency });
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
      <h2 id="dispute-heading">Dispute</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {disputes.length === 0 && !props.canOpen ? <p className="hint">No dispute.</p> : null}
      {disputes.map((d) => {
        const live = d.status === "open" || d.status === "escalated";
        return (
          <article key={d.id} data-testid="dispute">
            <p>
              <strong>{d.reasonLabel}</strong> ·{" "}
              <span className="badge" data-testid="dispute-status">
                {STATUS_LABELS[d.status]}
              </span>{" "}
              · opened <DateTime value={d.createdAt} />
              {d.status === "open" ? (
                <>
                  {" "}
                  · goes to the platform's admins <DateTime value={d.escalateAt} />
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
                      ? "You propose"
                      : "The other party proposes"}
                    : {p.kindLabel}
                    {p.amountMinor != null ? ` ${money(p.amountMinor)}` : ""}
                    {p.note ? ` — ${p.note}` : ""} · {p.status}
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
                        <button type="submit">Accept</button>
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
                aria-label="Propose an outcome"
              >
                <input type="hidden" name="intent" value="dispute_propose" />
                <input type="hidden" name="disputeId" value={d.id} />
                <ProposalFields currency={currency} kinds={kinds} />{" "}
                {props.blackMass ? <UmpireAssayFields currency={currency} wetKg={props.wetKg} /> : null}
                <EvidenceInput /> <button type="submit">Propose</button>
              </Form>
            ) : null}
            {live && props.isParty && d.openedByOrganizationId === props.yourOrganizationId ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="dispute_withdraw" />
                <input type="hidden" name="disputeId" value={d.id} />
                <button type="submit">Withdraw the dispute</button>
              </Form>
            ) : null}
            {live && props.isAdmin ? (
              <Form method="post" className="inline-form" aria-label="Decide the dispute">
                <input type="hidden" name="intent" value="dispute_decide" />
                <input type="hidden" name="disputeId" value={d.id} />
                <ProposalFields
                  currency={currency}
                  kinds={["partial_refund", "price_adjustment", "return"]}
                />{" "}
                <button type="submit">Decide</button>
              </Form>
            ) : null}
          </article>
        );
      })}
      {props.canOpen ? (
        <Form method="post" encType="multipart/form-data" className="stack" aria-label="Open a dispute">
          <input type="hidden" name="intent" value="dispute_open" />
          <p className="hint">
            Disputing freezes the deal's money until you agree an outcome or the platform decides.
            {props.windowClosesAt ? (
              <>
                {" "}
                You can dispute until <DateTime value={props.windowClosesAt} />.
              </>
            ) : null}
            {props.escalationDays
              ? ` Unagreed after ${props.escalationDays} days, it goes to the platform's admins to decide.`
              : ""}
          </p>
          <label>
            Reason{" "}
            <select name="reason" required>
              {DISPUTE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {DISPUTE_REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            What is wrong <textarea name="description" required maxLength={4000} rows={3} />
          </label>
          <EvidenceInput />
          <button type="submit">Open a dispute</button>
        </Form>
      ) : null}
    </section>
  );
}
