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
  readCertificationForm,
  readFacilityForm,
} from "~/routes/facility-pages.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit ${data.name} · Packloop` : "Edit facility · Packloop" },
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
  const { organization } = await requireActor(request, { capability: "recycler" });
  const facilityId = params.facilityId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "profile") {
    const { input, values } = readFacilityForm(form);
    const result = validateFacilityProfile(input);
    if (!result.ok) return data({ intent, errors: result.errors, values, notice: null }, { status: 400 });
    const outcome = await updateFacility(facilityId, organization.id, result.profile);
    if (!outcome.ok) throw ownerFailure(outcome);
    return redirect(`/facilities/${facilityId}`);
  }
  if (intent === "add-certification") {
    const { input, values } = readCertificationForm(form);
    const result = validateCertification(input, new Date());
    if (!result.ok) return data({ intent, errors: result.errors, values, notice: null }, { status: 400 });
    const outcome = await addCertification(facilityId, organization.id, result.certification);
    if (!outcome.ok) throw ownerFailure(outcome);
    return { intent, errors: {}, values: {}, notice: `${result.certification.name} added.` };
  }
  if (intent === "remove-certification") {
    const outcome = await removeCertification(
      facilityId,
      organization.id,
      String(form.get("certificationId") ?? ""),
    );
    if (!outcome.ok) throw ownerFailure(outcome);
    return { intent, errors: {}, values: {}, notice: "Certification removed." };
  }
  if (intent === "unlist" || intent === "relist") {
    const outcome = await setFacilityActive(facilityId, organization.id, intent === "relist");
    if (!outcome.ok) throw ownerFailure(outcome);
    const notice =
      intent === "relist"
        ? "The facility is listed again."
        : "The facility is unlisted: only your organisation sees it.";
    return { intent, errors: {}, values: {}, notice };
  }
  return data(
    { intent, errors: {}, values: {}, notice: null, formError: "Unknown action." },
    { status: 400 },
  );
}

export default function EditFacility() {
  const { id, name, active, defaults, certifications, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const profileFeedback = result?.intent === "profile" ? result : undefined;
  const certificationFeedback = result?.intent === "add-certification" ? result : undefined;
  return (
    <div className="stack facility-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">Dashboard</Link> › <Link to={`/facilities/${id}`}>{name}</Link> › Edit
      </p>
      <h1>Edit {name}</h1>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      {result && "formError" in result ? <FormError feedback={{ formError: result.formError }} /> : null}

      <FacilityForm defaults={defaults} feedback={profileFeedback} submitLabel="Save profile" />

      <section className="card" id="certifications" aria-labelledby="certifications-heading">
        <h2 id="certifications-heading">Certifications and permits</h2>
        {certifications.length === 0 ? (
          <p className="empty">
            None yet. Sellers look for ISO 14001, R2 or e-Stewards and for waste permits.
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Reference</th>
                <th>Issued by</th>
                <th>Expires</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {certifications.map((c) => (
                <tr key={c.id} data-testid="certification-row">
                  <td>{c.name}</td>
                  <td>{c.reference ?? "—"}</td>
                  <td>{c.issuedBy ?? "—"}</td>
                  <td className="nowrap">
                    {c.expiresOn ?? "No expiry"}{" "}
                    {c.expiresOn && c.expiresOn < today ? (
                      <span className="badge badge-danger">Expired</span>
                    ) : null}
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-certification" />
                      <input type="hidden" name="certificationId" value={c.id} />
                      <button type="submit" className="button-link">
                        Remove
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Add a certification or permit</h3>
        <Form method="post" noValidate className="field-row">
          <input type="hidden" name="intent" value="add-certification" />
          <TextField name="name" label="Name" feedback={certificationFeedback} placeholder="ISO 14001:2015" />
          <TextField name="reference" label="Reference (optional)" feedback={certificationFeedback} />
          <TextField name="issuedBy" label="Issued by (optional)" feedback={certificationFeedback} />
          <TextField
            name="expiresOn"
            label="Expires on (optional)"
            type="date"
            min={today}
            feedback={certificationFeedback}
          />
          <div className="field field-submit">
            <button type="submit">Add</button>
          </div>
        </Form>
      </section>

      <section className="card">
        <h2>Listing</h2>
        <Form method="post">
          {active ? (
            <>
              <p>The facility is listed: it appears in search, on the map and in the API.</p>
              <input type="hidden" name="intent" value="unlist" />
              <button type="submit" className="button-secondary">
                Unlist facility
              </button>
            </>
          ) : (
            <>
              <p>The facility is unlisted: only your organisation sees it.</p>
              <input type="hidden" name="intent" value="relist" />
              <button type="submit">List facility again</button>
            </>
          )}
        </Form>
      </section>
    </div>
  );
}
