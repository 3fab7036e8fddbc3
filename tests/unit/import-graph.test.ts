// The layers of app/ (ADR 015): the import graph has no circle, type-only imports included — a
// circle means two modules are one idea split in two, or a lower layer reaching up. Biome's
// restricted imports keep each layer's direction; this test catches circles within a layer too.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
const SOURCE = /\.(ts|tsx)$/;
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated.server") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

/** The app-internal modules a file imports (aliases and relative paths; packages left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = (match[1] ?? match[2] ?? "").split("?")[0];
    let target: string | null = null;
    if (specifier.startsWith("~/")) target = path.join(APP, specifier.slice(2));
    else if (specifier.startsWith(".")) target = path.resolve(path.dirname(file), specifier);
    if (target && SOURCE.test(target)) found.push(target);
  }
  return found;
}

/** Every elementary circle's smallest member list, found by depth-first search (Tarjan would do; the graph is small). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe("app's import graph", () => {
  test("the circle finder finds a circle and passes a line", () => {
    const circle = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
    ]);
    expect(findCycles(circle)).toEqual([["a", "b", "c", "a"]]);
    const line = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", []],
    ]);
    expect(findCycles(line)).toEqual([]);
  });

  test("has no circle", () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(100);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => path.relative(ROOT, f)).join(" → "));
    expect(cycles).toEqual([]);
  });
});
