import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { FacilityForm } from "~/components/facility-form.tsx";
import { FormError, TextField } from "~/components/form.tsx";
import { isoDay, validateCertification } from "~/domain/facility-certification.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  addCertification,
  getOwnFacility,
  removeCertification,
  setFacilityActive,
  updateFacility,
} from "~/models/facility.server.ts";
import {
  facilityFormDefaults,
  ownerFailure,
  pageWording,
  readCertificationForm,
  readFacilityForm,
} from "~/routes/facility-pages.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? translatedTitle(matches, "facilities.edit.title", { name: data.name })
      : translatedTitle(matches, "facilities.edit.metaTitle"),
  },
];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "recycler" });
  const found = await getOwnFacility(params.facilityId ?? "", organization.id);
  if (!found.ok) throw ownerFailure(found);
  const { facility } = found;
  return {
    id: facility.id,
    name: facility.name,
    active: facility.active,
    defaults: facilityFormDefaults(facility, organization.economyCode),
    certifications: facility.certifications.map((c) => ({
      id: c.id,
      name: c.name,
      reference: c.reference,
      issuedBy: c.issuedBy,
      expiresOn: c.expiresOn ? isoDay(c.expiresOn) : null,
    })),
    today: isoDay(new Date()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireActor(request, { capability: "recycler" });
  const t = pageTranslator(request, user.language);
  const facilityId = params.facilityId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "profile") {
    const { input, values } = readFacilityForm(form);
    const result = validateFacilityProfile(input, pageWording(t, "facilities.form.errors"));
    if (!result.ok) return data({ intent, errors: result.errors, values, notice: null }, { status: 400 });
    const outcome = await updateFacility(facilityId, organization.id, result.profile);
    if (!outcome.ok) throw ownerFailure(outcome);
    return redirect(`/facilities/${facilityId}`);
  }
  if (intent === "add-certification") {
    const { input, values } = readCertificationForm(form);
    const result = validateCertification(
      input,
      new Date(),
      pageWording(t, "facilities.edit.certificationErrors"),
    );
    if (!result.ok) return data({ intent, errors: result.errors, values, notice: null }, { status: 400 });
    const outcome = await addCertification(facilityId, organization.id, result.certification);
    if (!outcome.ok) throw ownerFailure(outcome);
    return {
      intent,
      errors: {},
      values: {},
      notice: t("facilities.edit.certificationAdded", { name: result.certification.name }),
    };
  }
  if (intent === "remove-certification") {
    const outcome = await removeCertification(
      facilityId,
      organization.id,
      String(form.get("certificationId") ?? ""),
    );
    if (!outcome.ok) throw ownerFailure(outcome);
    return { intent, errors: {}, values: {}, notice: t("facilities.edit.certificationRemoved") };
  }
  if (intent === "unlist" || intent === "relist") {
    const outcome = await setFacilityActive(facilityId, organization.id, intent === "relist");
    if (!outcome.ok) throw ownerFailure(outcome);
    const notice = intent === "relist" ? t("facilities.edit.relisted") : t("facilities.edit.unlistedText");
    return { intent, errors: {}, values: {}, notice };
  }
  return data(
    { intent, errors: {}, values: {}, notice: null, formError: t("facilities.edit.unknownAction") },
    { status: 400 },
  );
}

export default function EditFacility() {
  const { id, name, active, defaults, certifications, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const profileFeedback = result?.intent === "profile" ? result : undefined;
  const certificationFeedback = result?.intent === "add-certification" ? result : undefined;
  return (
    <div className="stack facility-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("facilities.form.dashboard")}</Link> ›{" "}
        <Link to={`/facilities/${id}`}>{name}</Link> › {t("facilities.edit.crumb")}
      </p>
      <h1>{t("facilities.edit.title", { name })}</h1>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      {result && "formError" in result ? <FormError feedback={{ formError: result.formError }} /> : null}

      <FacilityForm defaults={defaults} feedback={profileFeedback} submitLabel={t("facilities.form.save")} />

      <section className="card" id="certifications" aria-labelledby="certifications-heading">
        <h2 id="certifications-heading">{t("facilities.page.certifications")}</h2>
        {certifications.length === 0 ? (
          <p className="empty">{t("facilities.edit.noCertifications")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("facilities.edit.name")}</th>
                <th>{t("facilities.page.reference")}</th>
                <th>{t("facilities.page.issuedBy")}</th>
                <th>{t("facilities.page.expires")}</th>
                <th aria-label={t("facilities.capacity.actions")} />
              </tr>
            </thead>
            <tbody>
              {certifications.map((c) => (
                <tr key={c.id} data-testid="certification-row">
                  <td>{c.name}</td>
                  <td>{c.reference ?? "—"}</td>
                  <td>{c.issuedBy ?? "—"}</td>
                  <td className="nowrap">
                    {c.expiresOn ?? t("facilities.page.noExpiry")}{" "}
                    {c.expiresOn && c.expiresOn < today ? (
                      <span className="badge badge-danger">{t("facilities.page.expired")}</span>
                    ) : null}
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-certification" />
                      <input type="hidden" name="certificationId" value={c.id} />
                      <button type="submit" className="button-link">
                        {t("facilities.edit.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t("facilities.edit.addHeading")}</h3>
        <Form method="post" noValidate className="field-row">
          <input type="hidden" name="intent" value="add-certification" />
          <TextField
            name="name"
            label={t("facilities.edit.name")}
            feedback={certificationFeedback}
            placeholder="ISO 14001:2015"
          />
          <TextField
            name="reference"
            label={t("facilities.edit.referenceOptional")}
            feedback={certificationFeedback}
          />
          <TextField
            name="issuedBy"
            label={t("facilities.edit.issuedByOptional")}
            feedback={certificationFeedback}
          />
          <TextField
            name="expiresOn"
            label={t("facilities.edit.expiresOptional")}
            type="date"
            min={today}
            feedback={certificationFeedback}
          />
          <div className="field field-submit">
            <button type="submit">{t("facilities.edit.add")}</button>
          </div>
        </Form>
      </section>

      <section className="card">
        <h2>{t("facilities.edit.listing")}</h2>
        <Form method="post">
          {active ? (
            <>
              <p>{t("facilities.edit.listed")}</p>
              <input type="hidden" name="intent" value="unlist" />
              <button type="submit" className="button-secondary">
                {t("facilities.edit.unlist")}
              </button>
            </>
          ) : (
            <>
              <p>{t("facilities.edit.unlistedText")}</p>
              <input type="hidden" name="intent" value="relist" />
              <button type="submit">{t("facilities.edit.relist")}</button>
            </>
          )}
        </Form>
      </section>
    </div>
  );
}
