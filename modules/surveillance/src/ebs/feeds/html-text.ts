/**
 * Plain text from the HTML fragments feeds put in descriptions and content (often escaped, so they
 * arrive as markup after one round of entity decoding): block ends become line breaks, scripts and
 * styles vanish, other tags are dropped, entities are decoded.
 */
import { decodeEntities } from './xml.js';

export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
