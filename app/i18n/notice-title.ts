/**
 * A notification's title in one recipient's language (issue 14): a catalogue title
 * (NOTIFICATION_TITLES, `notifications.titles.<kind>.<variant>` with its facts) worded in that
 * language, English where a catalogue lacks the message; fixed text as it is.
 */
import type { NoticeTitle } from "~/domain/notification-titles.ts";
import { translatorFor } from "./i18n.server.ts";
import type { LanguageCode } from "./languages.ts";

export function noticeTitleIn(title: string | NoticeTitle, language: LanguageCode): string {
  return typeof title === "string" ? title : translatorFor(language)(title.key, title.values);
}
