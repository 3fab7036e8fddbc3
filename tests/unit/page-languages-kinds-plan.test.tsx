// Issue 14: pages a language hunt found still in English on a Japanese page. The email-preferences
// form labels each kind of notice from the catalogues (`notifications.kinds.*`), and the /plan
// page's tables — headings, columns, empty states and each unassigned lot's reason, worded from
// its code and facts — are in the page's language. The domain's English stays for the API.

import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, test, vi } from "vitest";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from "~/domain/notification-titles.ts";
import { flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import { LANGUAGE_CODES, type LanguageCode } from "~/i18n/languages.ts";

const loaderData = vi.hoisted(() => ({ current: {} as unknown }));
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => loaderData.current,
  useActionData: () => undefined,
  Form: ({ children }: { children: React.ReactNode }) => <form>{children}</form>,
  Link: ({ children, to }: { children: React.ReactNode; to: string }) => <a href={to}>{children}</a>,
}));

const { default: NotificationSettings } = await import("~/routes/settings.notifications.tsx");

const inLanguage = (code: LanguageCode, element: React.ReactElement) =>
  renderToString(<I18nextProvider i18n={i18nFor(code, CATALOGUES[code])}>{element}</I18nextProvider>);

describe("the kinds of notice on the email-preferences form", () => {
  test("English's catalogue says what the domain's English table says, kind by kind", () => {
    const english = flattenCatalogue(CATALOGUES.en);
    for (const kind of NOTIFICATION_KINDS)
      expect(english.get(`notifications.kinds.${kind}`), kind).toBe(NOTIFICATION_KIND_LABELS[kind]);
  });

  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))("%s translates every kind", (code) => {
    const messages = flattenCatalogue(CATALOGUES[code]);
    const untranslated = NOTIFICATION_KINDS.filter(
      (kind) =>
        (messages.get(`notifications.kinds.${kind}`) ?? NOTIFICATION_KIND_LABELS[kind]) ===
        NOTIFICATION_KIND_LABELS[kind],
    );
    expect(untranslated).toEqual([]);
  });

  test("the form in Japanese labels each box in Japanese, none in English", () => {
    loaderData.current = {
      email: "aiko@example.com",
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, emailed: kind !== "outbid" })),
    };
    const html = inLanguage("ja", <NotificationSettings />);
    expect(html).toContain("より高い入札があった");
    expect(html).toContain("ウォッチ中のロットがまもなく終了");
    expect(html).toContain("プラットフォームが紛争を裁定した");
    for (const kind of NOTIFICATION_KINDS) expect(html).not.toContain(`>${NOTIFICATION_KIND_LABELS[kind]}<`);
    expect(html).not.toMatch(/notifications\.kinds/);
  });
});
