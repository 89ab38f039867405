/**
 * Keeps the card a jump went to where the jump put it while the cards around it finish mounting.
 *
 * A jump usually lands among cards that were never near the viewport: they show a light preview
 * until the shared IntersectionObserver (use-near-viewport.ts) mounts their editor, decisions,
 * structure, history and comments, which makes them much taller. The browser's scroll anchoring
 * then keeps some card above the target still, not the target, and the target is pushed down, out
 * of the screen. So until the person moves (scrolls, types, clicks, touches) or jumps again, every
 * change of the list's size is answered by scrolling the target back to where it was.
 */

/** What the person does that ends the pin: after it, the page is theirs to move. */
const PERSON_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** Pins `card` at its present place in the viewport; returns what unpins it. */
export function pinJumpTarget(card: HTMLElement, list: Element): () => void {
  const top = card.getBoundingClientRect().top;
  const keep = () => {
    // Gone, or hidden with the text while the matrix shows: nothing to keep in place.
    if (!card.isConnected || card.getClientRects().length === 0) return;
    const moved = card.getBoundingClientRect().top - top;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
  };
  const observer = new ResizeObserver(keep);
  observer.observe(list);
  for (const child of list.children) observer.observe(child);
  const unpin = () => {
    observer.disconnect();
    for (const type of PERSON_MOVES) window.removeEventListener(type, unpin, true);
  };
  for (const type of PERSON_MOVES) window.addEventListener(type, unpin, { capture: true, passive: true });
  return unpin;
}
