// Notifications and emails name times in each recipient's zone (ADR 040): the zone a user's
// browser reported (the tz cookie, remembered by the root loader) or UTC when none is known.
import { beforeAll, describe, expect, test } from "vitest";
import { noticeMoment } from "~/domain/notice-moments.ts";
import { notifyUsers } from "~/models/notification.server.ts";
import * as rootRoute from "~/root.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

beforeAll(async () => {
  await insertEconomies(db());
});

describe("times in notices", () => {
  test("the root loader remembers the browser's zone; a notice is written in each recipient's", async () => {
    const seoul = await accountWith(["buyer"], "KR");
    const unknown = await accountWith(["buyer"], "AU");
    const page = await callRoute(
      rootRoute.loader,
      getRequest("/", { cookie: `${seoul.cookie}; tz=Asia%2FSeoul` }),
    );
    expect(page.data.timeZone).toBe("Asia/Seoul");
    expect((await db().user.findUniqueOrThrow({ where: { id: seoul.userId } })).timeZone).toBe("Asia/Seoul");
    // A cookie that names no zone is ignored; the stored zone stands.
    const odd = await callRoute(rootRoute.loader, getRequest("/", { cookie: `${seoul.cookie}; tz=Nowhere` }));
    expect(odd.data.timeZone).toBe("Asia/Seoul");

    const kind = "deal_created" as const;
    await notifyUsers(db(), [seoul.userId, unknown.userId], {
      kind,
      title: `Pay by ${noticeMoment(new Date("2026-12-08T13:30:00Z"))}`,
      body: "Quote the reference.",
    });
    const title = async (userId: string) =>
      (await db().notification.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: "desc" } }))
        .title;
    expect(await title(seoul.userId)).toBe("Pay by 8 Dec 2026, 22:30 GMT+9 (Asia/Seoul)");
    expect(await title(unknown.userId)).toBe("Pay by 8 Dec 2026, 13:30 UTC");
    const email = await db().outboxEmail.findFirstOrThrow({
      where: { to: (await db().user.findUniqueOrThrow({ where: { id: seoul.userId } })).email, kind },
    });
    expect(email.subject).toBe("Pay by 8 Dec 2026, 22:30 GMT+9 (Asia/Seoul)");
    expect(email.text).not.toContain("⟦");
  });
});
