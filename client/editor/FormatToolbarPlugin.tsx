import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, type TextFormatType } from 'lexical';
import { useEffect, useState } from 'react';

const FORMATS: Array<{ format: TextFormatType; label: string; shortcut: string; text: string }> = [
  { format: 'bold', label: 'Bold', shortcut: 'Ctrl+B', text: 'B' },
  { format: 'italic', label: 'Italic', shortcut: 'Ctrl+I', text: 'I' },
  { format: 'underline', label: 'Underline', shortcut: 'Ctrl+U', text: 'U' },
];

/**
 * Bold, italic and underline for the selection, each showing whether the selection has it. The
 * buttons keep the focus in the text, so a format can be set mid-sentence and typing goes on.
 */
export function FormatToolbarPlugin({ label }: { label: string }) {
  const [editor] = useLexicalComposerContext();
  const [active, setActive] = useState<ReadonlySet<TextFormatType>>(new Set());
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          const next = new Set<TextFormatType>();
          if ($isRangeSelection(selection)) {
            for (const { format } of FORMATS) if (selection.hasFormat(format)) next.add(format);
          }
          setActive((previous) =>
            previous.size === next.size && [...next].every((f) => previous.has(f)) ? previous : next,
          );
        });
      }),
    [editor],
  );
  return (
    <div className="format-toolbar" role="toolbar" aria-label={`Format ${label}`}>
      {FORMATS.map(({ format, label: name, shortcut, text }) => (
        <button
          key={format}
          type="button"
          className={`format-${format}`}
          aria-label={name}
          aria-pressed={active.has(format)}
          title={`${name} (${shortcut})`}
          // Keep the caret in the text: a click would otherwise move the focus to the button.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
