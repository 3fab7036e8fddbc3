// Lots through the real page routes on a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set): sellers list, edit, publish and withdraw their own lots; nobody else
// can; bad input and bad files are refused per field with nothing written; concurrent edits cannot
// both win.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { validateLotInput } from "~/domain/lot-input.ts";
import { lotInputFromRow } from "~/domain/lot-json.ts";
import { updateLot } from "~/models/lot.server.ts";
import * as detailRoute from "~/routes/lots.$lotId.tsx";
import * as documentRoute from "~/routes/lots.$lotId_.documents.$documentId.ts";
import * as editRoute from "~/routes/lots.$lotId_.edit.tsx";
import * as mineRoute from "~/routes/lots.mine.tsx";
import * as newRoute from "~/routes/lots.new.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import {
  closesIn,
  type Fields,
  lotFields,
  multipartRequest,
  pdfBytes,
  pngBytes,
  today,
} from "../fixtures/lots.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let rival: Account;
let buyer: Account;
let uploads: string;

beforeAll(async () => {
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "packloop-lots-"));
  uploads = path.join(process.env.DATA_DIR, "uploads");
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  rival = await accountWith(["seller", "buyer"], "NZ");
  buyer = await accountWith(["buyer"], "KR");
});

async function listLot(account: Account, fields: Fields = {}, intent: "draft" | "publish" = "draft") {
  const outcome = await callRoute(
    newRoute.action,
    postRequest("/lots/new", { ...lotFields(fields), intent }, { cookie: account.cookie }),
  );
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  const id = outcome.location!.split("/").pop()!;
  return db().lot.findUniqueOrThrow({ where: { id } });
}

async function storedFiles(): Promise<string[]> {
  const dirs = await readdir(uploads).catch(() => [] as string[]);
  const files = await Promise.all(dirs.map((d) => readdir(path.join(uploads, d))));
  return files.flat();
}

describe("listing a lot", () => {
  test("a seller saves a draft: values in kg, Wh and minor units, economy from the location", async () => {
    const lot = await listLot(seller);
    expect(lot).toMatchObject({
      organizationId: seller.organizationId,
      createdById: seller.userId,
      status: "draft",
      massKg: 7200,
      energyWh: 960_000,
      economyCode: "AU",
      currency: "AUD",
      startingPriceMinor: 1_000_000n,
      reservePriceMinor: 1_250_000n,
      askingPriceMinor: null,
      publishedAt: null,
    });
  });

  test("publishing at once opens the lot; a port stands in for empty coordinates", async () => {
    const lot = await listLot(seller, { lat: "", lng: "", port: "JP", locationLabel: "" }, "publish");
    expect(lot).toMatchObject({ status: "open", economyCode: "JP", locationLabel: "Port of Yokohama" });
    expect(lot.publishedAt).not.toBeNull();
    expect(lot.originalClosesAt?.getTime()).toBe(lot.closesAt?.getTime());
  });

  test.each([
    ["massKg", { massKg: "-40" }, /more than 0/],
    ["massKg", { massKg: "240" }, /per unit is implausible/],
    ["stateOfHealthPct", { stateOfHealthPct: "140" }, /0 to 100/],
    ["lat", { lat: "95" }, /-90 to 90/],
    ["chemistry", { chemistry: "NMC999" }, /Unknown chemistry/],
    ["closesAt", { closesAt: "2001-01-01T00:00" }, /future/],
    ["startingPrice", { startingPrice: "" }, /starting price/],
  ])(
    "bad %s is refused with a message naming it, the input kept, nothing written",
    async (field, change, message) => {
      const before = await db().lot.count();
      const outcome = await callRoute(
        newRoute.action,
        postRequest("/lots/new", { ...lotFields(change), intent: "publish" }, { cookie: seller.cookie }),
      );
      expect(outcome.status).toBe(400);
      const errors = outcome.data.errors as Record<string, string>;
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field]).toMatch(message);
      expect((outcome.data.values as Fields)[field]).toBe(Object.values(change)[0]);
      expect(await db().lot.count()).toBe(before);
    },
  );

  test("an organisation without the seller capability cannot list", async () => {
    const page = await callRoute(newRoute.loader, getRequest("/lots/new", { cookie: buyer.cookie }));
    expect(page).toMatchObject({ thrown: true, status: 403 });
    const before = await db().lot.count();
    const post = await callRoute(
      newRoute.action,
      postRequest("/lots/new", { ...lotFields(), intent: "draft" }, { cookie: buyer.cookie }),
    );
    expect(post.status).toBe(403);
    expect(await db().lot.count()).toBe(before);
  });
});

describe("who sees and changes a lot", () => {
  test("a draft is visible to its organisation only; a published lot to everyone", async () => {
    const lot = await listLot(seller);
    const own = await callRoute(
      detailRoute.loader,
      getRequest(`/lots/${lot.id}`, { cookie: seller.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ isOwner: true, can: { edit: true, publish: true, withdraw: true } });
    for (const cookie of [rival.cookie, null]) {
      const other = await callRoute(detailRoute.loader, getRequest(`/lots/${lot.id}`, { cookie }), {
        lotId: lot.id,
      });
      expect(other).toMatchObject({ thrown: true, status: 404 });
    }
    const published = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "publish" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(published.data.done).toBe("Published.");
    const visitor = await callRoute(detailRoute.loader, getRequest(`/lots/${lot.id}`), { lotId: lot.id });
    expect(visitor.status).toBe(200);
    const shown = visitor.data.lot as {
      price: { reserve: unknown; starting: unknown };
      derived: { transport: unknown };
    };
    expect(shown.price.reserve).toBeNull();
    expect(shown.price.starting).toEqual({ amountMinor: 1_000_000, currency: "AUD" });
    expect(shown.derived.transport).toMatchObject({ unNumber: "UN3480", packingInstruction: "P909" });
    expect(
      await callRoute(detailRoute.loader, getRequest("/lots/not-a-uuid"), { lotId: "not-a-uuid" }),
    ).toMatchObject({
      status: 404,
    });
  });

  test("the owner edits; another organisation cannot edit or withdraw, and nothing changes", async () => {
    const lot = await listLot(seller, {}, "publish");
    const rivalEdit = await callRoute(
      editRoute.action,
      postRequest(
        `/lots/${lot.id}/edit`,
        { ...lotFields({ title: "Hijacked" }), intent: "save" },
        { cookie: rival.cookie },
      ),
      { lotId: lot.id },
    );
    expect(rivalEdit).toMatchObject({ thrown: true, status: 403 });
    const rivalWithdraw = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "withdraw", confirmed: "yes" }, { cookie: rival.cookie }),
      { lotId: lot.id },
    );
    expect(rivalWithdraw.status).toBe(403);
    expect(await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).toMatchObject({
      title: lot.title,
      status: "open",
      version: lot.version,
    });

    const edit = await callRoute(
      editRoute.action,
      postRequest(
        `/lots/${lot.id}/edit`,
        {
          ...lotFields({ title: "24 Leaf packs, re-weighed", massKg: "7310" }),
          version: String(lot.version),
          intent: "save",
        },
        { cookie: seller.cookie },
      ),
      { lotId: lot.id },
    );
    expect(edit).toMatchObject({ status: 302, location: `/lots/${lot.id}` });
    expect(await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).toMatchObject({
      title: "24 Leaf packs, re-weighed",
      massKg: 7310,
      version: lot.version + 1,
    });
    // A form opened before that edit carries the old version: it must not overwrite it.
    const stale = await callRoute(
      editRoute.action,
      postRequest(
        `/lots/${lot.id}/edit`,
        { ...lotFields({ title: "Stale" }), version: String(lot.version), intent: "save" },
        { cookie: seller.cookie },
      ),
      { lotId: lot.id },
    );
    expect(stale.status).toBe(409);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).title).toBe(
      "24 Leaf packs, re-weighed",
    );
  });

  test("a draft of another organisation is not found at all", async () => {
    const lot = await listLot(seller);
    const page = await callRoute(
      editRoute.loader,
      getRequest(`/lots/${lot.id}/edit`, { cookie: rival.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(page).toMatchObject({ thrown: true, status: 404 });
  });

  test("once a bid exists the lot cannot be edited, but it can still be withdrawn", async () => {
    const lot = await listLot(seller, {}, "publish");
    await db().lot.update({ where: { id: lot.id }, data: { bidCount: 1 } });
    const page = await callRoute(
      editRoute.loader,
      getRequest(`/lots/${lot.id}/edit`, { cookie: seller.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(page).toMatchObject({ thrown: true, status: 409 });
    expect(page.body).toMatch(/has bids/);
    const withdraw = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "withdraw", confirmed: "yes" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(withdraw.data.done).toBe("Withdrawn.");
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("withdrawn");
    const hidden = await callRoute(
      detailRoute.loader,
      getRequest(`/lots/${lot.id}`, { cookie: rival.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(hidden.status).toBe(404);
  });

  test("an awarded lot cannot be withdrawn", async () => {
    const lot = await listLot(seller, {}, "publish");
    await db().lot.update({ where: { id: lot.id }, data: { status: "awarded" } });
    const outcome = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "withdraw", confirmed: "yes" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(outcome.status).toBe(409);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("awarded");
  });

  test("publishing an incomplete draft names what is missing and leaves it a draft", async () => {
    const lot = await listLot(seller, { startingPrice: "", reservePrice: "", closesAt: "" });
    const outcome = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "publish" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object).sort()).toEqual(["closesAt", "startingPrice"]);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("draft");
  });

  test("of two concurrent edits from the same version, exactly one wins", async () => {
    const lot = await listLot(seller);
    const caller = { organizationId: seller.organizationId, userId: seller.userId };
    const inputFor = (title: string) => {
      const checked = validateLotInput({ ...lotInputFromRow(lot), title }, { today: today(), mode: "draft" });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return checked.value;
    };
    const results = await Promise.all(
      ["First", "Second", "Third", "Fourth"].map((title) =>
        updateLot(caller, lot.id, inputFor(title), { expectedVersion: lot.version }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "CONFLICT")).toHaveLength(3);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).version).toBe(lot.version + 1);
  });

  test("My lots lists the organisation's own lots with counts by status", async () => {
    const outcome = await callRoute(mineRoute.loader, getRequest("/lots/mine", { cookie: seller.cookie }));
    const lots = outcome.data.lots as { id: string }[];
    const own = await db().lot.count({ where: { organizationId: seller.organizationId } });
    expect(outcome.data.total).toBe(own);
    expect(lots.length).toBe(Math.min(own, 50));
    const drafts = await callRoute(
      mineRoute.loader,
      getRequest("/lots/mine?status=draft", { cookie: seller.cookie }),
    );
    expect(drafts.data.total).toBe(
      await db().lot.count({ where: { organizationId: seller.organizationId, status: "draft" } }),
    );
    const rivalView = await callRoute(mineRoute.loader, getRequest("/lots/mine", { cookie: rival.cookie }));
    expect(rivalView.data.total).toBe(0);
  });
});

describe("documents", () => {
  test("a PDF and a photo are stored with their hash and served to signed-in viewers", async () => {
    const pdf = pdfBytes();
    const request = multipartRequest(
      "/lots/new",
      { ...lotFields(), intent: "publish" },
      [
        { field: "doc_un38_3_summary", name: "../../etc/summary.pdf", type: "application/pdf", bytes: pdf },
        { field: "doc_photo", name: "pack 1.png", type: "image/png", bytes: pngBytes() },
      ],
      seller.cookie,
    );
    const outcome = await callRoute(newRoute.action, request);
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
    const lotId = outcome.location!.split("/").pop()!;
    const docs = await db().lotDocument.findMany({ where: { lotId }, orderBy: { kind: "asc" } });
    expect(docs.map((d) => [d.kind, d.fileName, d.contentType])).toEqual([
      ["un38_3_summary", "summary.pdf", "application/pdf"],
      ["photo", "pack 1.png", "image/png"],
    ]);
    const summary = docs.find((d) => d.kind === "un38_3_summary")!;
    const { createHash } = await import("node:crypto");
    expect(summary.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    const onDisk = await readFile(path.join(uploads, summary.storageKey.slice(0, 2), summary.storageKey));
    expect(new Uint8Array(onDisk)).toEqual(pdf);

    const download = await callRoute(
      documentRoute.loader,
      getRequest(`/lots/${lotId}/documents/${summary.id}`, { cookie: rival.cookie }),
      { lotId, documentId: summary.id },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="summary.pdf"/);
    expect(download.body).toBe(new TextDecoder().decode(pdf));

    const visitor = await callRoute(
      documentRoute.loader,
      getRequest(`/lots/${lotId}/documents/${summary.id}`),
      {
        lotId,
        documentId: summary.id,
      },
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
  });

  test.each([
    [
      "a .pdf that is really text",
      "doc_safety_data_sheet",
      "sds.pdf",
      new TextEncoder().encode("just text, not a PDF"),
      /Only PDF, PNG, JPEG or WebP/,
    ],
    ["a PDF as a photo", "doc_photo", "photo.pdf", pdfBytes(), /PNG, JPEG or WebP image/],
    [
      "a file over 10 MB",
      "doc_soh_report",
      "big.pdf",
      (() => {
        const b = new Uint8Array(10 * 1024 * 1024 + 1);
        b.set(pdfBytes());
        return b;
      })(),
      /at most 10 MB/,
    ],
  ])(
    "%s is refused on its field; no lot, no row and no file are left",
    async (_name, field, fileName, bytes, message) => {
      const [lotsBefore, docsBefore, filesBefore] = [
        await db().lot.count(),
        await db().lotDocument.count(),
        await storedFiles(),
      ];
      const outcome = await callRoute(
        newRoute.action,
        multipartRequest(
          "/lots/new",
          { ...lotFields(), intent: "publish" },
          [
            { field: "doc_un38_3_summary", name: "ok.pdf", type: "application/pdf", bytes: pdfBytes() },
            { field, name: fileName, type: "application/pdf", bytes },
          ],
          seller.cookie,
        ),
      );
      expect(outcome.status).toBe(400);
      const errors = outcome.data.errors as Record<string, string>;
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field]).toMatch(message);
      expect(await db().lot.count()).toBe(lotsBefore);
      expect(await db().lotDocument.count()).toBe(docsBefore);
      expect(await storedFiles()).toEqual(filesBefore);
    },
  );

  test("documents of a draft are not served to another organisation; the owner can remove them while editable", async () => {
    const outcome = await callRoute(
      newRoute.action,
      multipartRequest(
        "/lots/new",
        { ...lotFields(), intent: "draft" },
        [{ field: "doc_soh_report", name: "soh.pdf", type: "application/pdf", bytes: pdfBytes("SoH 81 %") }],
        seller.cookie,
      ),
    );
    const lotId = outcome.location!.split("/").pop()!;
    const doc = await db().lotDocument.findFirstOrThrow({ where: { lotId } });
    const rivalDownload = await callRoute(
      documentRoute.loader,
      getRequest(`/lots/${lotId}/documents/${doc.id}`, { cookie: rival.cookie }),
      { lotId, documentId: doc.id },
    );
    expect(rivalDownload.status).toBe(404);
    const removed = await callRoute(
      detailRoute.action,
      postRequest(
        `/lots/${lotId}`,
        { intent: "deleteDocument", documentId: doc.id },
        { cookie: seller.cookie },
      ),
      { lotId },
    );
    expect(removed.data.done).toBe("Document removed.");
    expect(await db().lotDocument.count({ where: { lotId } })).toBe(0);
    expect(await storedFiles()).not.toContain(doc.storageKey);
  });
});

test("closesIn gives a time the form accepts", () => {
  expect(closesIn(1)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
});
