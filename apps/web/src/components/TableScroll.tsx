import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls in. It takes the keyboard focus, so a keyboard user can scroll a table that
 * holds no link or button (WCAG 2.1.1; axe `scrollable-region-focusable`), and is named by its heading.
 */
export function TableScroll(
  props: { labelledBy: string; children: ReactNode } | { label: string; children: ReactNode },
) {
  const name =
    'labelledBy' in props ? { 'aria-labelledby': props.labelledBy } : { 'aria-label': props.label };
  return (
    <div className="table-scroll" tabIndex={0} role="region" {...name}>
      {props.children}
    </div>
  );
}
