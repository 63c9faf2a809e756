/**
 * The diagnosing half of `<beian-badge>`, loaded only when something is not canonical and valid (the fast path,
 * `quickParse`, answers for those): the full parser, and the warnings and event that tell the author what to fix.
 */
import { isHotlinkedIcon } from '../../core/links.js';
import { explain } from '../../core/messages.js';
import type { Filing } from '../../core/parse.js';
import { readHosts } from '../../core/hosts.js';
import type { BeianBadge } from './beian-badge.js';
import { BeianBadgeInvalidEvent } from './events.js';

export { findFilings } from '../../core/find.js';
export { parseFiling } from '../../core/parse.js';
export { hostEntry } from '../../core/hosts.js';

// Each problem is warned about once per page, not on every render or by every badge.
const warned = new Set<string>();
const announced = new WeakMap<BeianBadge, string>();

function warn(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<beian-badge> ${message}`);
}

/** Warns about what the author should fix, and announces invalid numbers once per distinct set. */
export function review(el: BeianBadge, filings: readonly Filing[], empty: boolean): void {
  const hosts = el.hosts == null ? undefined : readHosts(el.hosts);
  if (hosts === 'not JSON') warn(`hosts:${el.hosts}`, `hosts is not valid JSON, so it is ignored: ${el.hosts}`);
  if (hosts === 'not a map') warn('hosts:map', 'hosts must be an object of host names, not a list or a value, so it is ignored.');
  if (el.iconSrc && isHotlinkedIcon(el.iconSrc)) {
    warn(`icon:${el.iconSrc}`, `icon-src ${el.iconSrc} hotlinks the platform's build asset (L12), which breaks on its next release; showing the built-in icon. Download the icon and host it yourself.`);
  }
  if (empty) warn('empty', 'has no filing number: set icp / psb, or wrap the plain links. Showing its content as is.');
  for (const f of filings) {
    if (f.valid) continue;
    const lines = f.diagnostics.filter((d) => d.severity !== 'info').map((d) => {
      const { message, fix } = explain(d);
      return `\n  ${d.rule} ${message} Fix: ${fix}`;
    });
    warn(`filing:${f.input}`, `"${f.input}" ${f.normalized === null ? 'is shown as given, marked invalid' : `is shown as ${f.normalized}`}:${lines.join('')}`);
  }
  const invalid = filings.filter((f) => f.normalized === null);
  const key = invalid.map((f) => f.input).join('\n');
  if (key !== (announced.get(el) ?? '')) {
    announced.set(el, key);
    if (invalid.length) el.dispatchEvent(new BeianBadgeInvalidEvent(invalid));
  }
}
