/**
 * A linear programme as plain arrays, the structure HiGHS takes directly (column-wise sparse
 * matrix, bounds on columns and rows), plus a writer for the CPLEX LP text format so a model can be
 * read, diffed, or solved from text. The domain builds programmes; app/services/lp-solver.server.ts
 * solves them; the domain reads the answer. Nothing here knows about lots or facilities.
 */

export interface LinearProgram {
  readonly sense: "maximize" | "minimize";
  readonly columnNames: readonly string[];
  /** Objective coefficient per column. */
  readonly cost: Float64Array;
  readonly columnLower: Float64Array;
  readonly columnUpper: Float64Array;
  /** Restricts every column to whole numbers (a MIP); continuous otherwise. */
  readonly integral: boolean;
  readonly rowNames: readonly string[];
  /** −Infinity / Infinity for a side without a bound. */
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** Column-wise sparse matrix: column j's entries are at starts[j] … starts[j + 1] − 1. */
  readonly starts: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
}

export type LpStatus = "optimal" | "infeasible" | "unbounded" | "time_limit" | "error";

export interface LpSolution {
  readonly status: LpStatus;
  readonly objective: number;
  /** Value of each column. */
  readonly columnValues: Float64Array;
  /**
   * Shadow price of each row: how much the objective would gain per unit of extra right-hand side,
   * ≥ 0 for a binding ≤ row of a maximisation (empty for a MIP, whose duals mean nothing).
   */
  readonly rowDuals: Float64Array;
  readonly solveMs: number;
}

/** Solves a programme; injected into the domain so that it stays free of I/O and WebAssembly. */
export type LpSolver = (program: LinearProgram) => Promise<LpSolution>;

/** Columns to add to a programme, in the same column-wise layout (row indices of existing rows). */
export interface LpColumns {
  readonly cost: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly starts: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
}

/**
 * A programme kept open in the solver so that it can grow column by column and be solved again
 * from the last basis (column generation). `close` releases it; call it in a `finally`.
 */
export interface LpSession {
  solve(): LpSolution;
  addColumns(columns: LpColumns): void;
  close(): void;
}

export type LpSessionOpener = (program: LinearProgram) => Promise<LpSession>;

/** A number as LP text: integers plain, others with enough digits to round-trip. */
function numberText(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

function term(coefficient: number, name: string, first: boolean): string {
  const sign = coefficient < 0 ? "-" : first ? "" : "+";
  const magnitude = Math.abs(coefficient);
  return `${sign}${first && sign === "" ? "" : " "}${magnitude === 1 ? "" : `${numberText(magnitude)} `}${name}`;
}

/** Wraps long expressions: LP readers accept any line length, but people read these files. */
function wrap(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(" "));
  return lines.join("\n   ");
}

/** The programme in CPLEX LP format (names must be LP identifiers: letters, digits, _ . ). */
export function toCplexLp(program: LinearProgram): string {
  const objective: string[] = [];
  program.columnNames.forEach((name, j) => {
    if (program.cost[j] !== 0) objective.push(term(program.cost[j], name, objective.length === 0));
  });
  const rows: string[][] = program.rowNames.map(() => []);
  for (let j = 0; j < program.columnNames.length; j++) {
    for (let k = program.starts[j]; k < program.starts[j + 1]; k++) {
      const row = rows[program.rowIndex[k]];
      row.push(term(program.values[k], program.columnNames[j], row.length === 0));
    }
  }
  const constraints: string[] = [];
  program.rowNames.forEach((name, i) => {
    const lhs = wrap(rows[i].length > 0 ? rows[i] : [`0 ${program.columnNames[0]}`]);
    const lower = program.rowLower[i];
    const upper = program.rowUpper[i];
    if (lower === upper) constraints.push(` ${name}: ${lhs} = ${numberText(upper)}`);
    else {
      if (upper !== Number.POSITIVE_INFINITY) constraints.push(` ${name}: ${lhs} <= ${numberText(upper)}`);
      if (lower !== Number.NEGATIVE_INFINITY)
        constraints.push(
          ` ${name}${upper !== Number.POSITIVE_INFINITY ? "_lo" : ""}: ${lhs} >= ${numberText(lower)}`,
        );
    }
  });
  const bounds = program.columnNames.map(
    (name, j) => ` ${numberText(program.columnLower[j])} <= ${name} <= ${numberText(program.columnUpper[j])}`,
  );
  return [
    program.sense === "maximize" ? "Maximize" : "Minimize",
    ` obj: ${objective.length > 0 ? wrap(objective) : `0 ${program.columnNames[0] ?? "x"}`}`,
    "Subject To",
    ...constraints,
    "Bounds",
    ...bounds,
    ...(program.integral ? ["General", ` ${program.columnNames.join(" ")}`] : []),
    "End",
    "",
  ].join("\n");
}
