// Every query-form story, rendered through the stories' own render function, in its final state, with axe.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import meta, * as stories from '../../stories/beian-query.stories.js';
import type { QueryArgs } from '../../stories/beian-query.stories.js';
import type { BeianQuery } from '../../src/beian-query.js';

const named = Object.entries(stories).filter(([name]) => name !== 'default' && name !== 'render') as [
  string,
  { args?: QueryArgs },
][];

describe('query form stories', () => {
  it('cover every state', () => {
    expect(named.map(([n]) => n)).to.include.members([
      'Empty',
      'IcpRecords',
      'PsbRecords',
      'NotFound',
      'Unavailable',
      'InvalidInput',
      'Searching',
      'English',
      'TraditionalChinese',
      'Narrow',
    ]);
  });

  for (const [name, story] of named) {
    it(`${name} reaches its state and is accessible`, async () => {
      const args = { ...meta.args, ...story.args };
      const root = await fixture<HTMLElement>(stories.render(args));
      const el = root.querySelector('beian-query') as BeianQuery;
      await el.updateComplete;
      const results = () => el.shadowRoot!.querySelector('[part~="results"]')!;
      const error = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;
      if (args.run) {
        const busy = () => results().getAttribute('aria-busy') === 'true';
        await waitUntil(
          () => (name === 'Searching' ? busy() : !busy() && (results().textContent!.trim() || error().textContent)),
          name,
        );
      }
      const expected: Record<string, () => boolean> = {
        Empty: () =>
          el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!.value === '' &&
          !results().textContent!.trim(),
        IcpRecords: () => el.shadowRoot!.querySelectorAll('tbody tr').length === 2,
        PsbRecords: () => el.shadowRoot!.querySelector('th')!.textContent === '网站名称',
        NotFound: () => results().textContent!.includes('未查到备案记录'),
        Unavailable: () => results().textContent!.includes('查询暂不可用'),
        InvalidInput: () => error().textContent!.includes('14位'),
        Searching: () => el.matches(':state(loading)'),
        English: () => el.shadowRoot!.querySelector('th')!.textContent === 'Holder',
        TraditionalChinese: () => el.shadowRoot!.querySelector('th')!.textContent === '主辦單位名稱',
        Narrow: () => getComputedStyle(el.shadowRoot!.querySelector('td')!).display === 'block',
      };
      expect(expected, 'every story has its check').to.have.property(name);
      expect(expected[name](), name).to.be.true;
      await expect(root).to.be.accessible();
    });
  }
});
