import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { certificateJson } from "~/api/certificate-api.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { CHEMISTRY_LABELS, LOT_FORM_LABELS, RECYCLING_PROCESS_LABELS } from "~/domain/codes.ts";
import { METAL_LABELS, type Metal } from "~/domain/metal-content.ts";
import { formatBasisPoints, formatNumber } from "~/domain/quantity.ts";
import { getCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Verify ${loaded.number} · Packloop` : "Verify a certificate · Packloop" },
];

/**
 * /verify/:certificateNumber (public, no login; the certificate's QR code points here): what the
 * certificate of recovery states, the custody chain head when it was issued, and whether the lot's
 * chain verifies now (issue 12 items 4 and 5).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await getCertificate(params.certificateNumber ?? "");
  if (!view) throw new Response("No such certificate.", { status: 404 });
  return certificateJson(view, publicBaseUrl(request));
}

const kg = (value: number) => `${formatNumber(value, { maxDecimals: 1 })} kg`;
const tonnes = (kgCo2e: number) => `${formatNumber(kgCo2e / 1000, { maxDecimals: 3 })} t CO2e`;

export default function VerifyCertificate() {
  const c = useLoaderData<typeof loader>();
  const verified = c.chain.verified && c.chain.headMatches;
  return (
    <div className="stack" data-testid="verify-page">
      <h1>Certificate of recovery {c.number}</h1>
      <p data-testid="verify-verdict" className={verified ? "notice" : "form-error"}>
        {verified
          ? `Chain of custody verified: all ${c.chain.head?.sequence ?? 0} events of this lot check out, and the event this certificate names still carries its hash.`
          : c.chain.verified
            ? "Not verified: the event this certificate names no longer carries the hash it was issued with."
            : `Not verified: the lot's chain of custody is broken at event ${c.chain.brokenAt}.`}
      </p>
      <dl className="facts">
        <dt>Issued</dt>
        <dd>
          <DateTime value={c.issuedAt} /> by {c.issuedBy}
        </dd>
        <dt>Lot</dt>
        <dd>
          {c.lot.title} (
          {CHEMISTRY_LABELS[c.lot.chemistry as keyof typeof CHEMISTRY_LABELS] ?? c.lot.chemistry},{" "}
          {LOT_FORM_LABELS[c.lot.form as keyof typeof LOT_FORM_LABELS] ?? c.lot.form})
        </dd>
        <dt>Mass received</dt>
        <dd data-testid="verify-mass">
          {kg(c.massReceivedKg)} on <DateTime value={c.receivedAt} />
        </dd>
        <dt>Facility</dt>
        <dd>
          {c.facility.name}, {c.facility.address}
        </dd>
        <dt>Process</dt>
        <dd>
          {RECYCLING_PROCESS_LABELS[c.process as keyof typeof RECYCLING_PROCESS_LABELS] ?? c.process},
          processed <DateTime value={c.processedAt} />
        </dd>
      </dl>
      <section>
        <h2>Recovered metals</h2>
        <table data-testid="verify-metals">
          <thead>
            <tr>
              <th scope="col">Metal</th>
              <th scope="col">Contained</th>
              <th scope="col">Recovery rate</th>
              <th scope="col">Recovered</th>
              <th scope="col">Basis</th>
            </tr>
          </thead>
          <tbody>
            {c.recovered.map((m) => (
              <tr key={m.metal}>
                <td>{METAL_LABELS[m.metal as Metal] ?? m.metal}</td>
                <td className="number">{kg(m.containedKg)}</td>
                <td className="number">{formatBasisPoints(m.recoveryRateBp)}</td>
                <td className="number">{kg(m.recoveredKg)}</td>
                <td>{m.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Carbon record</h2>
        <dl className="facts">
          <dt>Transport as shipped</dt>
          <dd data-testid="verify-transport">{tonnes(c.carbon.transport.co2eKg)}</dd>
          <dt>Avoided against primary production (estimate)</dt>
          <dd>{tonnes(c.carbon.avoided.co2eKg)}</dd>
          <dt>Net avoided</dt>
          <dd>{tonnes(c.carbon.avoided.netOfTransportCo2eKg)}</dd>
        </dl>
      </section>
      <section>
        <h2>Chain of custody</h2>
        <dl className="facts">
          <dt>Head when issued</dt>
          <dd>
            event {c.chainAtIssue.sequence}, <code className="hash">{c.chainAtIssue.hash}</code>
          </dd>
          <dt>Head now</dt>
          <dd>
            {c.chain.head ? (
              <>
                event {c.chain.head.sequence}, <code className="hash">{c.chain.head.hash}</code>
              </>
            ) : (
              "none"
            )}
          </dd>
        </dl>
        <p className="hint">
          Each event's SHA-256 covers the previous hash and the event's canonical JSON (RFC 8785); the daily
          digests of every chain head are at <a href="/transparency/anchors">/transparency/anchors</a>.
        </p>
      </section>
      <p>
        <a href={`/certificates/${c.number}.pdf`}>Download the certificate (PDF)</a> ·{" "}
        <a href={`/api/v1/certificates/${c.number}`}>as JSON</a>
      </p>
    </div>
  );
}
