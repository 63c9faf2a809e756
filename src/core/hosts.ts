/**
 * The `hosts` map of `<beian-badge>`: which numbers each host shows. Read by the badge (in its lazy chunk: few
 * sites have a map) and by the linter, which lints what a badge renders for the page's host.
 */

import type { BadgeNumbers, HostMap } from './badge-numbers.js';

/** A `hosts` value as a map of host names, or why it is not one. */
export function readHosts(hosts: HostMap | string): HostMap | 'not JSON' | 'not a map' {
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
 * (the badge warns about it): the badge's own numbers, `own`, are shown.
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
