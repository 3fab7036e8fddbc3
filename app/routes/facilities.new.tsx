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
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { createFacility } from "~/models/facility.server.ts";
import { facilityFormDefaults, pageWording, readFacilityForm } from "~/routes/facility-pages.server.ts";
import facilityStyles from "~/styles/facilities.css?url";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "facilities.publish") },
];
export const links = () => [{ rel: "stylesheet", href: facilityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "recycler" });
  return {
    organizationName: organization.name,
    defaults: facilityFormDefaults(null, organization.economyCode),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization, user } = await requireActor(request, { capability: "recycler" });
  const t = pageTranslator(request, user.language);
  const { input, values } = readFacilityForm(await request.formData());
  const result = validateFacilityProfile(input, pageWording(t, "facilities.form.errors"));
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  const facility = await createFacility(organization.id, result.profile);
  return redirect(`/facilities/${facility.id}/capacity?created=1`);
}

export default function NewFacility() {
  const { organizationName, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack facility-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("facilities.form.dashboard")}</Link> › {t("facilities.form.newCrumb")}
      </p>
      <h1>{t("facilities.publish")}</h1>
      <p className="lede">{t("facilities.form.lede", { organization: organizationName })}</p>
      <FacilityForm defaults={defaults} feedback={feedback} submitLabel={t("facilities.form.publish")} />
    </div>
  );
}
