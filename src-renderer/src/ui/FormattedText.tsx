import { Fragment, useMemo, type ReactNode } from 'react';
import { parseFormatting, type FormattedNode } from '../features/inbox/formatting';

const LINK_TITLE = { url: 'Open in your browser', email: 'Write an email', phone: 'Call this number' } as const;

const render = (nodes: FormattedNode[]): ReactNode[] =>
  nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'bold':
        return <strong key={i}>{render(node.children)}</strong>;
      case 'italic':
        return <em key={i}>{render(node.children)}</em>;
      case 'strike':
        return <s key={i}>{render(node.children)}</s>;
      case 'code':
        return (
          <code key={i} className="fmt-code">
            {node.text}
          </code>
        );
      case 'mono':
        return (
          <code key={i} className="fmt-mono">
            {node.text}
          </code>
        );
      case 'link':
        // A new window: Electron's main process turns it into the user's browser, never this window.
        return (
          <a
            key={i}
            className="fmt-link"
            href={node.href}
            target="_blank"
            rel="noopener noreferrer"
            title={LINK_TITLE[node.kind]}
            data-kind={node.kind}
          >
            {node.text}
          </a>
        );
    }
  });

/** A message's text with WhatsApp's formatting and clickable links, built as React nodes (no HTML). */
export const FormattedText = ({ text }: { text: string }) => {
  const nodes = useMemo(() => render(parseFormatting(text)), [text]);
  return <>{nodes}</>;
};
