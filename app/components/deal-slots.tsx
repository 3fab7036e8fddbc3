import { Fragment, type ReactNode } from "react";

/**
 * A translated sentence with several elements in it (an amount, a moment, a reference): the page
 * passes one marker per value (`SLOTS.amount`…) as the interpolation and gets the elements placed
 * where the catalogue puts them, whatever the language's word order. One value alone goes through
 * <Slotted> (app/components/slotted.tsx); this is its several-valued form for the deal pages.
 */
export const SLOTS = {
  a: "\uE000",
  b: "\uE001",
  c: "\uE002",
} as const;

export function Slots({
  text,
  slots,
}: {
  text: string;
  slots: Partial<Record<keyof typeof SLOTS, ReactNode>>;
}) {
  const byMarker = new Map<string, ReactNode>(
    Object.entries(slots).map(([name, node]) => [SLOTS[name as keyof typeof SLOTS], node]),
  );
  return (
    <>
      {text.split(/([\uE000-\uE002])/).map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in a fixed order
        <Fragment key={i}>{byMarker.has(part) ? byMarker.get(part) : part}</Fragment>
      ))}
    </>
  );
}
