import { type ReactNode, useId, useState } from 'react';

export interface DisclosureMenuProps {
  /** The button's visible text, e.g. "+ Add". */
  text: string;
  /** Its accessible name, when the text alone does not say enough. */
  label?: string;
  className?: string;
  /** The items; `close` is for an item that has done its work. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button that shows a small menu below it, and hides it again on Escape, when the focus
 * leaves it, or when an item is chosen: what a person expects of a menu.
 */
export function DisclosureMenu({ text, label, className, children }: DisclosureMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const close = () => setOpen(false);
  return (
    <fieldset
      className={`menu ${className ?? ''}`}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) close();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <button
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        {text}
      </button>
      {open && (
        <div className="menu-items" id={menuId}>
          {children(close)}
        </div>
      )}
    </fieldset>
  );
}
