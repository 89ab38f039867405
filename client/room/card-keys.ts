/**
 * The keyboard in the list of clause cards: each card is one tab stop, and its controls are
 * reached inside it. On a card, Tab and Shift+Tab go to the next and previous card, ↑ and ↓ too,
 * Enter goes into its text; inside a card, Tab goes through its text, its decisions, its
 * arrangement and its History in that order and then on to the next card, and Escape goes back to the card.
 * Without this a demo draft's 23 cards are 230 tab stops.
 *
 * The controls keep their own tab index: the card decides where Tab goes, so no component inside
 * it has to know it stands in a card.
 */

/** What a card's stops are, in the order Tab visits them. */
const STOP_GROUPS = [
  '.clause-editor[contenteditable="true"], .clause-preview[aria-readonly="false"]',
  '.decisions .actions button, .decisions .actions a[href]',
  '.decisions button, .decisions a[href], .card-notes button, .card-notes a[href]',
  '.structure button, .structure a[href]',
  '.clause-attribution button, .clause-attribution a[href]',
];

const CARD_SELECTOR = '[data-testid="clause"]';

function isAvailable(element: HTMLElement): boolean {
  if (element.closest('dialog, .format-toolbar') !== null) return false;
  if ((element as HTMLButtonElement).disabled === true) return false;
  if (element.getClientRects().length === 0) return false;
  return typeof element.checkVisibility !== 'function' || element.checkVisibility({ visibilityProperty: true });
}

/** The card's controls in the order Tab visits them. */
export function cardStops(card: HTMLElement): HTMLElement[] {
  const seen = new Set<HTMLElement>();
  const stops: HTMLElement[] = [];
  for (const group of STOP_GROUPS) {
    for (const element of card.querySelectorAll<HTMLElement>(group)) {
      if (seen.has(element) || !isAvailable(element)) continue;
      seen.add(element);
      stops.push(element);
    }
  }
  return stops;
}

/** The cards of the list a card is in. */
function cardsBeside(card: HTMLElement): HTMLElement[] {
  const list = card.parentElement;
  return list === null ? [card] : [...list.querySelectorAll<HTMLElement>(`:scope > ${CARD_SELECTOR}`)];
}

/** Focuses a card, bringing it into view without jumping further than needed. */
export function focusCard(card: HTMLElement): void {
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest' });
}

/** What the card's key handler should do with a key; null when it leaves the key alone. */
export type CardKeyAction =
  | { type: 'focus'; target: HTMLElement }
  | { type: 'enter' }
  | { type: 'leave-list'; forward: boolean };

/**
 * Where a key pressed in a card takes the focus. `target` is where the key was pressed: the card
 * itself or something inside it. Keys inside a dialog or with Ctrl, Alt or Meta are left alone.
 */
export function cardKeyAction(card: HTMLElement, target: HTMLElement, key: KeyboardEvent): CardKeyAction | null {
  if (key.ctrlKey || key.altKey || key.metaKey) return null;
  if (target.closest('dialog') !== null) return null;
  const onCard = target === card;
  const cards = cardsBeside(card);
  const at = cards.indexOf(card);
  const neighbour = (step: -1 | 1): CardKeyAction => {
    const next = cards[at + step];
    return next === undefined ? { type: 'leave-list', forward: step === 1 } : { type: 'focus', target: next };
  };
  if (onCard) {
    if (key.key === 'Tab') return neighbour(key.shiftKey ? -1 : 1);
    if (key.key === 'ArrowDown' && !key.shiftKey) return neighbour(1);
    if (key.key === 'ArrowUp' && !key.shiftKey) return neighbour(-1);
    if (key.key === 'Enter' || key.key === 'F2') return { type: 'enter' };
    return null;
  }
  if (key.key === 'Escape') return { type: 'focus', target: card };
  if (key.key !== 'Tab') return null;
  const stops = cardStops(card);
  const here = stops.findIndex((stop) => stop === target || stop.contains(target));
  if (key.shiftKey) return { type: 'focus', target: here > 0 ? (stops[here - 1] ?? card) : card };
  const next = stops[here + 1];
  return next === undefined || here === -1 ? neighbour(1) : { type: 'focus', target: next };
}
