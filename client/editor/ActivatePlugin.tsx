import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { Activation } from './ClausePreview.tsx';

/**
 * Focuses an editor that was just mounted because the person clicked or tabbed into its
 * preview: the caret goes where they clicked, or to the end of the text.
 */
export function ActivatePlugin({ activation }: { activation: Activation | null }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (activation === null) return;
    const root = editor.getRootElement();
    if (root === null) return;
    if (activation !== 'end') {
      const range = document.caretRangeFromPoint?.(activation.x, activation.y);
      if (range != null && root.contains(range.startContainer)) {
        root.focus({ preventScroll: true });
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
    }
    editor.focus(undefined, { defaultSelection: 'rootEnd' });
  }, [editor, activation]);
  return null;
}
