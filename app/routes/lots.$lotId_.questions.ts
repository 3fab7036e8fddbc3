import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getActor } from "~/auth/actor.server.ts";
import { fail, failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { answerQuestion, askQuestion } from "~/models/lot-question.server.ts";

/**
 * POST intent=ask (question) or intent=answer (questionId, answer) from the lot page's questions
 * section. Success goes back to the questions; a refusal answers with its status and, for bad
 * text, the field's message.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const lotId = params.lotId ?? "";
  // No #fragment: a redirect that differs from the current URL only by its hash is a "hash change"
  // to the client router, which then skips the loaders and the new question would not appear.
  const back = `/lots/${lotId}`;
  const viewer = await getActor(request);
  if (!viewer) return redirect(`/login?redirectTo=${encodeURIComponent(`/lots/${lotId}`)}`);
  const form = await request.formData();
  const intent = form.get("intent");
  const caller = { userId: viewer.userId, organizationId: viewer.organizationId };
  const result =
    intent === "ask"
      ? await askQuestion(caller, lotId, form.get("question"))
      : intent === "answer"
        ? await answerQuestion(caller, String(form.get("questionId") ?? ""), form.get("answer"))
        : fail("VALIDATION", 'intent must be "ask" or "answer".');
  if (result.ok) return redirect(back);
  // A Response, not data(): from a resource route Remix sends data()'s wrapper, with 200, to a
  // plain form post; single fetch reads the status and body of either.
  return Response.json(
    {
      intent: typeof intent === "string" ? intent : null,
      questionId: intent === "answer" ? String(form.get("questionId") ?? "") : null,
      formError: result.message,
      errors: result.errors ? failureFieldErrors(result) : {},
    },
    { status: failureStatus(result.code) },
  );
}

export function loader({ params }: { params: { lotId?: string } }) {
  return redirect(`/lots/${params.lotId ?? ""}#questions`);
}
