/**
 * The UN 38.3 test summary check: which elements of a test summary (UN Manual of Tests and Criteria,
 * 38.3.5) a seller has given, which are missing, and whether the lot needs the summary at all.
 * Sources: docs/domain/transport-dangerous-goods.md §4.3 (who needs it; SP 376/377 relieve damaged
 * and waste batteries) and §4.6 (the elements of 38.3.5 and the tests T.1–T.8).
 */

import { isoUtc, isoUtcDay, type Paper, type PaperLine } from "./paper.ts";

/** The elements 38.3.5 lists, in its order (a)–(j). */
export const TEST_SUMMARY_ELEMENTS = [
  { key: "manufacturer", label: "(a) Manufacturer of the cell or battery" },
  { key: "manufacturerContact", label: "(b) Manufacturer's contact details" },
  { key: "testLaboratory", label: "(c) Test laboratory" },
  { key: "testReportId", label: "(d) Unique test report identification" },
  { key: "testReportDate", label: "(e) Date of the test report" },
  { key: "description", label: "(f) Description of the cell or battery (type, mass, Wh rating, model)" },
  { key: "testsPassed", label: "(g) Tests conducted and results" },
  { key: "assembledBatteryReference", label: "(h) Reference to assembled battery testing" },
  { key: "manualEdition", label: "(i) Edition of the Manual of Tests and Criteria" },
  { key: "signatory", label: "(j) Signature, name and title of the signatory" },
] as const;
export type TestSummaryElement = (typeof TEST_SUMMARY_ELEMENTS)[number]["key"];

/** The tests of 38.3.4: T.1–T.5 for cells and batteries, T.6 and T.8 for cells, T.7 for rechargeable batteries. */
export const UN38_3_TESTS = ["T.1", "T.2", "T.3", "T.4", "T.5", "T.6", "T.7", "T.8"] as const;
export type Un383Test = (typeof UN38_3_TESTS)[number];

export function requiredTests(unit: "cell" | "battery"): Un383Test[] {
  return unit === "cell"
    ? ["T.1", "T.2", "T.3", "T.4", "T.5", "T.6", "T.8"]
    : ["T.1", "T.2", "T.3", "T.4", "T.5", "T.7"];
}

export interface TestSummaryInput {
  readonly manufacturer?: string | null;
  readonly manufacturerContact?: string | null;
  readonly testLaboratory?: string | null;
  readonly testReportId?: string | null;
  /** YYYY-MM-DD or an ISO instant. */
  readonly testReportDate?: string | null;
  readonly description?: string | null;
  readonly testsPassed?: readonly string[] | null;
  readonly assembledBatteryReference?: string | null;
  readonly manualEdition?: string | null;
  readonly signatory?: string | null;
}

export interface TestSummaryCheckInput {
  readonly reference: string;
  readonly issuedAt: Date | string;
  readonly lotTitle: string;
  /** From the lot's document checklist (compliance/documents.ts): required, recommended or not applicable. */
  readonly requirement: "required" | "recommended" | "not_applicable";
  readonly unit: "cell" | "battery";
  /** Whether the battery is assembled from cells tested separately (element (h) applies). */
  readonly assembled: boolean;
  readonly summary: TestSummaryInput | null;
}

export interface TestSummaryCheck {
  readonly paper: Paper;
  readonly present: readonly TestSummaryElement[];
  readonly missing: readonly TestSummaryElement[];
  readonly missingTests: readonly Un383Test[];
  /** True when nothing required is missing (always true when the summary is not required). */
  readonly complete: boolean;
}

function given(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "string" && value.trim() !== "";
}

const REQUIREMENT_TEXT = {
  required: "Required: intact batteries that are not waste must have their UN 38.3 test summary available.",
  recommended:
    "Recommended: batteries carried for recycling or disposal under special provision 377 are relieved of the test summary, but carriers may still ask for it.",
  not_applicable:
    "Not applicable: damaged or defective batteries (special provision 376) and black mass no longer conform to a tested type.",
} as const;

/** What a test summary has and lacks, as a paper and as lists. */
export function checkTestSummary(input: TestSummaryCheckInput): TestSummaryCheck {
  const summary = input.summary ?? {};
  const applicable = TEST_SUMMARY_ELEMENTS.filter(
    (e) => e.key !== "assembledBatteryReference" || input.assembled,
  );
  const present: TestSummaryElement[] = [];
  const missing: TestSummaryElement[] = [];
  const lines: PaperLine[] = [];
  for (const element of applicable) {
    const value = summary[element.key];
    const has = given(value);
    (has ? present : missing).push(element.key);
    let text = has ? (Array.isArray(value) ? value.join(", ") : String(value).trim()) : "MISSING";
    if (has && element.key === "testReportDate")
      text = isoUtcDay(String(value)) ?? `${String(value)} (not a date)`;
    lines.push({ label: element.label, value: text });
  }
  const passed = new Set((summary.testsPassed ?? []).map((t) => t.trim().toUpperCase()));
  const missingTests = requiredTests(input.unit).filter((t) => !passed.has(t));
  const needed = input.requirement !== "not_applicable" && input.summary !== null;
  const complete = input.requirement !== "required" || (missing.length === 0 && missingTests.length === 0);
  const verdict =
    input.requirement === "not_applicable"
      ? "No test summary is needed for this lot."
      : complete && missing.length === 0 && missingTests.length === 0
        ? "Complete: every element of 38.3.5 and every required test is present."
        : `Incomplete: ${[...missing.map((m) => TEST_SUMMARY_ELEMENTS.find((e) => e.key === m)?.label ?? m), ...missingTests.map((t) => `test ${t}`)].join("; ")} missing.`;
  const paper: Paper = {
    kind: "test_summary_check",
    title: "UN 38.3 test summary check (UN Manual of Tests and Criteria, 38.3.5)",
    reference: input.reference,
    issuedAt: isoUtc(input.issuedAt) ?? "",
    sections: [
      {
        heading: "Lot",
        lines: [
          { label: "Lot", value: input.lotTitle },
          { label: "Requirement", value: REQUIREMENT_TEXT[input.requirement] },
        ],
      },
      ...(needed || input.requirement === "required" ? [{ heading: "Elements of the summary", lines }] : []),
      ...(needed || input.requirement === "required"
        ? [
            {
              heading: "Tests",
              table: {
                columns: ["Test", "Result"],
                rows: requiredTests(input.unit).map((t) => [t, passed.has(t) ? "passed" : "MISSING"]),
              },
            },
          ]
        : []),
      { heading: "Result", paragraphs: [verdict] },
    ],
  };
  return { paper, present, missing, missingTests, complete };
}
