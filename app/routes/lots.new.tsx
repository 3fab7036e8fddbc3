import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { LotForm } from "~/components/lot-form.tsx";
import { PassportUpload } from "~/components/passport-upload.tsx";
import { validateLotInput } from "~/domain/lot-input.ts";
import { lotPrefillFromQuery } from "~/domain/lot-prefill.ts";
import { lotProblemWording, lotRefusalText } from "~/i18n/lot-problems.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { checkDocumentUploads, createLotWithDocuments } from "~/models/lot-document.server.ts";
import {
  lotFormValues,
  prefillFromPassport,
  rawLotFromForm,
  readLotFormRequest,
} from "~/routes/lot-form.server.ts";
import lotStyles from "~/styles/lots.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "listing.new.title") }];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "seller" });
  return {
    organizationName: organization.name,
    defaults: {
      availableFrom: new Date().toISOString().slice(0, 10),
      currency: organization.economy.currency,
      saleMode: "auction",
      // "List this lot" from a quote: the quoted lot's fields as starting values (never submitted).
      ...lotPrefillFromQuery(new URL(request.url).searchParams),
    } as Record<string, string>,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { capability: "seller" });
  const { organization, user } = actor;
  const { form, files } = await readLotFormRequest(request);
  // Problems in the page's language; POST /api/v1/lots words the same checks in English (ADR 057).
  const t = pageTranslator(request, user.language);
  if (form.get("intent") === "passport") {
    // Pre-fill only: the seller reviews the form and saves it as usual.
    const prefill = prefillFromPassport(
      files.find((file) => file.field === "passport"),
      t,
    );
    return data(prefill, { status: prefill.formError || Object.keys(prefill.errors).length > 0 ? 400 : 200 });
  }
  const publish = form.get("intent") === "publish";
  const unverified = publish ? emailVerificationRefusal(actor) : null;
  if (unverified) {
    return data(
      { errors: {}, values: lotFormValues(form), formError: lotRefusalText(t, unverified) },
      { status: 403 },
    );
  }
  const now = new Date();
  const checked = validateLotInput(rawLotFromForm(form), {
    today: now.toISOString().slice(0, 10),
    now,
    mode: publish ? "publish" : "draft",
    word: lotProblemWording(t),
  });
  const uploads = checkDocumentUploads(files, lotProblemWording(t));
  if (!checked.ok || Object.keys(uploads.errors).length > 0) {
    return data(
      { errors: { ...(checked.ok ? {} : checked.errors), ...uploads.errors }, values: lotFormValues(form) },
      { status: 400 },
    );
  }
  const lot = await createLotWithDocuments(
    { organizationId: organization.id, userId: user.id },
    checked.value,
    { publish, now },
    uploads.documents,
  );
  return redirect(`/lots/${lot.id}`);
}

export default function NewLot() {
  const { t } = useTranslation();
  const { defaults, organizationName } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const values = { ...defaults, ...(feedback?.values as Record<string, string> | undefined) };
  // After "Read passport": which file filled the form (the form remounts with the new values).
  const passport =
    feedback && "passport" in feedback
      ? (feedback.passport as { fileName: string; status: string | null })
      : null;
  const filledFrom =
    passport && Object.keys(feedback?.values ?? {}).length > 0 ? passport.fileName : undefined;
  return (
    <div className="stack lot-page">
      <p className="breadcrumbs">
        <Link to="/lots/mine">{t("listing.mine.title")}</Link> ›
      </p>
      <h1>{t("listing.new.title")}</h1>
      <p>
        <Trans
          i18nKey="listing.new.intro"
          values={{ organization: organizationName }}
          components={{ strong: <strong /> }}
        />
      </p>
      <PassportUpload readFile={filledFrom} />
      <LotForm
        key={passport ? `passport:${passport.fileName}` : "lot"}
        values={values}
        feedback={feedback}
        mode="new"
      />
    </div>
  );
}
