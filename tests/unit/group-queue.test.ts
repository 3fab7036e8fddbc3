// GroupQueue (app/utils/group-queue.server.ts): per key, one group at a time; what arrives while a
// group runs forms the next group; keys do not wait for each other; a runner's failure is its
// group's alone; after-commit work delays the answers but not the next group.
import { describe, expect, test } from "vitest";
import { GroupQueue, type GroupRun } from "~/utils/group-queue.server.ts";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("GroupQueue", () => {
  test("a lone item runs at once; items arriving meanwhile form the next group, in arrival order", async () => {
    const groups: number[][] = [];
    const gate = deferred();
    const queue = new GroupQueue<number, number>(async (_key, items) => {
      groups.push(items);
      if (groups.length === 1) await gate.promise;
      return { results: items.map((i) => i * 10) };
    });
    const first = queue.push("lot", 1);
    const rest = [2, 3, 4].map((i) => queue.push("lot", i));
    expect(queue.waitingFor("lot")).toBe(3);
    gate.resolve();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  test("groups never exceed the maximum size", async () => {
    const sizes: number[] = [];
    const gate = deferred();
    const queue = new GroupQueue<number, number>(async (_key, items) => {
      sizes.push(items.length);
      if (sizes.length === 1) await gate.promise;
      return { results: items };
    }, 3);
    const all = Array.from({ length: 8 }, (_, i) => queue.push("lot", i));
    gate.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  test("different keys run side by side", async () => {
    const gate = deferred();
    const queue = new GroupQueue<string, string>(async (key, items) => {
      if (key === "slow") await gate.promise;
      return { results: items.map((i) => `${key}:${i}`) };
    });
    const slow = queue.push("slow", "a");
    expect(await queue.push("fast", "b")).toBe("fast:b");
    gate.resolve();
    expect(await slow).toBe("slow:a");
  });

  test("a failing runner rejects its own group only; the queue goes on", async () => {
    let calls = 0;
    const gate = deferred();
    const queue = new GroupQueue<number, number>(async (_key, items) => {
      calls += 1;
      if (calls === 1) {
        await gate.promise;
        throw new Error("lock timeout");
      }
      return { results: items };
    });
    const failing = queue.push("lot", 1);
    const later = queue.push("lot", 2);
    gate.resolve();
    await expect(failing).rejects.toThrow("lock timeout");
    expect(await later).toBe(2);
  });

  test("a runner answering the wrong number of items fails its group", async () => {
    const queue = new GroupQueue<number, number>(async () => ({ results: [] }));
    await expect(queue.push("lot", 1)).rejects.toThrow("answered 0 of 1");
  });

  test("after-commit work holds back the group's answers, not the next group", async () => {
    const after = deferred();
    const order: string[] = [];
    const gate = deferred();
    const queue = new GroupQueue<number, number>(async (_key, items): Promise<GroupRun<number>> => {
      order.push(`run ${items.join(",")}`);
      if (items[0] === 1) {
        await gate.promise;
        return { results: items, settled: after.promise.then(() => void order.push("settled 1")) };
      }
      return { results: items };
    });
    const one = queue.push("lot", 1).then((r) => order.push(`answer ${r}`));
    const two = queue.push("lot", 2).then((r) => order.push(`answer ${r}`));
    gate.resolve();
    await two;
    expect(order).toEqual(["run 1", "run 2", "answer 2"]);
    after.resolve();
    await one;
    expect(order).toEqual(["run 1", "run 2", "answer 2", "settled 1", "answer 1"]);
  });
});
