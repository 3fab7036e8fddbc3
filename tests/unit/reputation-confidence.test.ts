import { describe, expect, it } from "vitest";
import {
  averageRating,
  starCounts,
  starRatingLowerBound,
  wilsonInterval,
  wilsonLowerBound,
} from "~/domain/reputation/confidence.ts";

describe("Wilson score interval (z = 1.96)", () => {
  // Newcombe R.G. (1998), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity
  // correction): the published 95 % limits of his four examples.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%d of %d → %f to %f (Newcombe 1998)", (k, n, lower, upper) => {
    const interval = wilsonInterval(k, n);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("no events: the whole interval, so the lower bound is 0", () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it("ranks 97 of 100 above 3 of 3, which a raw average would not", () => {
    expect(wilsonLowerBound(97, 100)).toBeGreaterThan(wilsonLowerBound(3, 3));
    expect(97 / 100).toBeLessThan(3 / 3);
  });

  it("the bound rises with evidence at the same rate and stays below it", () => {
    const rates = [1, 5, 10, 50, 100].map((n) => wilsonLowerBound(n, n));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
    for (const [k, n] of [
      [3, 4],
      [40, 50],
      [1, 9],
    ])
      expect(wilsonLowerBound(k, n)).toBeLessThan(k / n);
  });

  it.each([
    [-1, 3],
    [4, 3],
    [1.5, 3],
  ])("refuses %d of %d", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });
});

describe("star ratings: Miller's Bayesian lower bound (uniform Dirichlet prior, z = 1.96)", () => {
  // Worked by hand from the formula in Evan Miller, "Ranking items with star ratings" (2015):
  // p_k = (n_k + 1) / (N + 5), S = Σ k·p_k − 1.96 · √((Σ k²·p_k − (Σ k·p_k)²) / (N + 6)).
  it.each([
    // No ratings: mean 15/5 = 3, E[s²] 55/5 = 11, variance 2, /6 → √(1/3) = 0.57735 → 3 − 1.13161.
    [[0, 0, 0, 0, 0], 1.86839],
    // Ten 5-star: mean 65/15 = 4.33333, E[s²] 305/15 = 20.33333, variance 1.55556, /16 → 0.31180.
    [[0, 0, 0, 0, 10], 3.7222],
    // One 5-star: mean 20/6 = 3.33333, E[s²] 80/6 = 13.33333, variance 2.22222, /7 → 0.56344.
    [[0, 0, 0, 0, 1], 2.229],
    // Ten 1-star: mean 25/15 = 1.66667, E[s²] 65/15 = 4.33333, variance 1.55556, /16 → 0.31180.
    [[10, 0, 0, 0, 0], 1.05553],
  ] as const)("%j → %f", (counts, expected) => {
    expect(starRatingLowerBound(counts)).toBeCloseTo(expected, 4);
  });

  it("a single 5-star review ranks below forty 4- and 5-star reviews", () => {
    expect(starRatingLowerBound([0, 0, 0, 0, 1])).toBeLessThan(starRatingLowerBound([0, 0, 0, 20, 20]));
  });

  it("counts ratings and averages them; refuses ratings outside 1–5", () => {
    expect(starCounts([5, 4, 4, 1])).toEqual([1, 0, 0, 2, 1]);
    expect(averageRating(starCounts([5, 4, 4, 1]))).toBe(3.5);
    expect(averageRating([0, 0, 0, 0, 0])).toBeNull();
    expect(() => starCounts([6])).toThrow(RangeError);
    expect(() => starCounts([0])).toThrow(RangeError);
  });
});
