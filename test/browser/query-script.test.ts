import { expect, fixture, html } from '@open-wc/testing';
import '../../src/beian-query.js';
import { formAfterScript } from '../../src/elements/beian-query/from-script.js';
import { recordWarnings } from './warnings.js';

const warnings = recordWarnings();

/** A page's <script> tag as the one-script form reads it (never run here). */
async function scriptTag(attrs: Record<string, string>): Promise<HTMLScriptElement> {
  const box = await fixture<HTMLDivElement>(html`<div><p>before</p></div>`);
  const script = document.createElement('script');
  script.type = 'text/plain';
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  box.append(script);
  return script;
}

describe('the one-script query form (formAfterScript)', () => {
  it('puts a form right after the script, with the attributes its data- attributes give', async () => {
    const script = await scriptTag({
      'data-lookup': 'https://lookup.example.cn/v1',
      'data-mode': 'psb',
      'data-type': 'app',
      'data-url-state': '',
      'data-lang': 'en',
    });
    const form = formAfterScript(script)!;
    expect(script.nextElementSibling).to.equal(form);
    expect(form.localName).to.equal('beian-query');
    expect([form.lookup, form.mode, form.type, form.urlState, form.getAttribute('lang')]).to.deep.equal([
      'https://lookup.example.cn/v1',
      'psb',
      'app',
      true,
      'en',
    ]);
    await form.updateComplete;
    await expect(form).to.be.accessible();
  });

  it('data-form alone asks for the form with the page’s own settings', async () => {
    const form = formAfterScript(await scriptTag({ 'data-form': '' }))!;
    expect(form.localName).to.equal('beian-query');
    expect(form.getAttributeNames()).to.deep.equal([]);
  });

  it('without data- attributes it puts nothing in the page', async () => {
    const script = await scriptTag({ src: '/beian-query.js' });
    expect(formAfterScript(script)).to.equal(undefined);
    expect(script.nextElementSibling).to.equal(null);
  });

  it('names a mistyped attribute, as it was written, and still puts the form', async () => {
    const form = formAfterScript(
      await scriptTag({ 'data-lookup': 'https://lookup.example.cn/v1', 'data-modes': 'psb' }),
    )!;
    expect(form.lookup).to.equal('https://lookup.example.cn/v1');
    expect(warnings.splice(0)).to.deep.equal([
      'beian-query.js: unknown attribute data-modes is ignored; use data-form, data-lookup, data-lang, data-mode, data-type, data-url-state.',
    ]);
  });
});
