// When the lazy chunks cannot be fetched (the test runner's server answers 503 for them in this file): the numbers
// are still shown as given, nothing hangs or throws, and the query form says the search is unavailable.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { BeianBadge } from '../../src/beian-badge.js';
import type { BeianQuery } from '../../src/beian-query.js';
import '../../src/beian-elements.js';

const { server } = (await (await fetch('/__lookup')).json()) as { server: string };
const rejections: unknown[] = [];
addEventListener('unhandledrejection', (e) => rejections.push(e.reason));

before(async () => {
  await executeServerCommand('disable-cache');
  await fetch('/__chunks?fail=1');
});
after(() => fetch('/__chunks?fail=0'));

describe('without the lazy chunks', () => {
  it('the badge shows a number that needs the full parser as given, never a blank footer', async () => {
    // Markup usually leaves whitespace inside the tag: that is not content to show instead.
    for (const el of [
      await fixture<BeianBadge>(html`<beian-badge icp="沪ICP备 15045419号－1"></beian-badge>`),
      await fixture<BeianBadge>(html`<beian-badge icp="沪ICP备 15045419号－1">
      </beian-badge>`),
    ]) {
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.include('沪ICP备 15045419号－1');
      expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    }
    // Lists are drawn by the full chunk only: without it, what was given is shown.
    const listed = await fixture<BeianBadge>(
      html`<beian-badge filings="网络文化经营许可证：京网文〔2020〕1039-165号" report></beian-badge>`,
    );
    await listed.updateComplete;
    expect(listed.shadowRoot!.textContent).to.equal('网络文化经营许可证：京网文〔2020〕1039-165号');
  });

  it('the badge verifies nothing and throws nothing when the verification code cannot load', async () => {
    const el = await fixture<BeianBadge>(
      html`<beian-badge lookup="${server}/v1" domain="example.cn" icp="京ICP备2021012345号-1"></beian-badge>`,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(el.shadowRoot!.querySelector('[part~="link"]')!.textContent).to.equal('京ICP备2021012345号-1');
    expect(el.shadowRoot!.querySelectorAll('[part~="mark"]')).to.have.length(0);
    expect(rejections).to.deep.equal([]);
  });

  it('the query form says the search is unavailable', async () => {
    const el = await fixture<BeianQuery>(html`<beian-query lookup="${server}/v1"></beian-query>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    input.focus();
    input.value = 'example.cn';
    input.dispatchEvent(new InputEvent('input'));
    el.submit();
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part~="results"]')!.textContent!.includes('查询暂不可用'),
      'unavailable',
    );
    expect(rejections).to.deep.equal([]);
  });
});
