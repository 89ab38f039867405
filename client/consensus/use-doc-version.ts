import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A number that changes when the doc has changed, at most once per frame: what a view derived
 * from the whole document (the matrix, the adoption dialog) recomputes on. Typing at full speed
 * in a 200-clause draft thus costs one derivation per frame, not one per keystroke.
 */
export function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame: number | null = null;
    const onChange = () => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setVersion((v) => v + 1);
      });
    };
    doc.on('afterTransaction', onChange);
    return () => {
      doc.off('afterTransaction', onChange);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return version;
}
