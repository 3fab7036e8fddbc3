/**
 * The platform's bank account for the pro-forma invoice, from the lines of PLATFORM_BANK_DETAILS
 * (as the deal page shows them, app/routes/deal-pages.server.ts). Labelled lines ("Beneficiary:",
 * "Bank:", "IBAN:"/"Account:", "SWIFT:"/"BIC:") fill their field; unlabelled lines fill the fields
 * still empty in that order.
 */
import type { BankDetails } from "./pro-forma-invoice.ts";

const LABELS: readonly [keyof BankDetails, RegExp][] = [
  ["beneficiary", /^(beneficiary|account name|name)\s*[:=]\s*/i],
  ["bankName", /^(bank|bank name)\s*[:=]\s*/i],
  ["account", /^(iban|account|account number|acct)\s*[:=]\s*/i],
  ["swiftBic", /^(swift|bic|swift\/bic|swift code)\s*[:=]\s*/i],
];

export function bankDetailsFromLines(lines: readonly string[]): BankDetails {
  const found: Record<keyof BankDetails, string> = {
    beneficiary: "",
    bankName: "",
    account: "",
    swiftBic: "",
  };
  const loose: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const labelled = LABELS.find(([, pattern]) => pattern.test(line));
    if (labelled && !found[labelled[0]]) found[labelled[0]] = line.replace(labelled[1], "").trim();
    else loose.push(line);
  }
  for (const [field] of LABELS) {
    if (!found[field] && loose.length > 0) found[field] = loose.shift() as string;
  }
  return found;
}
