import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';
import hljs from 'highlight.js';
import sanitizeHtml from 'sanitize-html';

/**
 * Posts are hostile until proven otherwise. Markdown is rendered on the server with raw HTML
 * disabled, then the output is sanitised against an allowlist as a second, independent wall: a
 * bug in either one alone cannot let a script through. Code is highlighted on the server, maths
 * becomes MathML (read by screen readers, no fonts or scripts needed), and @mentions of course
 * members become marked-up names.
 */
export interface RenderOptions {
  /** Handles (without @) of the course's members, to their display names. */
  mentions?: ReadonlyMap<string, string>;
}

const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose',
];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 's', 'del',
    'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', ...MATHML_TAGS,
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'loading', 'referrerpolicy'],
    code: ['class'],
    span: ['class'],
    p: ['class'],
    th: ['style'],
    td: ['style'],
    math: ['xmlns', 'display'],
    annotation: ['encoding'],
    mo: ['fence', 'stretchy', 'separator', 'lspace', 'rspace', 'form', 'movablelimits', 'largeop'],
    mspace: ['width'],
    mstyle: ['displaystyle', 'scriptlevel', 'mathvariant'],
    mi: ['mathvariant'],
    mtd: ['columnalign'],
    mtable: ['columnalign', 'rowspacing', 'columnspacing'],
    mfrac: ['linethickness'],
    menclose: ['notation'],
    mpadded: ['width', 'height', 'depth', 'lspace', 'voffset'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedClasses: {
    code: [/^language-[\w-]+$/, 'hljs'],
    span: [/^hljs-[\w-]+$/, 'katex', 'katex-display', 'mention'],
    p: ['katex-block'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer', target: '_blank' }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', referrerpolicy: 'no-referrer' } }),
  },
};

function highlight(code: string, language: string): string {
  const lang = language.trim().toLowerCase();
  if (!lang || !hljs.getLanguage(lang)) return '';
  // highlight.js escapes the code itself; returning '' lets markdown-it escape plain blocks.
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

function buildRenderer(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, highlight });
  md.use(katex, { output: 'mathml', throwOnError: false, trust: false, maxExpand: 200, maxSize: 20 });
  md.core.ruler.push('mentions', (state) => {
    const mentions = (state.env as { mentions?: ReadonlyMap<string, string> }).mentions;
    if (!mentions || mentions.size === 0) return;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const out: typeof block.children = [];
      let insideLink = 0;
      for (const token of block.children) {
        if (token.type === 'link_open') insideLink += 1;
        if (token.type === 'link_close') insideLink -= 1;
        if (token.type !== 'text' || insideLink > 0 || !token.content.includes('@')) {
          out.push(token);
          continue;
        }
        let last = 0;
        for (const match of token.content.matchAll(/(^|[^\w@.])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/gi)) {
          const handle = match[2]!.toLowerCase();
          const name = mentions.get(handle);
          if (!name) continue;
          const start = match.index! + match[1]!.length;
          const before = new state.Token('text', '', 0);
          before.content = token.content.slice(last, start);
          const mention = new state.Token('html_inline', '', 0);
          mention.content = `<span class="mention">@${md.utils.escapeHtml(name)}</span>`;
          out.push(before, mention);
          last = start + 1 + match[2]!.length;
        }
        const rest = new state.Token('text', '', 0);
        rest.content = token.content.slice(last);
        out.push(rest);
      }
      block.children = out;
    }
  });
  return md;
}

const markdown = buildRenderer();

export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return sanitizeHtml(markdown.render(source, { mentions: options.mentions }), ALLOWED).trim();
}

/** The text of rendered HTML, for search and previews. */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, ''), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The handles mentioned in a source text (lower case, without @). */
export function mentionedHandles(source: string): string[] {
  const handles = new Set<string>();
  for (const match of source.matchAll(/(^|[^\w@.])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/gi)) handles.add(match[2]!.toLowerCase());
  return [...handles];
}
