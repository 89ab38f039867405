import { type RefObject, useLayoutEffect } from 'react';
import type { BracketSpan } from '../../shared/consensus/bracket-anchors.ts';
import { domRangeOf } from './bracket-dom.ts';

/** The name of the one highlight every card adds its bracketed ranges to (`::highlight(bracketed)`). */
const HIGHLIGHT = 'bracketed';

/**
 * Paints the bracketed words of a card's text without touching its DOM's words (anything written
 * into the text would change its hash): a CSS Custom Highlight over each span, and a visible "["
 * and "]" laid over the text at each end, so that a bracket reads without colour. Repainted
 * when the text's DOM changes (the editor re-renders, the preview becomes an editor) or the
 * layout does; the markers are hidden from screen readers, which read the list under the clause.
 */
export function useBracketMarks(
  card: RefObject<HTMLElement | null>,
  markers: RefObject<HTMLElement | null>,
  spans: readonly Extract<BracketSpan, { ok: true }>[],
): void {
  useLayoutEffect(() => {
    const element = card.current;
    const layer = markers.current;
    if (element === null || layer === null) return;
    const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    let ranges: Range[] = [];
    let frame = 0;
    const clear = () => {
      const highlight = registry?.get(HIGHLIGHT);
      for (const range of ranges) highlight?.delete(range);
      ranges = [];
      layer.replaceChildren();
    };
    const paint = () => {
      frame = 0;
      clear();
      const text = element.querySelector<HTMLElement>('.clause-editor');
      if (text === null) return;
      const origin = layer.getBoundingClientRect();
      for (const span of spans) {
        const range = domRangeOf(text, span.from, span.to);
        if (range === null) continue;
        ranges.push(range);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
        const first = rects[0];
        const last = rects.at(-1);
        if (first === undefined || last === undefined) continue;
        layer.append(marker('[', first.left - origin.left, first.top - origin.top, first.height, 'start'));
        layer.append(marker(']', last.right - origin.left, last.top - origin.top, last.height, 'end'));
      }
      if (registry !== null && ranges.length > 0) {
        let highlight = registry.get(HIGHLIGHT);
        if (highlight === undefined) {
          highlight = new Highlight();
          registry.set(HIGHLIGHT, highlight);
        }
        for (const range of ranges) highlight.add(range);
      }
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    paint();
    // Mutations of the markers' own layer are ours: only the text's count.
    const observer = new MutationObserver((records) => {
      if (records.some((r) => !layer.contains(r.target))) schedule();
    });
    observer.observe(element, { subtree: true, childList: true, characterData: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    resize?.observe(element);
    return () => {
      observer.disconnect();
      resize?.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      clear();
    };
  }, [card, markers, spans]);
}

function marker(char: string, left: number, top: number, height: number, end: 'start' | 'end'): HTMLElement {
  const span = document.createElement('span');
  span.className = `bracket-marker bracket-marker-${end}`;
  span.textContent = char;
  span.style.left = `${end === 'start' ? left - 6 : left}px`;
  span.style.top = `${top}px`;
  span.style.height = `${height}px`;
  span.style.lineHeight = `${height}px`;
  return span;
}
