import { type BlockerFacts, blockerSentence } from "~/domain/matching/blocker-sentences.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * Why a facility cannot take a lot, one plain sentence per blocker (the table in
 * app/domain/matching/blocker-sentences.ts), without the API's codes. Shared by /quote and the lot
 * page's "Where this lot can go", so both say it the same way.
 */
export function BlockerSentences({
  blockers,
  facts,
  className,
}: {
  blockers: readonly { code: string }[];
  facts: BlockerFacts;
  className?: string;
}) {
  const { t } = useTranslation();
  const language = usePageLanguage();
  // One sentence per code: the engine lists a code once per facility, but say so here too.
  const codes = [...new Set(blockers.map((b) => b.code))];
  return (
    <ul className={className} data-testid="blocker-sentences">
      {codes.map((code) => {
        const { key, values } = blockerSentence(code, facts, language);
        return <li key={code}>{t(key, values)}</li>;
      })}
    </ul>
  );
}
