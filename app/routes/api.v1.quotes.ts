import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { quoteLot } from "~/models/matching.server.ts";
import { apiHandler, json, problem, readJsonBody, validationProblem } from "~/utils/api.server.ts";
import { checkQuoteBody } from "~/utils/quote-api.server.ts";
import { QUOTES_PER_MINUTE, takeQuoteAllowance } from "~/utils/quote-rate-limit.server.ts";

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
    const allowance = takeQuoteAllowance(request);
    if (!allowance.ok) {
      return problem(429, "Too many quotes from your address.", {
        code: "RATE_LIMITED",
        detail: `At most ${QUOTES_PER_MINUTE} quotes a minute per address; try again in ${allowance.retryAfterSeconds} s.`,
        headers: { "Retry-After": String(allowance.retryAfterSeconds) },
      });
    }
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
