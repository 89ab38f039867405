import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister, ParagraphNode, TabNode, TextNode } from 'lexical';
import { useEffect } from 'react';
import { ALLOWED_TEXT_FORMAT } from '../../shared/doc-schema.ts';

/**
 * Keeps the clause within the shapes the server accepts (`shared/doc-schema.ts`): text keeps only
 * bold, italic and underline and no style, paragraphs no alignment, indentation or style. A paste
 * from Word or a web page brings all of those; without this the server would refuse the edit.
 * Applied to text arriving from others too, it shows them nothing the words do not say.
 */
export function NormalisePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const normaliseText = (node: TextNode) => {
      if ((node.getFormat() & ~ALLOWED_TEXT_FORMAT) !== 0) node.setFormat(node.getFormat() & ALLOWED_TEXT_FORMAT);
      if (node.getStyle() !== '') node.setStyle('');
      if (node.getMode() !== 'normal') node.setMode('normal');
    };
    return mergeRegister(
      editor.registerNodeTransform(TextNode, normaliseText),
      editor.registerNodeTransform(TabNode, normaliseText),
      editor.registerNodeTransform(ParagraphNode, (node) => {
        if (node.getFormatType() !== '') node.setFormat('');
        if (node.getIndent() !== 0) node.setIndent(0);
        if (node.getStyle() !== '') node.setStyle('');
        if ((node.getTextFormat() & ~ALLOWED_TEXT_FORMAT) !== 0)
          node.setTextFormat(node.getTextFormat() & ALLOWED_TEXT_FORMAT);
        if (node.getTextStyle() !== '') node.setTextStyle('');
      }),
    );
  }, [editor]);
  return null;
}
