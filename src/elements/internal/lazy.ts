/**
 * A chunk of an element's code that is imported on first use, once per page however many elements ask. A failed
 * import stays failed, as browsers keep a module's failure for the page's life: each element shows what it can
 * without it.
 */
export interface Lazy<T> {
  /** The import: run the first time, the same promise after. */
  (): Promise<T>;
  /** The module once it is here, for code that draws with what it has (a render) rather than wait. */
  readonly module?: T;
}

export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let loading: Promise<T> | undefined;
  const chunk: { (): Promise<T>; module?: T } = () => (loading ??= load().then((m) => (chunk.module = m)));
  return chunk;
}
