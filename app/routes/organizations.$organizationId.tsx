import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { ReliabilityBadgeView, ReputationSection, stars } from "~/components/reputation.tsx";
import { VerificationSection } from "~/components/verification-section.tsx";
import { reliabilityBadge } from "~/domain/reputation/reliability.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { publicVerification } from "~/models/organization-verification.server.ts";
import {
  facilityReliabilities,
  organizationProfile,
  organizationReputation,
  publishedReviewsAbout,
} from "~/models/reputation/reputation.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.organization.name} · Packloop` : translatedTitle(matches, "organizations.title") },
];

/**
 * An organisation's public page (issue 13 item 3): what it does, its listed facilities with their
 * reliability badges, its reputation over the last 180 days and the published reviews about it.
 * Public like facility pages: only figures and reviews already published are shown.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.organizationId ?? "";
  const asOf = new Date();
  const organization = await organizationProfile(id);
  if (!organization) throw new Response("No such organisation.", { status: 404 });
  const [reputation, reviews, reliability, verification] = await Promise.all([
    organizationReputation(id, asOf),
    publishedReviewsAbout(id, asOf),
    facilityReliabilities(
      organization.facilities.map((f) => f.id),
      asOf,
    ),
    publicVerification(id),
  ]);
  if (!reputation) throw new Response("No such organisation.", { status: 404 });
  return {
    organization: {
      ...organization,
      facilities: organization.facilities.map((f) => {
        const figure = reliability.get(f.id);
        return figure
          ? { ...f, figure, badge: reliabilityBadge(figure) }
          : { ...f, figure: null, badge: null };
      }),
    },
    reputation,
    reviews,
    verification,
  };
}

export default function OrganizationPage() {
  const { organization, reputation, reviews, verification } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const economies = useEconomyNames();
  return (
    <div className="stack" data-testid="organization-page">
      <header>
        <h1>{organization.name}</h1>
        <p className="lede">
          {economies.name(organization.economyCode, "name")} ·{" "}
          {organization.capabilities.map((c) => t(`account.capability.${c}`)).join(", ")}
        </p>
        {organization.description ? <p>{organization.description}</p> : null}
      </header>
      {organization.facilities.length > 0 ? (
        <section className="card" aria-labelledby="org-facilities-heading">
          <h2 id="org-facilities-heading">{t("organizations.facilities")}</h2>
          <ul>
            {organization.facilities.map((f) => (
              <li key={f.id}>
                <Link to={`/facilities/${f.id}`}>{f.name}</Link>{" "}
                {f.figure && f.badge ? <ReliabilityBadgeView badge={f.badge} figure={f.figure} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {verification ? <VerificationSection verification={verification} /> : null}
      <ReputationSection reputation={reputation} />
      <section className="card" aria-labelledby="org-reviews-heading">
        <h2 id="org-reviews-heading">{t("organizations.reviews")}</h2>
        {reviews.length === 0 ? (
          <p className="hint">{t("organizations.noReviews")}</p>
        ) : (
          <ul className="review-list">
            {reviews.map((r) => (
              <li key={r.id} data-testid="organization-review">
                <Link to={`/organizations/${r.author.id}`}>{r.author.name}</Link>{" "}
                <span role="img" aria-label={t("organizations.stars", { rating: r.rating })}>
                  {stars(r.rating)}
                </span>{" "}
                <span className="hint">
                  <DateTime value={r.createdAt} />
                </span>
                <p>{r.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
