/**
 * The full half of `<beian-badge>`, loaded only when the first paint cannot draw a footer alone (it draws canonical
 * numbers given one by one): the full parser and the other kinds of filing, lists, report links, contacts, the
 * about page and the reading of wrapped links; and the warnings and event that tell the author what to fix.
 */
import {
  badgeItems,
  readDeclaration,
  readWrapped,
  type DeclarationOptions,
  type Entry,
} from '../../core/badge-declaration.js';
import type { BadgeItem } from '../../core/badge-item.js';
import { badgeNumbers, hasExtras, type BadgeNumbers } from '../../core/badge-numbers.js';
import { isHotlinkedIcon } from '../../core/links.js';
import { explain } from '../../core/messages.js';
import type { ParseOptions } from '../../core/parse.js';
import { readHosts } from '../../core/hosts.js';
import { langOf } from '../internal/i18n.js';
import type { BeianBadge } from './beian-badge.js';
import { BeianBadgeInvalidEvent } from './events.js';

export { hostEntry } from '../../core/hosts.js';

// Each problem is warned about once per page, not on every render or by every badge.
const warned = new Set<string>();
const announced = new WeakMap<BeianBadge, string>();

function warn(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<beian-badge> ${message}`);
}

/**
 * Warns about what the author should fix, and announces invalid numbers once per distinct set. `settled`: the badge
 * is shown and waits for nothing, so drawing no item means it was given no number.
 */
export function review(el: BeianBadge, items: readonly BadgeItem[], settled: boolean): void {
  const filings = items.flatMap((i) => i.filing ?? []);
  const hosts = el.hosts == null ? undefined : readHosts(el.hosts);
  if (hosts === 'not JSON') warn(`hosts:${el.hosts}`, `hosts is not valid JSON, so it is ignored: ${el.hosts}`);
  if (hosts === 'not a map')
    warn('hosts:map', 'hosts must be an object of host names, not a list or a value, so it is ignored.');
  if (el.iconSrc && isHotlinkedIcon(el.iconSrc)) {
    warn(
      `icon:${el.iconSrc}`,
      `icon-src ${el.iconSrc} hotlinks the platform's build asset (L12), which breaks on its next release; showing the built-in icon. Download the icon and host it yourself.`,
    );
  }
  if (settled && !items.length)
    warn('empty', 'has no filing number: set icp / psb, or wrap the plain links. Showing its content as is.');
  for (const f of filings) {
    if (f.valid) continue;
    const lines = f.diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => {
        const { message, fix } = explain(d);
        return `\n  ${d.rule} ${message} Fix: ${fix}`;
      });
    warn(
      `filing:${f.input}`,
      `"${f.input}" ${f.normalized === null ? 'is shown as given, marked invalid' : `is shown as ${f.normalized}`}:${lines.join('')}`,
    );
  }
  const invalid = filings.filter((f) => f.normalized === null);
  const key = invalid.map((f) => f.input).join('\n');
  if (key !== (announced.get(el) ?? '')) {
    announced.set(el, key);
    if (invalid.length) el.dispatchEvent(new BeianBadgeInvalidEvent(invalid));
  }
}

/**
 * The items of a badge's footer: from what `entry` declares, else from the plain links and text the badge wraps.
 * What cannot be used as given is warned about, once.
 */
export function drawItems(el: BeianBadge, entry: BadgeNumbers, parse: ParseOptions): BadgeItem[] {
  const options: DeclarationOptions = { ...parse, lang: langOf(el), app: el.app, about: el.layout == 'about' };
  const problems: string[] = [];
  const declared = badgeNumbers(entry).length > 0 || hasExtras(entry);
  const drawn = badgeItems(
    declared ? readDeclaration(entry, problems) : readWrapped(wrappedPieces(el), options),
    options,
  );
  for (const problem of [...problems, ...drawn.problems]) warn(problem, problem);
  return drawn.items;
}

// Elements that begin a new piece of wrapped text: a number, label or contact never runs across them.
const BREAKS = new Set(['BR', 'P', 'DIV', 'LI', 'SECTION', 'FOOTER', 'TR', 'TD']);
const SKIPPED = new Set(['SCRIPT', 'STYLE']);

/** A badge's wrapped content as pieces: each link on its own (text and href), and the runs of text between. */
function wrappedPieces(el: Element): Entry[] {
  const pieces: Entry[] = [];
  let run = '';
  const flush = () => {
    if (run.trim()) pieces.push({ text: run });
    run = '';
  };
  // A tree walker, not recursion: wrapped markup nests as deep as a theme likes.
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const anchor = node.parentElement?.closest('a');
    if (node instanceof Text) {
      // A link's text is its own piece; a script's or a style's is no footer text.
      if ((!anchor || !el.contains(anchor)) && !SKIPPED.has(node.parentElement!.tagName)) run += node.data;
    } else if ((node as Element).tagName === 'A') {
      flush();
      pieces.push({ text: node.textContent ?? '', href: (node as Element).getAttribute('href') ?? undefined });
    } else if (BREAKS.has((node as Element).tagName)) flush();
  }
  flush();
  return pieces;
}
