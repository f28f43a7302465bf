import { Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';

/**
 * The body of an article (Markdown), rendered safely: HTML in the body is left out (`skipHtml`, and
 * no rehype-raw), react-markdown drops `javascript:` and other unsafe URLs, and links open in a new
 * tab without handing it this page. Headings of the body sit under the page's one h1.
 */
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
};

export function ArticleMarkdown({ body }: { body: string }) {
  return (
    <Typography className="article-body">
      <Markdown skipHtml components={components}>
        {body}
      </Markdown>
    </Typography>
  );
}
