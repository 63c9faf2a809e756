/**
 * Sets or clears a custom state of an element: `:state(name)` in Chromium 125+, Safari 17.4+ and Firefox 126+;
 * `:--name` in Chromium 90–124, which took only dashed names and threw on others; nothing in Safari 16.4–17.3,
 * which has no custom states. An engine without them misses the state, never the rest of the update (the warning
 * and the event that follow it).
 */
export function setState(internals: ElementInternals, name: string, on: boolean): void {
  const change = on ? 'add' : 'delete';
  try {
    internals.states?.[change](name);
  } catch {
    internals.states[change](`--${name}`);
  }
}
