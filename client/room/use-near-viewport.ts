import { type RefObject, useEffect, useState } from 'react';

/**
 * One observer for every card: two hundred observers would each do the same work. A card counts
 * as near once it comes within one screen height of the viewport, above or below.
 */
let observer: IntersectionObserver | null = null;
const onNear = new WeakMap<Element, () => void>();

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) onNear.get(entry.target)?.();
    },
    { rootMargin: '100% 0px' },
  );
  return observer;
}

/** Becomes true once the element has come near the viewport, and stays true. */
export function useNearViewport(ref: RefObject<Element | null>, initially: boolean): [boolean, () => void] {
  const [near, setNear] = useState(initially);
  useEffect(() => {
    const element = ref.current;
    if (near || element === null) return;
    const io = sharedObserver();
    onNear.set(element, () => setNear(true));
    io.observe(element);
    return () => {
      io.unobserve(element);
      onNear.delete(element);
    };
  }, [ref, near]);
  return [near, () => setNear(true)];
}
