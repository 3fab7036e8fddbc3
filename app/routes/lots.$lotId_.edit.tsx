import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { LotForm } from "~/components/lot-form.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { validateLotInput } from "~/domain/lot-input.ts";
import { canEdit } from "~/domain/lot-lifecycle.ts";
import { lotProblemWording, lotRefusalText } from "~/i18n/lot-problems.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { getLotForViewer, lotNumberLabel, publishLot, updateLot } from "~/models/lot.server.ts";
import {
  lotFormDefaults,
  lotFormValues,
  rawLotFromForm,
  readLotFormRequest,
} from "~/routes/lot-form.server.ts";
import lotStyles from "~/styles/lots.css?url";
import { viewerTimeZone } from "~/utils/time-zone.server.ts";

export const links = () => [{ rel: "stylesheet", href: lotStyles }];
export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "listing.edit.title") },
];

/** The caller's own lot, still editable; otherwise the page answers 404, 403 or 409. */
async function requireEditableLot(request: Request, lotId: string) {
  const actor = await requireActor(request, { capability: "seller" });
  const { organization, user } = actor;
  const lot = await getLotForViewer(lotId, organization.id);
  if (!lot) throw new Response("There is no such lot.", { status: 404 });
  if (lot.organizationId !== organization.id)
    throw new Response("Only the organisation that listed this lot can edit it.", { status: 403 });
  const check = canEdit(lot);
  if (!check.ok) throw new Response(check.message, { status: 409 });
  return { lot, caller: { organizationId: organization.id, userId: user.id }, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lot } = await requireEditableLot(request, params.lotId ?? "");
  return {
    id: lot.id,
    reference: lotNumberLabel(lot.number),
    status: lot.status as "draft" | "open",
    // The close time in the viewer's zone, which the form names (ADR 040).
    defaults: lotFormDefaults(lot, viewerTimeZone(request)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { lot, caller, actor } = await requireEditableLot(request, params.lotId ?? "");
  const { form } = await readLotFormRequest(request);
  // Problems in the page's language; the API words the same checks in English (ADR 057).
  const t = pageTranslator(request, actor.user?.language);
  const publishNow = lot.status === "draft" && form.get("intent") === "publish";
  const unverified = publishNow ? emailVerificationRefusal(actor) : null;
  if (unverified) {
    return data(
      { errors: {}, values: lotFormValues(form), formError: lotRefusalText(t, unverified) },
      { status: 403 },
    );
  }
  const now = new Date();
  // An open lot must stay complete; a draft only when it is being published.
  const mode = lot.status === "open" || publishNow ? "publish" : "draft";
  const checked = validateLotInput(rawLotFromForm(form), {
    today: now.toISOString().slice(0, 10),
    now,
    mode,
    word: lotProblemWording(t),
  });
  const values = lotFormValues(form);
  if (!checked.ok) return data({ errors: checked.errors, values, formError: undefined }, { status: 400 });
  const version = Number(form.get("version"));
  const updated = await updateLot(caller, lot.id, checked.value, {
    expectedVersion: Number.isInteger(version) ? version : undefined,
  });
  if (!updated.ok)
    return data(
      { errors: {}, values, formError: lotRefusalText(t, updated) },
      { status: failureStatus(updated.code) },
    );
  if (publishNow) {
    const published = await publishLot(caller, lot.id, { now });
    if (!published.ok)
      return data(
        {
          errors: published.errors ? failureFieldErrors(published) : {},
          values,
          formError: lotRefusalText(t, published),
        },
        { status: failureStatus(published.code) },
      );
  }
  return redirect(`/lots/${lot.id}`);
}

export default function EditLot() {
  const { t } = useTranslation();
  const { id, reference, status, defaults } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const values = { ...defaults, ...(feedback?.values as Record<string, string> | undefined) };
  return (
    <div className="stack lot-page">
      <p className="breadcrumbs">
        <Link to="/lots/mine">{t("listing.mine.title")}</Link> › <Link to={`/lots/${id}`}>{reference}</Link> ›
      </p>
      <h1>{t("listing.edit.heading", { reference })}</h1>
      {status === "open" ? <p className="notice">{t("listing.edit.published")}</p> : null}
      <LotForm values={values} feedback={feedback} mode="edit" status={status} />
    </div>
  );
}
