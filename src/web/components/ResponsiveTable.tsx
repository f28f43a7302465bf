import { Table, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useLayoutEffect, useRef } from 'react';

/** Below this width a table's rows become cards: a phone held upright (390 px) is well below it. */
export const PHONE_QUERY = '(max-width: 48em)';

/** True on a phone-sized screen, known at the first render so the page does not jump. */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false }) ?? false;
}

/**
 * A table that scrolls sideways on a wide screen when it must, and on a phone shows each row as a
 * card of "column: value" lines instead, so nothing is off screen. The column names come from the
 * header row (copied into each cell's data-label), so the tables that use it need no change.
 */
export function ResponsiveTable({ minWidth, children, className, ...props }: TableProps & { minWidth: number }) {
  const phone = usePhone();
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    if (!phone || !table.current) return;
    const headings = [...table.current.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.current.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, index) => cell.setAttribute('data-label', headings[index] ?? ''));
    }
  });
  if (phone) {
    return (
      <Table ref={table} {...props} className={[className, 'stacked-table'].filter(Boolean).join(' ')}>
        {children}
      </Table>
    );
  }
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...props} className={className}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
