import { Anchor, Code } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { translateKey } from '../../../lib/errors.tsx';
import { MARKS } from '../content.ts';

/** One text of the help with its marks turned into bold labels, literal text and links. */
export function HelpText({ text }: { text: string }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKS)) {
    const index = match.index;
    if (index > last) parts.push(text.slice(last, index));
    const [, key, bold, code, linkText, linkTo] = match;
    if (key) parts.push(<strong key={index}>{translateKey(t, key)}</strong>);
    else if (bold) parts.push(<strong key={index}>{bold}</strong>);
    else if (code) parts.push(<Code key={index}>{code}</Code>);
    else if (linkText && linkTo)
      parts.push(
        <Anchor key={index} component={Link} to={linkTo}>
          {linkText}
        </Anchor>,
      );
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
