/**
 * The linear-programming solver: HiGHS (University of Edinburgh) compiled to WebAssembly, from the
 * `highs` package. The runtime is loaded once per process, lazily (the server build rejects
 * top-level await), and every solve gets a fresh native model that is disposed afterwards, so no
 * state survives between solves and Wasm memory does not leak. Solving blocks the thread it runs
 * on for its duration (a plan of 10,000 lots takes about a second): the server's allocation plans
 * run it on a worker thread (plan-worker.server.ts).
 */

import highsLoader, { type Highs } from "highs";
import type {
  LinearProgram,
  LpColumns,
  LpSession,
  LpSolution,
  LpStatus,
} from "~/domain/matching/linear-program.ts";

let runtime: Promise<Highs> | undefined;

/** The HiGHS runtime, loaded on first use. */
export function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

function statusOf(highs: Highs, code: number): LpStatus {
  const status = highs.constants.modelStatus;
  if (code === status.optimal || code === status.empty) return "optimal";
  if (code === status.infeasible) return "infeasible";
  if (code === status.unbounded || code === status.unboundedOrInfeasible) return "unbounded";
  if (code === status.timeLimit || code === status.iterationLimit) return "time_limit";
  return "error";
}

export interface SolveOptions {
  /** Seconds; HiGHS stops with the best solution found so far. */
  readonly timeLimit?: number;
}

function modelData(highs: Highs, program: LinearProgram) {
  const infinity = highs.infinity;
  const finite = (values: Float64Array) =>
    values.map((v) =>
      v === Number.POSITIVE_INFINITY ? infinity : v === Number.NEGATIVE_INFINITY ? -infinity : v,
    );
  const numCols = program.columnNames.length;
  const numRows = program.rowNames.length;
  return {
    numCols,
    numRows,
    sense:
      program.sense === "maximize"
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    colCost: program.cost,
    colLower: finite(program.columnLower),
    colUpper: finite(program.columnUpper),
    rowLower: finite(program.rowLower),
    rowUpper: finite(program.rowUpper),
    matrix: {
      format: "csc" as const,
      numRows,
      numCols,
      starts: program.starts,
      indices: program.rowIndex,
      values: program.values,
    },
    integrality: program.integral
      ? new Int32Array(numCols).fill(highs.constants.variableType.integer)
      : undefined,
  };
}

type HighsModel = ReturnType<Highs["createModel"]>;

function run(highs: Highs, model: HighsModel, integral: boolean, started: number): LpSolution {
  model.run();
  const status = statusOf(highs, model.getModelStatus());
  const solution = model.getSolution();
  return {
    status,
    objective: status === "optimal" || status === "time_limit" ? model.getObjectiveValue() : 0,
    columnValues: solution.colValue,
    // HiGHS reports each row dual as the change of the objective per unit of right-hand side, in
    // the model's own sense: ≥ 0 for a binding ≤ row of a maximisation, as LpSolution documents.
    rowDuals: integral ? new Float64Array(0) : solution.rowDual,
    solveMs: performance.now() - started,
  };
}

function emptySolution(numRows: number): LpSolution {
  return {
    status: "optimal",
    objective: 0,
    columnValues: new Float64Array(0),
    rowDuals: new Float64Array(numRows),
    solveMs: 0,
  };
}

/** Solves a programme built by the domain. Rejects only when HiGHS itself fails to run. */
export async function solveLinearProgram(
  program: LinearProgram,
  options: SolveOptions = {},
): Promise<LpSolution> {
  const highs = await loadHighs();
  const started = performance.now();
  if (program.columnNames.length === 0) return emptySolution(program.rowNames.length);
  return highs.withModel(modelData(highs, program), (model) => {
    model.options.set({
      output_flag: false,
      ...(options.timeLimit ? { time_limit: options.timeLimit } : {}),
    });
    return run(highs, model, program.integral, started);
  });
}

/**
 * Opens a programme for column generation: columns can be added and the programme solved again,
 * HiGHS restarting from the previous basis. The caller must `close` it (its Wasm memory is not
 * garbage-collected).
 */
export async function openLpSession(program: LinearProgram, options: SolveOptions = {}): Promise<LpSession> {
  const highs = await loadHighs();
  const numRows = program.rowNames.length;
  const model = highs.createModel(modelData(highs, program));
  model.options.set({ output_flag: false, ...(options.timeLimit ? { time_limit: options.timeLimit } : {}) });
  let columns = program.columnNames.length;
  return {
    solve() {
      const started = performance.now();
      if (columns === 0) return emptySolution(numRows);
      return run(highs, model, program.integral, started);
    },
    addColumns(added: LpColumns) {
      model.addCols({
        cost: added.cost,
        lower: added.lower,
        upper: added.upper,
        matrix: {
          format: "csc",
          numRows,
          numCols: added.cost.length,
          starts: added.starts,
          indices: added.rowIndex,
          values: added.values,
        },
      });
      columns += added.cost.length;
    },
    close() {
      model.dispose();
    },
  };
}

/** Solves a model given as CPLEX LP text (for inspection, tests and hand-written models). */
export async function solveLpText(
  text: string,
): Promise<{ status: string; objective: number; values: Record<string, number> }> {
  const highs = await loadHighs();
  const result = highs.solve(text, { output_flag: false });
  const values: Record<string, number> = {};
  for (const [name, column] of Object.entries(result.Columns)) values[name] = column.Primal;
  return { status: result.Status, objective: result.ObjectiveValue, values };
}
