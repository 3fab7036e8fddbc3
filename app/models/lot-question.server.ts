import { type Failure, fail, invalid } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { db } from "~/utils/db.server.ts";
import { watchLot } from "./lot-watch.server.ts";
import { notifyOrganization, notifyUsers } from "./notification.server.ts";

/**
 * Questions on a lot: a prospective bidder asks, the seller answers publicly. The asker's identity
 * and organisation are never shown to anyone (answers read "A bidder asked"), so the seller
 * cannot favour or shun a bidder by name before the award.
 */

export const QUESTION_MAX_LENGTH = 1000;
export const ANSWER_MAX_LENGTH = 2000;
/** Questions one user may ask per hour, across all lots: enough for diligence, not for spam. */
export const QUESTIONS_PER_HOUR = 10;

export interface QuestionCaller {
  userId: string;
  organizationId: string | null;
}

/** A refused question or answer: the one failure shape (ADR 018); the HTTP status comes from its code. */
export type QuestionFailure = Failure<
  | "NOT_FOUND"
  | "NO_ORGANIZATION"
  | "OWN_LOT"
  | "FORBIDDEN"
  | "LOT_NOT_OPEN"
  | "ALREADY_ANSWERED"
  | "RATE_LIMITED"
  | "VALIDATION"
>;

const NOT_FOUND: QuestionFailure = fail("NOT_FOUND", "There is no such lot, or it is not published.");

/** Trims and checks a question or answer; the message names the field. */
export function checkText(
  field: "question" | "answer",
  raw: unknown,
): { ok: true; text: string } | QuestionFailure {
  const max = field === "question" ? QUESTION_MAX_LENGTH : ANSWER_MAX_LENGTH;
  const text = typeof raw === "string" ? raw.trim() : "";
  const label = field === "question" ? "Question" : "Answer";
  let error: string | null = null;
  if (text.length === 0) error = `${label} must not be empty.`;
  else if (text.length > max)
    error = `${label} must be at most ${formatNumber(max)} characters (it has ${formatNumber(text.length)}).`;
  if (error) return invalid({ [field]: error });
  return { ok: true, text };
}

/**
 * A member of another organisation asks about an open lot. The seller organisation is notified
 * and the asker starts watching the lot, so the answer reaches them.
 */
export async function askQuestion(
  caller: QuestionCaller,
  lotId: string,
  rawQuestion: unknown,
  now = new Date(),
) {
  if (!caller.organizationId) {
    return fail("NO_ORGANIZATION", "Join an organisation before asking questions.") as QuestionFailure;
  }
  if (!isUuid(lotId)) return NOT_FOUND;
  const lot = await db().lot.findUnique({
    where: { id: lotId },
    select: { id: true, number: true, title: true, status: true, organizationId: true },
  });
  if (!lot || lot.status === "draft" || lot.status === "withdrawn") return NOT_FOUND;
  if (lot.organizationId === caller.organizationId) {
    return fail("OWN_LOT", "You cannot ask a question about your own organisation's lot.") as QuestionFailure;
  }
  if (lot.status !== "open") {
    return fail("LOT_NOT_OPEN", "Questions can only be asked while the lot is open.") as QuestionFailure;
  }
  const checked = checkText("question", rawQuestion);
  if (!checked.ok) return checked;
  const recent = await db().lotQuestion.count({
    where: { askedById: caller.userId, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
  });
  if (recent >= QUESTIONS_PER_HOUR) {
    const message = `You have asked ${QUESTIONS_PER_HOUR} questions in the last hour; please wait before asking another.`;
    return fail("RATE_LIMITED", message, { errors: { question: message } }) as QuestionFailure;
  }
  const question = await db().$transaction(async (tx) => {
    const created = await tx.lotQuestion.create({
      data: {
        lotId,
        askedById: caller.userId,
        organizationId: caller.organizationId,
        question: checked.text,
        createdAt: now,
      },
    });
    await watchLot(tx, caller.userId, lotId);
    await notifyOrganization(tx, lot.organizationId, {
      kind: "question_asked",
      title: NOTIFICATION_TITLES.question_asked.seller(lotTitleFacts(lot)),
      body: checked.text,
      link: `/lots/${lotId}#questions`,
      lotId,
    });
    return created;
  });
  return { ok: true as const, question };
}

/**
 * The seller answers a question publicly, once. The asker and everyone watching the lot are
 * notified; the answering seller is not.
 */
export async function answerQuestion(
  caller: QuestionCaller,
  questionId: string,
  rawAnswer: unknown,
  now = new Date(),
) {
  const missing: QuestionFailure = fail("NOT_FOUND", "There is no such question.");
  if (!isUuid(questionId)) return missing;
  const question = await db().lotQuestion.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      askedById: true,
      answeredAt: true,
      lot: { select: { id: true, number: true, title: true, status: true, organizationId: true } },
    },
  });
  if (!question) return missing;
  if (!caller.organizationId || question.lot.organizationId !== caller.organizationId) {
    return fail("FORBIDDEN", "Only the seller of this lot can answer its questions.") as QuestionFailure;
  }
  const checked = checkText("answer", rawAnswer);
  if (!checked.ok) return checked;
  const { lot } = question;
  return db().$transaction(async (tx) => {
    // Conditional: of two answers sent at once, only the first is kept.
    const { count } = await tx.lotQuestion.updateMany({
      where: { id: questionId, answeredAt: null },
      data: { answer: checked.text, answeredById: caller.userId, answeredAt: now },
    });
    if (count === 0) {
      return fail("ALREADY_ANSWERED", "This question has already been answered.") as QuestionFailure;
    }
    const watchers = await tx.lotWatch.findMany({ where: { lotId: lot.id }, select: { userId: true } });
    const recipients = watchers.map((w) => w.userId);
    if (question.askedById) {
      recipients.push(question.askedById);
      await watchLot(tx, question.askedById, lot.id);
    }
    await notifyUsers(
      tx,
      recipients.filter((id) => id !== caller.userId),
      {
        kind: "question_answered",
        title: NOTIFICATION_TITLES.question_answered.watcher(lotTitleFacts(lot)),
        body: checked.text,
        link: `/lots/${lot.id}#questions`,
        lotId: lot.id,
      },
    );
    return { ok: true as const };
  });
}

export interface LotQuestionView {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
  /** Whether the viewer asked it (shown as "You asked"); never who else did. */
  mine: boolean;
}

/**
 * The questions a viewer may see on a lot: answered ones for everyone; unanswered ones for the
 * seller (to answer them) and for their own askers. Oldest first, like a conversation.
 */
export async function listLotQuestions(
  lot: { id: string; organizationId: string },
  viewer: { userId: string; organizationId: string | null } | null,
): Promise<LotQuestionView[]> {
  const isSeller = viewer?.organizationId === lot.organizationId;
  const rows = await db().lotQuestion.findMany({
    where: {
      lotId: lot.id,
      ...(isSeller
        ? {}
        : { OR: [{ answeredAt: { not: null } }, ...(viewer ? [{ askedById: viewer.userId }] : [])] }),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, question: true, answer: true, createdAt: true, answeredAt: true, askedById: true },
  });
  return rows.map((row) => ({
    id: row.id,
    question: row.question,
    answer: row.answer,
    askedAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    mine: viewer !== null && row.askedById === viewer.userId,
  }));
}
