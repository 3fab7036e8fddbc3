/** Reviews on /deals/:id after settlement (ADR 036): the viewer's form and the reviews it may see. */
import { Form, Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { SLOTS, Slots } from "~/components/deal-slots.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { REVIEW_PERIOD_DAYS, REVIEW_TEXT_MAX } from "~/domain/reputation/reviews.ts";
import type { DealReviewsView } from "~/domain/reputation/views.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { stars } from "./reputation.tsx";
import "./reputation.css";

export function DealReviewsSection({
  view,
  errors,
}: {
  view: DealReviewsView;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="reviews-heading" data-testid="deal-reviews">
      <h2 id="reviews-heading">{t("deals.reviews.heading")}</h2>
      {view.periodEndsAt ? (
        <p className="hint">
          <Slotted text={t("deals.reviews.rule", { time: SLOT })}>
            <DateTime value={view.periodEndsAt} />
          </Slotted>
        </p>
      ) : null}
      {view.reviews.length > 0 ? (
        <ul className="review-list">
          {view.reviews.map((r) => (
            <li key={r.id} data-testid="deal-review">
              <Slots
                text={t("deals.reviews.authorOn", { author: SLOTS.a, subject: SLOTS.b })}
                slots={{
                  a: (
                    <Link to={`/organizations/${r.author.id}`}>
                      <strong>{r.author.name}</strong>
                    </Link>
                  ),
                  b: (
                    <Link to={`/organizations/${r.subject.id}`} data-testid="review-subject">
                      {r.subject.name}
                    </Link>
                  ),
                }}
              />{" "}
              <span role="img" aria-label={t("deals.reviews.stars", { count: r.rating })}>
                {stars(r.rating)}
              </span>
              {r.yours && !view.published ? (
                <span className="hint"> · {t("deals.reviews.hiddenUntilPublished")}</span>
              ) : null}
              <p>{r.text}</p>
            </li>
          ))}
        </ul>
      ) : view.published ? (
        <p className="hint">{t("deals.reviews.none")}</p>
      ) : null}
      {view.canWrite ? (
        <Form method="post" className="review-form" data-testid="review-form">
          <input type="hidden" name="intent" value="review_write" />
          <fieldset>
            <legend>{t("deals.reviews.yourRating")}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="rating" value={n} required /> {stars(n)}
              </label>
            ))}
          </fieldset>
          {errors.rating ? (
            <p className="form-error" role="alert">
              {errors.rating}
            </p>
          ) : null}
          <label>
            {t("deals.reviews.howDidItGo")}
            <textarea name="text" rows={4} maxLength={REVIEW_TEXT_MAX} required />
          </label>
          {errors.text ? (
            <p className="form-error" role="alert">
              {errors.text}
            </p>
          ) : null}
          {errors.review ? (
            <p className="form-error" role="alert">
              {errors.review}
            </p>
          ) : null}
          <button type="submit">{t("deals.reviews.publish")}</button>
        </Form>
      ) : view.isParty && view.cannotWriteBecause && view.settled ? (
        <p className="hint">
          {t(`deals.errors.${view.cannotWriteBecauseCode ?? ""}`, {
            days: REVIEW_PERIOD_DAYS,
            defaultValue: view.cannotWriteBecause,
          })}
        </p>
      ) : null}
    </section>
  );
}
