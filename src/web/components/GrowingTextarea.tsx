import { Textarea, type TextareaProps } from '@mantine/core';
import type { CSSProperties } from 'react';

/** `minRows` lines high plus the input's padding and border, as the rows attribute sizes it. */
const linesHigh = (lines: number) => `calc(${lines}lh + 2 * var(--input-padding-y, 0rem) + 2px)`;

/**
 * A textarea that grows with its text from `minRows` to `maxRows` lines by CSS (`field-sizing:
 * content`, styles.css) instead of Mantine's `autosize`, which measures the text from a layout
 * effect and so makes the browser style and lay out the whole page in the middle of React's commit
 * (on a case page with 50 activities: 52 ms at four times slower CPU, 60–97 ms in Lighthouse's
 * trace). A browser without field-sizing shows `minRows` lines and scrolls the rest.
 */
type GrowingTextareaProps = Omit<TextareaProps, 'autosize' | 'rows' | 'styles'> & { minRows: number; maxRows?: number; styles?: { input?: CSSProperties } };

export function GrowingTextarea({ minRows, maxRows, className, styles, ...props }: GrowingTextareaProps) {
  return (
    <Textarea
      {...props}
      rows={minRows}
      className={[className, 'growing-textarea'].filter(Boolean).join(' ')}
      styles={{ input: { ...styles?.input, minHeight: linesHigh(minRows), maxHeight: maxRows === undefined ? undefined : linesHigh(maxRows) } }}
    />
  );
}
