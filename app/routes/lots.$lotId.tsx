import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { emailVerificationRefusal, getActor, requireActor } from "~/auth/actor.server.ts";
import { ConfirmAction, ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { AwardPanel } from "~/components/lot/award-panel.tsx";
import { BidPanel } from "~/components/lot/bid-panel.tsx";
import { CustodyChainSection } from "~/components/lot/custody-chain.tsx";
import { LotQuestions } from "~/components/lot/lot-questions.tsx";
import { WatchButton } from "~/components/lot/watch-button.tsx";
import { LotDerivedPanel } from "~/components/lot-derived-panel.tsx";
import { LotDocumentsSection } from "~/components/lot-documents-section.tsx";
import { LotFactsTable } from "~/components/lot-facts.tsx";
import { LotMatchesSection } from "~/components/lot-matches-section.tsx";
import { chemistryColour, PointMap } from "~/components/map/index.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { isDueToClose } from "~/domain/bidding/closing.ts";
import { toCustodyView } from "~/domain/custody/chain-view.ts";
import { type Failure, fail, failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { deriveLotFacts } from "~/domain/lot-derived.ts";
import { lotDerivedCodes } from "~/domain/lot-json.ts";
import { canEdit, canPublish, canWithdraw } from "~/domain/lot-lifecycle.ts";
import { weightsFromQuery } from "~/domain/matching/match-view.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { type FacilityReliabilityPoint, reliabilityBadge } from "~/domain/reputation/reliability.ts";
import { requestLanguage, translatorFor } from "~/i18n/i18n.server.ts";
import { withdrawalText } from "~/i18n/lot-wording.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { inviteFacilityToBid } from "~/models/bid-invitation.server.ts";
import { awardPanelFor } from "~/models/bidding/award-panel.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import {
  getLotForViewer,
  publishLot,
  toLotJson,
  withdrawalConsequence,
  withdrawLot,
} from "~/models/lot.server.ts";
import { addLotDocuments, checkDocumentUploads, deleteLotDocument } from "~/models/lot-document.server.ts";
import { loadMatchFacilities, rankLot } from "~/models/lot-matches.server.ts";
import { reservationNoteForSeller } from "~/models/lot-reservation.server.ts";
import { currentReferencePrices } from "~/models/reference-price.server.ts";
import { activeFacilityReliabilities, facilityReliabilities } from "~/models/reputation/reputation.server.ts";
import { readLotFormRequest } from "~/routes/lot-form.server.ts";
import { lotBidding, lotEngagement } from "~/routes/lot-pages.server.ts";
import biddingStyles from "~/styles/bidding.css?url";
import lotStyles from "~/styles/lots.css?url";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [
  { rel: "stylesheet", href: lotStyles },
  { rel: "stylesheet", href: notificationStyles },
  { rel: "stylesheet", href: biddingStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lot.reference} ${data.lot.title} · Packloop` : "Lot · Packloop" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getActor(request);
  const lotId = params.lotId ?? "";
  let lot = await getLotForViewer(lotId, viewer?.organizationId ?? null);
  // A lot past its close time closes before it is shown (idempotent; the sweep does the same).
  // Asked of the row just read rather than by a query of its own (ADR 053); only a lot that is
  // due takes the locked close and is read again.
  if (lot && isDueToClose(lot, new Date())) {
    await closeLotIfDue(lotId);
    lot = await getLotForViewer(lotId, viewer?.organizationId ?? null);
  }
  if (!lot) throw new Response("There is no such lot, or it is not published.", { status: 404 });
  const query = new URL(request.url).searchParams;
  // Bid panel: live sale state, the viewer's status and form, the seller's ladder (lot-pages.server.ts).
  // Right after the lot's read, whose row it uses: its bid sequence is read as close to it as before.
  const bidding = await lotBidding(viewer, lot, query.get("bid"), query.get("facility"), { current: true });
  // The prices and the facilities the ranking reads, asked together: one query says whether
  // either changed (reference-cache.server.ts, ADR 053); rankLot finds the facilities asked.
  const [{ prices }] = await Promise.all([currentReferencePrices(), loadMatchFacilities(new Date())]);
  const isOwner = viewer?.organizationId === lot.organizationId;
  const steering = weightsFromQuery({
    w_net: query.get("w_net"),
    w_co2: query.get("w_co2"),
    w_time: query.get("w_time"),
  });
  // The optional reliability weight (ADR 036), off unless the user ticks it: default ranks stand.
  const byReliability = query.get("w_rel") === "1";
  const allReliability = byReliability ? await activeFacilityReliabilities() : null;
  const matches = await rankLot(lot, steering.weights, {
    prices,
    // "and N more" expands to every facility that cannot take the lot.
    infeasibleLimit: query.get("blocked") === "all" ? Number.POSITIVE_INFINITY : undefined,
    reliability: allReliability ? new Map([...allReliability].map(([id, f]) => [id, f.lower])) : null,
  });
  const shownReliability =
    allReliability ??
    (await facilityReliabilities([...matches.feasible, ...matches.infeasible].map((m) => m.facilityId)));
  const reliability: Record<string, FacilityReliabilityPoint> = Object.fromEntries(
    [...shownReliability].map(([id, f]) => [id, { badge: reliabilityBadge(f), lower: f.lower, n: f.n }]),
  );
  // Watch button and questions (lot-pages.server.ts).
  const engagement = await lotEngagement(viewer, lot);
  // Closing and awarding: the seller's decisions, a bidder's result (award-panel.server.ts).
  const award = await awardPanelFor(lot, viewer?.organizationId ?? null);
  // What confirming does to the seller's capacity booking of the lot (lot-reservation.server.ts).
  const awardReservationNote = award?.role === "seller" ? await reservationNoteForSeller(lot.id) : null;
  // The lot's chain of custody, verified end to end (ADR 021).
  const chain = await verifyChain(lot.id);
  const canWithdrawNow = isOwner && canWithdraw(lot).ok;
  // Derived once: its figures in the lot's JSON, its codes for the page to word (ADR 066).
  const derived = deriveLotFacts(lot, prices);
  return {
    // What withdrawing would do, for its confirmation (issue 15 item 7).
    withdrawal: canWithdrawNow ? await withdrawalConsequence(lot.id) : null,
    custody: toCustodyView(chain.events, chain),
    matches,
    weights: steering.weights,
    weightsError: steering.error,
    byReliability,
    reliability,
    lot: toLotJson(lot, { viewerOrganizationId: viewer?.organizationId ?? null, prices, derived }),
    derivedCodes: lotDerivedCodes(derived),
    seller: {
      id: lot.organizationId,
      name: lot.organization.name,
      verification: lot.organization.verificationStatus,
    },
    loggedIn: viewer !== null,
    isOwner,
    engagement,
    award,
    awardReservationNote,
    bidding,
    can: {
      edit: isOwner && canEdit(lot).ok,
      publish: isOwner && canPublish(lot).ok,
      withdraw: canWithdrawNow,
    },
    documents: lot.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
    })),
    prices: prices.map((p) => ({
      metal: p.metal,
      commodity: p.commodity,
      asOf: p.asOf,
      sourceUrl: p.sourceUrl,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, { capability: "seller" });
  const caller = { organizationId: actor.organization.id, userId: actor.user.id };
  const lotId = params.lotId ?? "";
  const { form, files } = await readLotFormRequest(request);
  const intent = form.get("intent");
  // What was done, in the page's language (issue 14); refusals keep the models' English for now.
  const t = translatorFor(requestLanguage(request, actor.user?.language));
  const refuse = (failure: Failure) =>
    data(
      { formError: failure.message, errors: failure.errors ? failureFieldErrors(failure) : {}, done: null },
      { status: failureStatus(failure.code) },
    );

  // Withdrawing is final and cancels live bids: only with the confirmation (the dialog or the step).
  if (intent === "withdraw" && !isConfirmed(form))
    return { formError: null, errors: {}, done: null, confirm: "withdraw" as const };
  if (intent === "publish" || intent === "withdraw") {
    const unverified = intent === "publish" ? emailVerificationRefusal(actor) : null;
    if (unverified) return refuse(unverified);
    const result = intent === "publish" ? await publishLot(caller, lotId) : await withdrawLot(caller, lotId);
    if (!result.ok) return refuse(result);
    return {
      formError: null,
      errors: {},
      done: t(intent === "publish" ? "lot.done.published" : "lot.done.withdrawn"),
    };
  }
  // "Invite to bid" from "Where this lot can go": a notice to the facility's recycler.
  if (intent === "invite") {
    const invited = await inviteFacilityToBid(caller, lotId, String(form.get("facilityId") ?? ""));
    if (!invited.ok) return refuse(invited);
    return {
      formError: null,
      errors: {},
      done: t("lot.done.invited", { organization: invited.organizationName }),
    };
  }
  if (intent === "upload") {
    const uploads = checkDocumentUploads(files);
    if (Object.keys(uploads.errors).length > 0)
      return refuse(fail("VALIDATION", "No file was added.", { errors: uploads.errors }));
    if (uploads.documents.length === 0) return refuse(fail("VALIDATION", "Choose at least one file."));
    const result = await addLotDocuments(caller, lotId, uploads.documents);
    if (!result.ok) return refuse(result);
    return {
      formError: null,
      errors: {},
      done: t("lot.done.filesAdded", { count: result.count }),
    };
  }
  if (intent === "deleteDocument") {
    const result = await deleteLotDocument(caller, lotId, String(form.get("documentId") ?? ""));
    if (!result.ok) return refuse(result);
    return { formError: null, errors: {}, done: t("lot.done.documentRemoved") };
  }
  return refuse(fail("VALIDATION", "Unknown action."));
}

const withdrawText = (t: (key: string) => string, consequence: string) => ({
  title: t("lot.withdrawTitle"),
  consequence,
  confirmLabel: t("lot.withdrawConfirm"),
});

export default function LotPage() {
  const {
    lot,
    seller,
    isOwner,
    can,
    documents,
    loggedIn,
    prices,
    matches,
    weights,
    weightsError,
    byReliability,
    reliability,
    engagement,
    award,
    awardReservationNote,
    bidding,
    custody,
    withdrawal,
    derivedCodes,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  // The lot's economy by APEC's naming, in the page's language (app/domain/economy-names.ts).
  const economyName = useEconomyNames().name(lot.economy, "name");
  return (
    <div className="stack lot-page" data-testid="lot-page">
      <p className="breadcrumbs">
        <Link to="/lots">{t("nav.lots")}</Link> ›{" "}
        {isOwner ? <Link to="/lots/mine">{t("nav.myLots")}</Link> : null}
      </p>
      <header className="lot-header">
        <div>
          <p className="lot-ref">
            {lot.reference} ·{" "}
            <span className={`status status-${lot.status}`}>{t(`lot.status.${lot.status}`)}</span>
          </p>
          <h1>{lot.title}</h1>
          <p>
            {t("lot.listedBy")} <Link to={`/organizations/${seller.id}`}>{seller.name}</Link>{" "}
            <VerificationBadge status={seller.verification} organizationId={seller.id} own={isOwner} /> ·{" "}
            {lot.locationLabel ?? economyName}
          </p>
        </div>
        {isOwner ? (
          <div className="lot-actions">
            {can.edit ? (
              <Link to={`/lots/${lot.id}/edit`} className="button button-secondary">
                {t("lot.edit")}
              </Link>
            ) : null}
            {can.publish ? (
              <Form method="post" className="inline-form">
                <button type="submit" name="intent" value="publish">
                  {t("lot.publish")}
                </button>
              </Form>
            ) : null}
            {can.withdraw && withdrawal ? (
              <ConfirmAction
                fields={{ intent: "withdraw" }}
                label={t("lot.withdraw")}
                buttonClassName="button-danger"
                text={withdrawText(t, withdrawalText(t, withdrawal))}
              />
            ) : null}
          </div>
        ) : null}
        {engagement.canWatch ? (
          <div className="lot-actions">
            <WatchButton lotId={lot.id} watching={engagement.watching} />
          </div>
        ) : null}
      </header>
      {result && "confirm" in result && withdrawal ? (
        <ConfirmStep
          fields={{ intent: "withdraw" }}
          text={withdrawText(t, withdrawalText(t, withdrawal))}
          cancelTo={`/lots/${lot.id}`}
        />
      ) : null}
      {result?.done ? (
        <p className="notice" role="status">
          {result.done}
        </p>
      ) : null}
      {result?.formError ? (
        <div className="form-error" role="alert">
          <p>{result.formError}</p>
          {Object.keys(result.errors).length > 0 ? (
            <ul>
              {Object.entries(result.errors).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {bidding ? (
        <BidPanel
          lotId={lot.id}
          data={bidding}
          outcome={award?.role === "bidder" ? (award.outcome?.kind ?? null) : null}
        />
      ) : null}
      {award ? <AwardPanel lotId={lot.id} data={award} reservationNote={awardReservationNote} /> : null}
      <div className="lot-columns">
        <LotFactsTable lot={lot} economyName={economyName} />
        <div className="stack">
          <PointMap
            height={260}
            points={[
              {
                lat: lot.location.lat,
                lng: lot.location.lng,
                label: `${lot.reference} ${lot.title}`,
                kind: "lot",
                colour: chemistryColour(lot.chemistry),
              },
            ]}
          />
          {/* Decimal degrees with a point in every language: a decimal comma would split them. */}
          <p className="hint coordinates" data-testid="lot-coordinates">
            {formatNumber(lot.location.lat, { maxDecimals: 4, minDecimals: 4 })},{" "}
            {formatNumber(lot.location.lng, { maxDecimals: 4, minDecimals: 4 })} · {economyName}
          </p>
        </div>
      </div>
      {lot.description ? <p className="lot-description">{lot.description}</p> : null}
      <LotDerivedPanel
        derived={lot.derived}
        codes={derivedCodes}
        energyGiven={lot.energyKwh !== null}
        prices={prices}
      />
      <LotDocumentsSection
        lotId={lot.id}
        documents={documents}
        loggedIn={loggedIn}
        isOwner={isOwner}
        canDelete={can.edit}
        canUpload={isOwner && !["settled", "withdrawn", "cancelled"].includes(lot.status)}
        errors={result?.errors}
      />
      <LotQuestions
        lotId={lot.id}
        questions={engagement.questions}
        canAsk={engagement.canAsk}
        isSeller={engagement.isSeller}
        loggedIn={loggedIn}
        lotOpen={lot.status === "open"}
      />
      <LotMatchesSection
        lot={lot}
        matches={matches}
        weights={weights}
        weightsError={weightsError}
        byReliability={byReliability}
        reliability={reliability}
        sellerActions={isOwner ? { lotId: lot.id, canInvite: lot.status === "open" } : null}
      />
      <CustodyChainSection lotId={lot.id} chain={custody} />
    </div>
  );
}
