// The lot's own changes enter its chain of custody in the transaction that makes them (issue 12
// item 4, ADR 021): listed (with its documents), edited, published, documents added and removed,
// withdrawn. A change that is refused leaves no event. Awards and bookings are asserted in
// awards.test.ts and bookings.test.ts.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { type LotInput, validateLotInput } from "~/domain/lot-input.ts";
import { lotInputFromRow } from "~/domain/lot-json.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { createLot, publishLot, updateLot, withdrawLot } from "~/models/lot.server.ts";
import { addLotDocuments, deleteLotDocument } from "~/models/lot-document.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { pdfBytes, today } from "../fixtures/lots.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let rival: Account;

beforeAll(async () => {
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "packloop-custody-"));
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  rival = await accountWith(["seller"]);
});

function inputOf(row: Parameters<typeof lotInputFromRow>[0]): LotInput {
  const checked = validateLotInput(lotInputFromRow(row), { today: today(), mode: "draft" });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

test("listing, editing, publishing, documents and withdrawal each append their event; the chain verifies", async () => {
  const caller = { organizationId: seller.organizationId, userId: seller.userId };
  const template = await openLot(seller.organizationId, { status: "draft", publishedAt: null });
  const input = inputOf(template);
  const sha = "cd".repeat(32);
  const lot = await createLot(caller, input, {
    publish: false,
    documents: [
      {
        kind: "un38_3_summary",
        fileName: "un38.pdf",
        contentType: "application/pdf",
        sizeBytes: 100,
        storageKey: "x/y",
        sha256: sha,
      },
    ],
  });
  expect((await updateLot(caller, lot.id, { ...input, title: "Renamed modules" })).ok).toBe(true);
  // Someone else's edit is refused and writes nothing.
  expect((await updateLot({ ...caller, organizationId: rival.organizationId }, lot.id, input)).ok).toBe(
    false,
  );
  expect((await publishLot(caller, lot.id)).ok).toBe(true);
  const added = await addLotDocuments(caller, lot.id, [
    {
      kind: "safety_data_sheet",
      fileName: "sds.pdf",
      contentType: "application/pdf",
      bytes: pdfBytes("SDS"),
    },
  ]);
  expect(added.ok).toBe(true);
  const sds = await db().lotDocument.findFirstOrThrow({
    where: { lotId: lot.id, kind: "safety_data_sheet" },
  });
  expect((await deleteLotDocument(caller, lot.id, sds.id)).ok).toBe(true);
  expect((await withdrawLot(caller, lot.id)).ok).toBe(true);

  const report = await verifyChain(lot.id);
  expect(report.verified).toBe(true);
  expect(report.events.map((e) => [e.sequence, e.kind])).toEqual([
    [1, "lot_listed"],
    [2, "documents_added"],
    [3, "lot_edited"],
    [4, "lot_published"],
    [5, "documents_added"],
    [6, "document_removed"],
    [7, "lot_withdrawn"],
  ]);
  for (const event of report.events) {
    expect(event).toMatchObject({ actorUserId: seller.userId, organizationId: seller.organizationId });
  }
  expect(report.events[0]!.data).toMatchObject({ status: "draft", title: input.title, massKg: input.massKg });
  expect(report.events[0]!.data).not.toHaveProperty("reservePriceMinor");
  expect(report.events[1]!.data).toEqual({
    documents: [{ kind: "un38_3_summary", fileName: "un38.pdf", sha256: sha, sizeBytes: 100 }],
  });
  expect(report.events[2]!.data).toMatchObject({ title: "Renamed modules" });
  expect(report.events[4]!.data).toMatchObject({
    documents: [{ kind: "safety_data_sheet", sha256: sds.sha256 }],
  });
  expect(report.events[6]!.data).toEqual({ from: "open" });
});

test("a lot listed and published at once records both, in order", async () => {
  const caller = { organizationId: seller.organizationId, userId: seller.userId };
  const template = await openLot(seller.organizationId, { status: "draft", publishedAt: null });
  const lot = await createLot(caller, inputOf(template), { publish: true });
  const report = await verifyChain(lot.id);
  expect(report).toMatchObject({ verified: true, head: { sequence: 2 } });
  expect(report.events.map((e) => e.kind)).toEqual(["lot_listed", "lot_published"]);
});
