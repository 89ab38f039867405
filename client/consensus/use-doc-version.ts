import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A number that changes when the doc has changed, at most once per frame: what a view derived
 * from the whole document (the matrix, the adoption dialog) recomputes on. Typing at full speed
 * in a 200-clause draft thus costs one derivation per frame, not one per keystroke. With
 * `everyMs`, at most once in that time: for what stays on screen while everyone types (the
 * header's counts), which need not follow each frame.
 */
export function useDocVersion(doc: Y.Doc, everyMs = 0): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      frame = null;
      timer = null;
      setVersion((v) => v + 1);
    };
    const onChange = () => {
      if (everyMs > 0) timer ??= setTimeout(() => requestAnimationFrame(bump), everyMs);
      else frame ??= requestAnimationFrame(bump);
    };
    doc.on('afterTransaction', onChange);
    return () => {
      doc.off('afterTransaction', onChange);
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, everyMs]);
  return version;
}
