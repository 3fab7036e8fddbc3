import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { DateTime } from "~/components/date-time.tsx";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useLotFormat } from "./use-lot-format.ts";

export interface QuestionItem {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
  mine: boolean;
}

type QuestionFeedback = {
  intent: string | null;
  questionId: string | null;
  formError: string;
  errors: Record<string, string>;
};

const QUESTION_MAX = 1000;
const ANSWER_MAX = 2000;

/**
 * Questions and answers on a lot. Askers are never named (anonymised as "A bidder"), so the seller
 * answers the question, not the company asking it.
 */
export function LotQuestions({
  lotId,
  questions,
  canAsk,
  isSeller,
  loggedIn,
  lotOpen,
}: {
  lotId: string;
  questions: QuestionItem[];
  canAsk: boolean;
  isSeller: boolean;
  loggedIn: boolean;
  lotOpen: boolean;
}) {
  const { t } = useTranslation();
  const day = (iso: string) => <DateTime value={iso} precision="day" />;
  const answered = questions.filter((q) => q.answer !== null);
  const pending = questions.filter((q) => q.answer === null);
  return (
    <section
      className="card stack"
      id="questions"
      aria-labelledby="questions-heading"
      data-testid="lot-questions"
    >
      <h2 id="questions-heading">{t("lot.questions.heading")}</h2>
      {answered.length === 0 ? <p className="hint">{t("lot.questions.noneAnswered")}</p> : null}
      {answered.length > 0 ? (
        <ul className="question-list">
          {answered.map((q) => (
            <li key={q.id} className="question-item" data-testid="answered-question">
              <p>
                <strong>{t(q.mine ? "lot.questions.youAsked" : "lot.questions.bidderAsked")}</strong>{" "}
                <span className="hint">({day(q.askedAt)})</span>: {q.question}
              </p>
              <p className="question-answer">
                <strong>{t("lot.questions.sellerAnswered")}</strong>{" "}
                {q.answeredAt ? <span className="hint">({day(q.answeredAt)})</span> : null}: {q.answer}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {pending.length > 0 ? (
        <>
          <h3>{t(isSeller ? "lot.questions.waitingSeller" : "lot.questions.waitingMine")}</h3>
          <ul className="question-list">
            {pending.map((q) => (
              <li key={q.id} className="question-item" data-testid="pending-question">
                <p>
                  <strong>{t(q.mine ? "lot.questions.youAsked" : "lot.questions.bidderAsked")}</strong>{" "}
                  <span className="hint">({day(q.askedAt)})</span>: {q.question}
                </p>
                {isSeller ? <AnswerForm lotId={lotId} questionId={q.id} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canAsk ? <AskForm lotId={lotId} /> : null}
      {!loggedIn && lotOpen ? <p className="hint">{t("lot.questions.logIn")}</p> : null}
      {loggedIn && !isSeller && !lotOpen ? <p className="hint">{t("lot.questions.closed")}</p> : null}
    </section>
  );
}

function useResetOnSuccess(fetcher: ReturnType<typeof useFetcher<QuestionFeedback>>) {
  const form = useRef<HTMLFormElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (fetcher.state !== "idle") wasBusy.current = true;
    else if (wasBusy.current) {
      wasBusy.current = false;
      if (!fetcher.data) form.current?.reset();
    }
  }, [fetcher.state, fetcher.data]);
  return form;
}

function AskForm({ lotId }: { lotId: string }) {
  const { t, number } = useLotFormat();
  const fetcher = useFetcher<QuestionFeedback>();
  const form = useResetOnSuccess(fetcher);
  const error = fetcher.state === "idle" ? fetcher.data : undefined;
  const fieldError = error?.errors.question;
  return (
    <fetcher.Form
      method="post"
      action={`/lots/${lotId}/questions`}
      className="question-form stack"
      ref={form}
    >
      <div className="field">
        <label htmlFor="field-question">{t("lot.questions.askLabel")}</label>
        <p className="hint" id="question-hint">
          {t("lot.questions.askHint", { max: number(QUESTION_MAX) })}
        </p>
        <textarea
          id="field-question"
          name="question"
          maxLength={QUESTION_MAX}
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "question-hint question-error" : "question-hint"}
        />
        {error ? (
          <p className="field-error" id="question-error" role="alert">
            {fieldError ?? error.formError}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" name="intent" value="ask" disabled={fetcher.state !== "idle"}>
          {t("lot.questions.ask")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function AnswerForm({ lotId, questionId }: { lotId: string; questionId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<QuestionFeedback>();
  const error = fetcher.state === "idle" ? fetcher.data : undefined;
  const fieldError = error?.errors.answer;
  const id = `field-answer-${questionId}`;
  return (
    <fetcher.Form method="post" action={`/lots/${lotId}/questions`} className="question-form stack">
      <input type="hidden" name="questionId" value={questionId} />
      <div className="field">
        <label htmlFor={id}>{t("lot.questions.answerLabel")}</label>
        <textarea
          id={id}
          name="answer"
          maxLength={ANSWER_MAX}
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
        />
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {fieldError ?? error.formError}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" name="intent" value="answer" disabled={fetcher.state !== "idle"}>
          {t("lot.questions.publishAnswer")}
        </button>
      </div>
    </fetcher.Form>
  );
}
