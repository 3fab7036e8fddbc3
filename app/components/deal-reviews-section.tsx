/** Reviews on /deals/:id after settlement (ADR 036): the viewer's form and the reviews it may see. */
import { Form, Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { REVIEW_TEXT_MAX } from "~/domain/reputation/reviews.ts";
import type { DealReviewsView } from "~/domain/reputation/views.ts";
import { stars } from "./reputation.tsx";
import "./reputation.css";

export function DealReviewsSection({
  view,
  errors,
}: {
  view: DealReviewsView;
  errors: Record<string, string>;
}) {
  return (
    <section className="card stack" aria-labelledby="reviews-heading" data-testid="deal-reviews">
      <h2 id="reviews-heading">Reviews</h2>
      {view.periodEndsAt ? (
        <p className="hint">
          Each party reviews the other once. Reviews stay hidden until both have written or the review period
          ends on <DateTime value={view.periodEndsAt} />, whichever comes first.
        </p>
      ) : null}
      {view.reviews.length > 0 ? (
        <ul className="review-list">
          {view.reviews.map((r) => (
            <li key={r.id} data-testid="deal-review">
              <Link to={`/organizations/${r.author.id}`}>
                <strong>{r.author.name}</strong>
              </Link>{" "}
              on{" "}
              <Link to={`/organizations/${r.subject.id}`} data-testid="review-subject">
                {r.subject.name}
              </Link>
              :{" "}
              <span role="img" aria-label={`${r.rating} of 5 stars`}>
                {stars(r.rating)}
              </span>
              {r.yours && !view.published ? (
                <span className="hint"> · hidden from the other party until published</span>
              ) : null}
              <p>{r.text}</p>
            </li>
          ))}
        </ul>
      ) : view.published ? (
        <p className="hint">No reviews were written.</p>
      ) : null}
      {view.canWrite ? (
        <Form method="post" className="review-form" data-testid="review-form">
          <input type="hidden" name="intent" value="review_write" />
          <fieldset>
            <legend>Your rating of the other party</legend>
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
            How did the deal go?
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
          <button type="submit">Publish review</button>
        </Form>
      ) : view.isParty && view.cannotWriteBecause && view.settled ? (
        <p className="hint">{view.cannotWriteBecause}</p>
      ) : null}
    </section>
  );
}
