import { type RefObject, useEffect, useState } from 'react';
import { textOffsetOf } from './bracket-dom.ts';

/** A selection of words in a clause's text, as offsets in its plain text. */
export interface WordSelection {
  from: number;
  to: number;
}

/**
 * The words this person last selected in the card's text (editor or preview), kept while the
 * focus moves to the Bracket button: a keyboard user tabs out of the text, and a click on a
 * button need not keep the browser's selection. Cleared when the caret is put back in the text
 * without a selection.
 */
export function useBracketSelection(card: RefObject<HTMLElement | null>): WordSelection | null {
  const [selection, setSelection] = useState<WordSelection | null>(null);
  useEffect(() => {
    const onChange = () => {
      const element = card.current;
      const text = element?.querySelector<HTMLElement>('.clause-editor') ?? null;
      const current = document.getSelection();
      if (text === null || current === null || current.rangeCount === 0) return;
      const range = current.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      if (range.collapsed) {
        setSelection(null);
        return;
      }
      const from = textOffsetOf(text, range.startContainer, range.startOffset);
      const to = textOffsetOf(text, range.endContainer, range.endOffset);
      if (from === null || to === null || to <= from) return;
      setSelection((before) => (before?.from === from && before.to === to ? before : { from, to }));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [card]);
  return selection;
}
