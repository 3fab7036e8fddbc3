import { describe, expect, test } from "vitest";
import { bankDetailsFromLines } from "~/domain/papers/bank-details.ts";

describe("bankDetailsFromLines", () => {
  test.each([
    {
      lines: ["Beneficiary: Packloop Escrow Pty Ltd", "Bank: Westpac", "IBAN: AU00 1234", "SWIFT: WPACAU2S"],
      want: {
        beneficiary: "Packloop Escrow Pty Ltd",
        bankName: "Westpac",
        account: "AU00 1234",
        swiftBic: "WPACAU2S",
      },
    },
    {
      lines: ["Packloop Escrow", "DBS Bank", "123-456-789", "DBSSSGSG"],
      want: {
        beneficiary: "Packloop Escrow",
        bankName: "DBS Bank",
        account: "123-456-789",
        swiftBic: "DBSSSGSG",
      },
    },
    {
      lines: ["BIC: DBSSSGSG", "Packloop Escrow", "Account: 99"],
      want: { beneficiary: "Packloop Escrow", bankName: "", account: "99", swiftBic: "DBSSSGSG" },
    },
    { lines: [], want: { beneficiary: "", bankName: "", account: "", swiftBic: "" } },
  ])("$lines", ({ lines, want }) => {
    expect(bankDetailsFromLines(lines)).toEqual(want);
  });
});
