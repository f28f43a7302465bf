import { Textarea, type TextareaProps } from '@mantine/core';
import type { CSSProperties } from 'react';

type GrowingTextareaProps = Omit<TextareaProps, 'autosize' | 'rows' | 'styles'> & { minRows: number; maxRows?: number; styles?: { input?: CSSProperties } };

const growsByCss = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** `lines` lines high plus the input's padding and border, as the rows attribute sizes it. */
const linesHigh = (lines: number) => `calc(${lines}lh + 2 * var(--input-padding-y, 0rem) + 2px)`;

/**
 * A textarea that grows with its text from `minRows` to `maxRows` lines by CSS (`field-sizing:
 * content` between a min-height and a max-height) where the browser has it, instead of Mantine's
 * `autosize`: that measures the text from a layout effect and so makes the browser style and lay
 * out the whole page in the middle of React's commit (on a case page with 50 activities: 52 ms at
 * four times slower CPU, 60–97 ms in Lighthouse's trace). Browsers without field-sizing keep
 * Mantine's `autosize`.
 */
export function GrowingTextarea({ minRows, maxRows, styles, ...props }: GrowingTextareaProps) {
  if (!growsByCss) return <Textarea {...props} styles={styles} autosize minRows={minRows} maxRows={maxRows} />;
  return (
    <Textarea
      {...props}
      rows={minRows}
      styles={{ input: { ...styles?.input, fieldSizing: 'content', minHeight: linesHigh(minRows), maxHeight: maxRows === undefined ? undefined : linesHigh(maxRows) } }}
    />
  );
}
