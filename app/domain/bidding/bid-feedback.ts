/**
 * What the bid form says after a refusal, one message per problem (ADR 040). The bid route answers
 * with a summary, field errors and the blockers (compliance, capability…), and a model refusal
 * often repeats one text in two of them (the summary "A bid must be at least …" and the amount's
 * field error); a generic summary ("check the fields below") adds nothing next to field errors.
 * Each problem is said once, beside its field when it has one. Pure, shared by tests and the form.
 */

export interface BidRefusal {
  formError: string;
  errors: Record<string, string>;
  blockers: { code: string; message: string }[];
}

/** A refusal as the bid route sends it: the English texts with the codes behind them (issue 14). */
export interface CodedBidRefusal extends BidRefusal {
  code: string;
  /** Field → the form reader's problem code (bid-form.ts, bid-input.ts). */
  problems?: Record<string, string>;
  minimum?: { amountMinor: number; currency: string };
  limit?: number;
  retryAfterSeconds?: number;
}

/** A catalogue lookup: the message for `key` with `values`, or null when the catalogue has none. */
export type Say = (key: string, values?: Record<string, string | number>) => string | null;

/**
 * The refusal in the reader's language, worded from its codes through the catalogue: the summary
 * from the refusal's code (`bidPanel.refusals.<CODE>`), each field's error from its problem code
 * (`bidPanel.fieldErrors.<problem>`, naming the field), a model refusal repeated on its field from
 * the summary. A code the catalogue does not know keeps the server's English text; so do the
 * blockers (the matching rules' own sentences). `money` writes the minimum the reader's way.
 */
export function localizeRefusal(
  refusal: CodedBidRefusal,
  say: Say,
  money: (value: { amountMinor: number; currency: string }) => string,
): BidRefusal {
  const problems = refusal.problems ?? {};
  const summary = say(`bidPanel.refusals.${refusal.code}`, {
    minimum: refusal.minimum ? money(refusal.minimum) : "",
    limit: refusal.limit ?? "",
    seconds: refusal.retryAfterSeconds ?? "",
  });
  const hasProblems = Object.keys(problems).length > 0;
  const formError = hasProblems
    ? (say("bidPanel.refusals.checkFields") ?? refusal.formError)
    : (summary ?? refusal.formError);
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(refusal.errors)) {
    const problem = problems[field];
    const worded = problem
      ? say(`bidPanel.fieldErrors.${problem}`, { field: say(`bidPanel.fieldNames.${field}`) ?? field })
      : message === refusal.formError
        ? summary
        : null;
    errors[field] = worded ?? message;
  }
  return { formError, errors, blockers: refusal.blockers };
}

export interface BidMessages {
  /** The one line above the form, or null when each problem is said beside its field. */
  summary: string | null;
  /** Blockers not already said elsewhere. */
  blockers: string[];
  /** Field name → its message. */
  fields: Record<string, string>;
}

/** The form's fields in the order they appear: the first with an error takes the focus. */
export const BID_FIELD_ORDER = [
  "amount",
  "maxAmount",
  "facilityId",
  "incoterm",
  "destinationEconomy",
  "destinationLat",
  "destinationLng",
  "idempotencyKey",
] as const;

/**
 * `shownFields` are the fields the form has on screen: an error for any other field (a DAP economy
 * on a form showing no DAP fields) joins the list above the form rather than being lost.
 */
export function bidMessages(refusal: BidRefusal, shownFields: readonly string[]): BidMessages {
  const fields: Record<string, string> = {};
  const blockers: string[] = [];
  for (const [name, message] of Object.entries(refusal.errors)) {
    if (shownFields.includes(name)) fields[name] = message;
    else if (!blockers.includes(message)) blockers.push(message);
  }
  const said = new Set([...Object.values(fields), ...blockers]);
  for (const b of refusal.blockers) {
    if (said.has(b.message)) continue;
    said.add(b.message);
    blockers.push(b.message);
  }
  // The summary stays only when nothing beside a field says the problem: then it is the message
  // (or the heading of the blockers' list, when it is not one of them).
  const anyField = Object.keys(refusal.errors).length > 0;
  const summary = anyField || said.has(refusal.formError) ? null : refusal.formError;
  return { summary, blockers, fields };
}

/** The first field (in the form's order) that has an error, or null. */
export function firstErrorField(fields: Record<string, string>): string | null {
  return BID_FIELD_ORDER.find((name) => fields[name]) ?? Object.keys(fields)[0] ?? null;
}
