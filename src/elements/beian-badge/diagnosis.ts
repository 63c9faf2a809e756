/**
 * The diagnosing half of `<beian-badge>`, loaded only when something is not canonical and valid (the fast path,
 * `quickParse`, answers for those): the full parser, and the warnings and event that tell the author what to fix.
 */
import { isHotlinkedIcon } from '../../core/links.js';
import { explain } from '../../core/messages.js';
import type { Filing } from '../../core/parse.js';
import type { BadgeNumbers, BeianBadge, HostMap } from './beian-badge.js';
import { BeianBadgeInvalidEvent } from './events.js';

export { findFilings } from '../../core/find.js';
export { parseFiling } from '../../core/parse.js';

/** A `hosts` value as a map of host names, or why it is not one. */
function readHosts(hosts: HostMap | string): HostMap | 'not JSON' | 'not a map' {
  let value: unknown = hosts;
  if (typeof hosts === 'string') {
    try {
      value = JSON.parse(hosts);
    } catch {
      return 'not JSON';
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as HostMap) : 'not a map';
}

/**
 * The numbers `host` shows under a `hosts` map: the host's own entry, else its nearest listed parent domain's,
 * else `*`'s; undefined when none applies (the badge shows nothing there). A value that is no map is ignored
 * (review() says so): the badge's own numbers, `own`, are shown.
 */
export function hostEntry(hosts: HostMap | string, host: string, own: BadgeNumbers): BadgeNumbers | undefined {
  const map = readHosts(hosts);
  if (typeof map === 'string') return own;
  // Each step drops the first label; past the last one, '' ends the walk.
  for (let h = host; h; h = h.slice(h.indexOf('.') + 1 || h.length)) {
    if (Object.hasOwn(map, h)) return map[h];
  }
  return map['*'];
}

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
