/** The lookup service an element asks: its own `lookup`, else the page's `<meta name="beian-lookup">`; '' for none. */
export function lookupEndpoint(lookup: string | undefined): string {
  // No document under server rendering: no page-wide endpoint either.
  return lookup ?? globalThis.document?.querySelector('meta[name=beian-lookup]')?.getAttribute('content') ?? '';
}
