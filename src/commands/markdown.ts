import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Posts are hostile until proven otherwise. Markdown is rendered on the server with raw HTML
 * disabled, then the output is sanitised against an allowlist as a second, independent wall:
 * a bug in either one alone cannot let a script through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
    'strong', 'em', 's', 'del', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    th: ['style'],
    td: ['style'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer', target: '_blank' }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', referrerpolicy: 'no-referrer' } }),
  },
};

ALLOWED.allowedAttributes = { ...(ALLOWED.allowedAttributes as Record<string, string[]>), img: ['src', 'alt', 'title', 'loading', 'referrerpolicy'] };

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED).trim();
}
