import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, json, problem, readJsonBody, validationProblem } from "~/api/http.server.ts";
import { checkQuoteBody } from "~/api/quote-api.server.ts";
import { quoteKey, quoteLimiter, rateLimitedProblem } from "~/api/rate-limits.server.ts";
import { quoteLot } from "~/models/matching.server.ts";

// Any JSON value: the real checks run in checkQuoteBody, after the facility cap.
const AnyJson = z.unknown();

/**
 * POST /api/v1/quotes: public (no account needed). Ranks the marketplace's facilities, or the ones
 * sent inline, for one described lot: feasible first, best first, infeasible ones with blockers.
 */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") {
      return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
    }
    const allowance = await quoteLimiter.take(quoteKey(request));
    if (!allowance.ok) return rateLimitedProblem(allowance, "Too many quotes from your address.", "address");
    const checked = checkQuoteBody(await readJsonBody(request, AnyJson));
    if (!checked.ok) return checked.response;
    const { lot, facilities, weights } = checked.body;
    const today = new Date().toISOString().slice(0, 10);
    const result = await quoteLot(lot, {
      today,
      ...(facilities ? { facilities } : {}),
      ...(weights ? { weights } : {}),
    });
    if (!result.ok) return validationProblem(result.errors);
    return json({ matches: result.matches });
  });
}

export function loader() {
  return problem(405, "Use POST with a JSON body.", {
    code: "METHOD_NOT_ALLOWED",
    headers: { Allow: "POST" },
  });
}
