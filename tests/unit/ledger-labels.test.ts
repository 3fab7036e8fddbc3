// Issue 14 (ADR 065): the deal page labels its ledger lines by kind and its postings by account
// code in the reader's language, while the ledger's record (memo, codes) stays English for the
// statement CSV and the API.
import { describe, expect, test } from "vitest";
import { LEDGER_ACCOUNTS, LEDGER_TRANSACTION_KINDS } from "~/domain/deals/ledger.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { ledgerAccountLabel, ledgerEntryLabel } from "~/i18n/ledger-labels.ts";

describe("the ledger's lines in the reader's language", () => {
  test("a payment keeps its reference; a release is named by its kind, not its English formula", () => {
    const ja = translatorFor("ja");
    expect(
      ledgerEntryLabel(ja, { kind: "payment_received", memo: "Payment received by bank transfer (WIRE 7)" }),
    ).toBe("入金 (WIRE 7)");
    expect(
      ledgerEntryLabel(ja, {
        kind: "provisional_release",
        memo: "Provisional release: 90.00 % of AUD 20,000.00 = AUD 18,000.00",
      }),
    ).toBe("受取側への暫定支払");
    expect(ledgerAccountLabel(ja, "payer_funds_held")).toBe("支払側の預り金");
    expect(ledgerAccountLabel(translatorFor("ko"), "stripe_clearing")).toBe("Stripe 정산 계정");
    // English reads as the ledger's words; a code the catalogue lacks stays the ledger's.
    expect(ledgerAccountLabel(translatorFor("en"), "payer_funds_held")).toBe("payer funds held");
    expect(ledgerAccountLabel(ja, "suspense_account")).toBe("suspense account");
    expect(ledgerEntryLabel(ja, { kind: "mystery", memo: "Something else" })).toBe("Something else");
  });

  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))(
    "%s: every kind and account has its own label",
    (language) => {
      const t = translatorFor(language);
      const en = translatorFor("en");
      for (const kind of LEDGER_TRANSACTION_KINDS) {
        const label = ledgerEntryLabel(t, { kind, memo: "English memo" });
        expect(label, kind).not.toBe("English memo");
        expect(label, kind).not.toBe(ledgerEntryLabel(en, { kind, memo: "English memo" }));
      }
      for (const account of LEDGER_ACCOUNTS) {
        expect(ledgerAccountLabel(t, account), account).not.toBe(ledgerAccountLabel(en, account));
      }
    },
  );
});
