import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { endSession } from "~/utils/session.server.ts";

// Logging out changes state, so it is a POST only; a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request, "/");
}
