import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, descendants, parseXml, textContent, type XmlElement } from './xml.js';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('tolerant XML reading', () => {
  it('reads elements, attributes, text, CDATA and entities', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><!DOCTYPE rss><!-- c --><rss v="2.0"><t a=\'1\' b=x>A &amp; B &#x4E2D;&#25991; &nbsp;</t><d><![CDATA[<p>raw & ]]></d></rss>',
    );
    const rss = doc.children.find((c): c is XmlElement => typeof c !== 'string')!;
    expect(rss.name).toBe('rss');
    expect(rss.attributes).toEqual({ v: '2.0' });
    const [t, d] = rss.children as XmlElement[];
    expect(t?.attributes).toEqual({ a: '1', b: 'x' });
    expect(textContent(t!)).toBe('A & B 中文 \u00a0');
    expect(textContent(d!)).toBe('<p>raw & ');
  });

  it('survives broken markup: stray closing tags, unclosed elements, bare ampersands', () => {
    const doc = parseXml('<rss><item><title>Fish & chips</b></title><item><title>second');
    const titles = descendants(doc, 'title').map(textContent);
    expect(titles).toEqual(['Fish & chips', 'second']);
  });

  it('leaves unknown entities as written', () => {
    expect(decodeEntities('&bogus; &#xZZ; &#0; &amp;')).toBe('&bogus; &#xZZ; &#0; &');
  });

  it('reads back any text it is given escaped, or in CDATA', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(textContent(parseXml(`<a>${escapeXml(text)}</a>`))).toBe(text);
        if (!text.includes(']]>')) expect(textContent(parseXml(`<a><![CDATA[${text}]]></a>`))).toBe(text);
      }),
    );
  });

  it('never throws, whatever it is fed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        expect(() => parseXml(junk)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('<', '>', '/', 'a', '"', "'", '=', ' ', '!', '[', ']', '-', '?', '&', ';'), {
          maxLength: 60,
        }),
        (chars) => {
          expect(() => parseXml(chars.join(''))).not.toThrow();
        },
      ),
    );
  });
});
