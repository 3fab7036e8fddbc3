import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { FacilityForm } from "~/components/facility-form.tsx";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { createFacility } from "~/models/facility.server.ts";
import { facilityFormDefaults, readFacilityForm } from "~/routes/facility-pages.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction = () => [{ title: "Publish a facility · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "recycler" });
  return {
    organizationName: organization.name,
    defaults: facilityFormDefaults(null, organization.economyCode),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "recycler" });
  const { input, values } = readFacilityForm(await request.formData());
  const result = validateFacilityProfile(input);
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  const facility = await createFacility(organization.id, result.profile);
  return redirect(`/facilities/${facility.id}/capacity?created=1`);
}

export default function NewFacility() {
  const { organizationName, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  return (
    <div className="stack facility-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">Dashboard</Link> › New facility
      </p>
      <h1>Publish a facility</h1>
      <p className="lede">
        Tell sellers what {organizationName} can take at this site. Once published, the facility appears in
        the search and on the map, and you can post capacity for each month.
      </p>
      <FacilityForm defaults={defaults} feedback={feedback} submitLabel="Publish facility" />
    </div>
  );
}
