/**
 * Lower confidence bounds for ranking by reputation (ADR 036): an organisation with 3 of 3 on time
 * must not outrank one with 97 of 100. Both bounds use z = 1.96, the lower end of a two-sided 95 %
 * interval, so every figure on the pages is the same kind of bound.
 *
 * Proportions: the Wilson score interval (Wilson 1927, "Probable inference, the law of succession,
 * and statistical inference", JASA 22:209–212), as tabulated by Newcombe 1998 ("Two-sided confidence
 * intervals for the single proportion: comparison of seven methods", Statistics in Medicine
 * 17:857–872, method 3, no continuity correction); tests/unit/reputation-confidence.test.ts checks
 * Newcombe's published limits.
 *
 * Star ratings (1–5): the Bayesian bound of Evan Miller, "Ranking items with star ratings" (2015):
 * a Dirichlet prior of one pseudo-rating per star, the posterior mean of the rating less z times
 * the normal approximation of its posterior standard deviation:
 *
 *   S = Σ s_k·p_k − z·√( (Σ s_k²·p_k − (Σ s_k·p_k)²) / (N + K + 1) ),  p_k = (n_k + 1) / (N + K)
 *
 * with K = 5 stars s_k = 1…5, n_k ratings of k stars and N ratings in all. With no ratings S is
 * the prior's bound (3 − 1.96·√(2/6) ≈ 1.868), so a single 5-star review cannot top the list.
 */

export const Z_95 = 1.96;

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Wilson's score interval for `successes` of `n` (n = 0: the whole of [0, 1]). */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`wilsonInterval: ${successes} of ${n} is not a count of successes.`);
  if (n === 0) return { lower: 0, upper: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  // Clamped: at p = 0 or 1 the formula gives the bound itself up to rounding (1e-17 below 0).
  return {
    lower: Math.max(0, (centre - spread) / denominator),
    upper: Math.min(1, (centre + spread) / denominator),
  };
}

export function wilsonLowerBound(successes: number, n: number, z: number = Z_95): number {
  return wilsonInterval(successes, n, z).lower;
}

export const STARS = [1, 2, 3, 4, 5] as const;

/** How many ratings of 1, 2, 3, 4 and 5 stars (index 0 = one star). */
export type StarCounts = readonly [number, number, number, number, number];

export function starCounts(ratings: readonly number[]): StarCounts {
  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const rating of ratings) {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      throw new RangeError(`starCounts: ${rating} is not a rating of 1 to 5 stars.`);
    counts[rating - 1]++;
  }
  return counts;
}

/** Miller's Bayesian lower bound of the mean star rating (see the module comment). */
export function starRatingLowerBound(counts: StarCounts, z: number = Z_95): number {
  const k = STARS.length;
  const n = counts.reduce((sum, c) => sum + c, 0);
  let mean = 0;
  let meanOfSquares = 0;
  for (let i = 0; i < k; i++) {
    const weight = (counts[i] + 1) / (n + k);
    mean += STARS[i] * weight;
    meanOfSquares += STARS[i] * STARS[i] * weight;
  }
  return mean - z * Math.sqrt((meanOfSquares - mean * mean) / (n + k + 1));
}

/** The plain average rating, shown beside the bound (null without ratings). */
export function averageRating(counts: StarCounts): number | null {
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0) return null;
  return counts.reduce((sum, c, i) => sum + c * STARS[i], 0) / n;
}
