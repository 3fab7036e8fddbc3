import type { ReactNode } from "react";

/**
 * Where an element goes in a translated sentence: the catalogue places the value (`{{amount}}`,
 * `{{time}}`), the page passes SLOT for it and puts the element there, so an amount can be a
 * <Money> and a moment a <time> whatever the language's word order (ADR 052).
 */
export const SLOT = "\u2063";

/** `text`, worded with SLOT for one value, with `children` in the slot. */
export function Slotted({ text, children }: { text: string; children: ReactNode }) {
  const [before, after = ""] = text.split(SLOT);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}
