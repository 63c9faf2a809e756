/** What the command prints on a terminal: colours, severity marks, and page text made safe to show. */
import { explain, type Diagnostic, type MessageLang } from '../core/index.js';

export type Style = (code: number, text: string) => string;

/** ANSI colours when stdout is a terminal (or FORCE_COLOR asks), never in machine-read output. */
export function painter(env: NodeJS.ProcessEnv, plain: boolean): Style {
  // https://no-color.org; FORCE_COLOR wins for CI logs that render ANSI.
  const on = !plain && !env.NO_COLOR && (!!env.FORCE_COLOR || process.stdout.isTTY === true);
  return (code, text) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
}

export const MARK = { error: [31, '✖'], warn: [33, '!'], info: [36, 'i'] } as const;

/**
 * Text from the input (a page's links, a number as typed, a file name) shown on a terminal or in a CI log: control
 * characters become �, so a page cannot clear the screen or retitle the window through our output, and so do the
 * bidi controls, so it cannot make a line read other than it is (Trojan Source, CVE-2021-42574).
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    '\ufffd',
  );
}

/** A diagnostic as two lines: mark, rule and message, then the fix. */
export function diagnosticLines(ds: readonly Diagnostic[], lang: MessageLang, style: Style, indent: string): string[] {
  return ds.map((d) => {
    const [color, mark] = MARK[d.severity];
    const { message, fix } = explain(d, lang);
    return `${indent}${style(color, `${mark} ${d.severity.padEnd(5)} ${d.rule}`)}  ${printable(message)}\n${indent}             ${style(2, fix)}`;
  });
}
