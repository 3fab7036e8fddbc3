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

/** A second slot's marker, for a sentence with two elements (an amount and a moment). */
export const SLOT_2 = "\u2064";

/**
 * `text`, worded with SLOT and SLOT_2 (in whichever order the language puts them), with `first` in
 * SLOT and `second` in SLOT_2.
 */
export function Slotted2({ text, first, second }: { text: string; first: ReactNode; second: ReactNode }) {
  const parts = text.split(new RegExp(`(${SLOT}|${SLOT_2})`));
  return (
    <>
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the sentence's parts never reorder.
        part === SLOT ? <span key={i}>{first}</span> : part === SLOT_2 ? <span key={i}>{second}</span> : part,
      )}
    </>
  );
}
