/**
 * A small, tolerant XML reader for news feeds (RSS 2.0, RSS 1.0/RDF, Atom 1.0): elements, attributes,
 * text, CDATA sections (XML 1.0 §2.7), character and entity references (§4.1, plus the HTML entities
 * feeds use in practice such as &nbsp;), comments, processing instructions and a DOCTYPE are read or
 * skipped. Feeds in the wild are often not well-formed, so it never throws: a stray `</b>` is ignored,
 * an unclosed element is closed where its parent closes or at the end, a bare `&` stays an ampersand.
 */

export interface XmlElement {
  /** The qualified name as written (`content:encoded`). */
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  middot: '\u00b7',
  bull: '\u2022',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  times: '\u00d7',
  eacute: '\u00e9',
  egrave: '\u00e8',
  aacute: '\u00e1',
  agrave: '\u00e0',
  oacute: '\u00f3',
  uacute: '\u00fa',
  iacute: '\u00ed',
  ntilde: '\u00f1',
  ccedil: '\u00e7',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
};

/** Replaces character and entity references; unknown or malformed ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (!Number.isFinite(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
          return whole;
        return String.fromCodePoint(code);
      }
      return namedEntities[body] ?? namedEntities[body.toLowerCase()] ?? whole;
    },
  );
}

const nameStart = /[A-Za-z_:\u00c0-\uffff]/;
const attributePattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(attributePattern)) {
    const [, name = '', doubleQuoted, singleQuoted, bare] = match;
    attributes[name] = decodeEntities(doubleQuoted ?? singleQuoted ?? bare ?? '');
  }
  return attributes;
}

/** Local name without prefix, lower-cased: `content:encoded` → `encoded`, `Title` → `title`. */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

/** Parses `source` into a synthetic `#document` element holding the top-level nodes. */
export function parseXml(source: string): XmlElement {
  const document: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [document];
  const current = (): XmlElement => stack[stack.length - 1] ?? document;
  const appendText = (text: string): void => {
    if (text.length === 0) return;
    const children = current().children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + text;
    else children.push(text);
  };

  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<', at);
    if (open < 0) {
      appendText(decodeEntities(source.slice(at)));
      break;
    }
    if (open > at) appendText(decodeEntities(source.slice(at, open)));
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      at = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open + 9);
      appendText(source.slice(open + 9, end < 0 ? source.length : end));
      at = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<?', open)) {
      const end = source.indexOf('?>', open + 2);
      at = end < 0 ? source.length : end + 2;
    } else if (source.startsWith('<!', open)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const bracket = source.indexOf('[', open);
      const close = source.indexOf('>', open);
      if (bracket >= 0 && close >= 0 && bracket < close) {
        const subsetEnd = source.indexOf(']>', bracket);
        at = subsetEnd < 0 ? source.length : subsetEnd + 2;
      } else {
        at = close < 0 ? source.length : close + 1;
      }
    } else if (source[open + 1] === '/') {
      const close = source.indexOf('>', open);
      const name = source.slice(open + 2, close < 0 ? source.length : close).trim();
      // Close the nearest open element of that name and any unclosed ones inside it; ignore a stray tag.
      const index = stack.map((e) => e.name.toLowerCase()).lastIndexOf(name.toLowerCase());
      if (index > 0) stack.length = index;
      at = close < 0 ? source.length : close + 1;
    } else if (nameStart.test(source[open + 1] ?? '')) {
      const close = findTagEnd(source, open + 1);
      if (close < 0) {
        // Not a tag after all ("a < b"): keep the character as text.
        appendText('<');
        at = open + 1;
        continue;
      }
      const inner = source.slice(open + 1, close);
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const nameEnd = body.search(/[\s/]/);
      const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
      const element: XmlElement = {
        name,
        attributes: parseAttributes(nameEnd < 0 ? '' : body.slice(nameEnd)),
        children: [],
      };
      current().children.push(element);
      if (!selfClosing) stack.push(element);
      at = close + 1;
    } else {
      appendText('<');
      at = open + 1;
    }
  }
  return document;
}

/** The `>` that ends a tag starting at `from`, skipping quoted attribute values; -1 if none. */
function findTagEnd(source: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < source.length; i += 1) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    } else if (char === '<') {
      return -1;
    }
  }
  return -1;
}

/** Child elements of `element` with the given local name (case-insensitive, any prefix). */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

export function firstChild(element: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = childElements(element, name)[0];
    if (found) return found;
  }
  return undefined;
}

/** All text inside `element`, depth first. */
export function textContent(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** Every descendant element with the given local name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (localName(child.name) === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}
