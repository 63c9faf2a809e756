import type { BeianQuery } from './beian-query.js';

// What a <script data-…> may set on the form it puts in the page; `data-form` alone asks for the form with the
// page's own settings (its <meta name="beian-lookup">).
const ATTRIBUTES = ['lookup', 'lang', 'mode', 'type', 'url-state'];

/**
 * The form a classic `<script src="beian-query.js" data-lookup="…">` asks for, placed right after the script;
 * nothing when the script has no `data-` attribute (it then only defines `<beian-query>` for the page's own tags).
 * Unknown attributes are named in a warning, and the form still comes.
 */
export function formAfterScript(script: HTMLOrSVGScriptElement): BeianQuery | undefined {
  const names = script
    .getAttributeNames()
    .filter((n) => n.startsWith('data-'))
    .map((n) => n.slice(5));
  if (!names.length) return undefined;
  const form = document.createElement('beian-query');
  for (const name of names) {
    if (ATTRIBUTES.includes(name)) form.setAttribute(name, script.getAttribute(`data-${name}`)!);
    else if (name !== 'form')
      console.warn(
        `beian-query.js: unknown attribute data-${name} is ignored; use ${['form', ...ATTRIBUTES].map((a) => `data-${a}`).join(', ')}.`,
      );
  }
  script.after(form);
  return form;
}
