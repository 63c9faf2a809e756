/**
 * Records every console.warn of each test (the elements tell authors what to fix that way); the list it returns
 * is emptied before each test, and console.warn is given back after it.
 */
export function recordWarnings(): string[] {
  const warnings: string[] = [];
  const realWarn = console.warn;
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = realWarn;
  });
  return warnings;
}
