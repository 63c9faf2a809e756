/** A weak ETag over an answer's decision, not its timestamps, so unchanged answers revalidate as cheap 304s. */
export function etag(value: unknown): string {
  const text = JSON.stringify(value, (key, v) =>
    key === 'checkedAt' || key === 'expiresAt' || key === 'fetchedAt' || key === 'cached' ? undefined : v,
  );
  // cyrb53: a fast 53-bit string hash; collisions only cost a needless 200.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `W/"${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}"`;
}
