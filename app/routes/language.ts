import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getActor } from "~/auth/actor.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { isLanguageCode, LANGUAGE_CODES } from "~/i18n/languages.ts";
import { setUserLanguage } from "~/models/user.server.ts";
import { isHttps, safeRedirect } from "~/utils/session.server.ts";

// The header's language switcher posts here: the choice is kept in a cookie (for visitors, and so
// the next page is already in the new language) and, for a signed-in user, on their account, so it
// follows them to other browsers. Back to the same page with its query, so filters survive.

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  if (!isLanguageCode(language)) {
    return new Response(`language: choose one of ${LANGUAGE_CODES.join(", ")}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const actor = await getActor(request);
  if (actor?.via === "session") await setUserLanguage(actor.userId, language);
  return redirect(safeRedirect(form.get("returnTo"), "/"), {
    status: 303,
    headers: { "Set-Cookie": languageCookie(language, isHttps(request)) },
  });
}
