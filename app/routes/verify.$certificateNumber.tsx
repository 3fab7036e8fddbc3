import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { certificateJson } from "~/api/certificate-api.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { CHEMISTRY_LABELS, LOT_FORM_LABELS, RECYCLING_PROCESS_LABELS } from "~/domain/codes.ts";
import { METAL_LABELS, type Metal } from "~/domain/metal-content.ts";
import { metaMessage, translatedTitle } from "~/i18n/meta.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { getCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { publicBaseUrl } from "~/utils/public-url.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => [
  {
    title: loaded
      ? `${metaMessage(matches, "verify.titleNumber", { number: loaded.number })} · Packloop`
      : translatedTitle(matches, "verify.title"),
  },
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

export default function VerifyCertificate() {
  const c = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useFormat();
  const kg = (value: number) => `${format.number(value, { maxDecimals: 1 })} kg`;
  const co2e = (kgCo2e: number) =>
    t("verify.co2e", { tonnes: format.number(kgCo2e / 1000, { maxDecimals: 3 }) });
  const verified = c.chain.verified && c.chain.headMatches;
  // Forms and processes are labelled by their codes (the /lots and /facilities keys); chemistry
  // codes, the lot's title and the facility's name and address are data and stay as they are.
  const formLabel = t(`lots.form.${c.lot.form}`, {
    defaultValue: LOT_FORM_LABELS[c.lot.form as keyof typeof LOT_FORM_LABELS] ?? c.lot.form,
  });
  const processLabel = t(`facilities.process.${c.process}`, {
    defaultValue: RECYCLING_PROCESS_LABELS[c.process as keyof typeof RECYCLING_PROCESS_LABELS] ?? c.process,
  });
  return (
    <div className="stack" data-testid="verify-page">
      <h1>{t("verify.heading", { number: c.number })}</h1>
      <p data-testid="verify-verdict" className={verified ? "notice" : "form-error"}>
        {verified
          ? t("verify.verdict.verified", { count: c.chain.head?.sequence ?? 0 })
          : c.chain.verified
            ? t("verify.verdict.headMoved")
            : t("verify.verdict.broken", { event: c.chain.brokenAt })}
      </p>
      <dl className="facts">
        <dt>{t("verify.issued")}</dt>
        <dd>
          <Slotted text={t("verify.issuedBy", { time: SLOT, issuer: c.issuedBy })}>
            <DateTime value={c.issuedAt} />
          </Slotted>
        </dd>
        <dt>{t("verify.lot")}</dt>
        <dd>
          {c.lot.title} (
          {CHEMISTRY_LABELS[c.lot.chemistry as keyof typeof CHEMISTRY_LABELS] ?? c.lot.chemistry}, {formLabel}
          )
        </dd>
        <dt>{t("verify.massReceived")}</dt>
        <dd data-testid="verify-mass">
          <Slotted text={t("verify.massOn", { mass: kg(c.massReceivedKg), time: SLOT })}>
            <DateTime value={c.receivedAt} />
          </Slotted>
        </dd>
        <dt>{t("verify.facility")}</dt>
        <dd>
          {c.facility.name}, {c.facility.address}
        </dd>
        <dt>{t("verify.process")}</dt>
        <dd>
          <Slotted text={t("verify.processedAt", { process: processLabel, time: SLOT })}>
            <DateTime value={c.processedAt} />
          </Slotted>
        </dd>
      </dl>
      <section>
        <h2>{t("verify.metals.title")}</h2>
        <table data-testid="verify-metals">
          <thead>
            <tr>
              <th scope="col">{t("verify.metals.metal")}</th>
              <th scope="col">{t("verify.metals.contained")}</th>
              <th scope="col">{t("verify.metals.rate")}</th>
              <th scope="col">{t("verify.metals.recovered")}</th>
              <th scope="col">{t("verify.metals.basis")}</th>
            </tr>
          </thead>
          <tbody>
            {c.recovered.map((m) => (
              <tr key={m.metal}>
                <td>
                  {t(`insights.metals.${m.metal}`, {
                    defaultValue: METAL_LABELS[m.metal as Metal] ?? m.metal,
                  })}
                </td>
                <td className="number">{kg(m.containedKg)}</td>
                <td className="number">{format.percent(m.recoveryRateBp / 100)}</td>
                <td className="number">{kg(m.recoveredKg)}</td>
                <td>{t(`verify.basis.${m.basis}`, { defaultValue: m.basis })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t("verify.carbon.title")}</h2>
        <dl className="facts">
          <dt>{t("verify.carbon.transport")}</dt>
          <dd data-testid="verify-transport">{co2e(c.carbon.transport.co2eKg)}</dd>
          <dt>{t("verify.carbon.avoided")}</dt>
          <dd>{co2e(c.carbon.avoided.co2eKg)}</dd>
          <dt>{t("verify.carbon.net")}</dt>
          <dd>{co2e(c.carbon.avoided.netOfTransportCo2eKg)}</dd>
        </dl>
      </section>
      <section>
        <h2>{t("verify.chain.title")}</h2>
        <dl className="facts">
          <dt>{t("verify.chain.atIssue")}</dt>
          <dd>
            {t("verify.chain.event", { sequence: c.chainAtIssue.sequence })},{" "}
            <code className="hash">{c.chainAtIssue.hash}</code>
          </dd>
          <dt>{t("verify.chain.now")}</dt>
          <dd>
            {c.chain.head ? (
              <>
                {t("verify.chain.event", { sequence: c.chain.head.sequence })},{" "}
                <code className="hash">{c.chain.head.hash}</code>
              </>
            ) : (
              t("verify.chain.none")
            )}
          </dd>
        </dl>
        <p className="hint">
          <Trans
            i18nKey="verify.chain.hint"
            components={{ anchors: <a href="/transparency/anchors">/transparency/anchors</a> }}
          />
        </p>
      </section>
      <p>
        <a href={`/certificates/${c.number}.pdf`}>{t("verify.pdf")}</a> ·{" "}
        <a href={`/api/v1/certificates/${c.number}`}>{t("verify.json")}</a>
      </p>
    </div>
  );
}
