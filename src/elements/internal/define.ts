/**
 * Registers a custom element once. A second copy of the library (two bundles, a module reload) warns instead of
 * throwing `the name "…" has already been used with this registry`.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, ctor);
  else if (existing !== ctor) console.warn(`Two copies of beian-elements: <${tag}> keeps the first.`);
}
