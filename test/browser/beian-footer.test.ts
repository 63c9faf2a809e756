import { expect, fixture, html } from '@open-wc/testing';
import { BeianFooter, mount } from '../../src/beian-footer.js';
import { optionsFromScript } from '../../src/elements/beian-footer/mount.js';
import meta, { InTheFlow, Themed } from '../../stories/beian-footer.stories.js';
import { recordWarnings } from './warnings.js';

const ICP = '京ICP备2026002630号-1';
const PSB = '京公网安备11010602202215号';

const warnings = recordWarnings();
afterEach(() => {
  for (const footer of document.querySelectorAll('beian-footer')) footer.unmount();
});

const settled = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('<beian-footer> and mount()', () => {
  it('mounts a badge with the options given, as its properties, into the target', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><p>app</p><div id="app-footer"></div></div>`);
    const footer = mount({ icp: ICP, psb: PSB, report: true, separator: '·', target: '#app-footer' });
    expect(footer).to.be.instanceOf(BeianFooter);
    expect(footer.parentElement).to.equal(box.querySelector('#app-footer'));
    const badge = footer.querySelector('beian-badge')!;
    await badge.updateComplete;
    expect([badge.icp, badge.psb, badge.report, badge.separator]).to.deep.equal([ICP, PSB, true, '·']);
    expect(badge.shadowRoot!.querySelectorAll('[part~="link"]')).to.have.length(3);
    await expect(footer).to.be.accessible();
  });

  it('is put back when the target’s children are replaced, and stays away once unmounted', async () => {
    const box = await fixture<HTMLDivElement>(html`<div id="shell"><main>old</main></div>`);
    const footer = mount({ icp: ICP, target: '#shell' });
    box.innerHTML = '<main>new</main>';
    await Promise.resolve();
    expect(footer.parentElement).to.equal(box);
    expect(box.lastElementChild).to.equal(footer);
    // Moved by the page on purpose: left where it was put.
    const other = document.createElement('aside');
    box.append(other);
    other.append(footer);
    await Promise.resolve();
    expect(footer.parentElement).to.equal(other);
    footer.unmount();
    await Promise.resolve();
    expect(footer.isConnected).to.be.false;
  });

  it('shows the footer at the end of <body>, saying so, when the target matches nothing', async () => {
    const footer = mount({ icp: ICP, target: '#nowhere' });
    expect(footer.parentElement).to.equal(document.body);
    expect(warnings).to.deep.equal([
      '<beian-footer> target "#nowhere" matches nothing; showing the footer at the end of <body>.',
    ]);
  });

  it('names an unknown option and still mounts the rest', async () => {
    const footer = mount({ icp: ICP, colour: 'red' } as never);
    expect(footer.querySelector('beian-badge')!.icp).to.equal(ICP);
    expect(warnings[0]).to.match(/^beian\.mount\(\): unknown option "colour" is ignored; use icp, psb, .*target\.$/);
  });

  it('stays in the flow where it can be seen, and is fixed below a one-screen page that does not scroll', async () => {
    const footer = mount({ icp: ICP });
    await settled();
    expect(footer.hasAttribute('fixed'), 'in the flow at the end of a short page').to.be.false;
    const screen = document.createElement('div');
    screen.style.height = '100vh';
    document.body.prepend(screen);
    document.body.style.overflow = 'hidden';
    try {
      await settled();
      await settled();
      expect(footer.hasAttribute('fixed'), 'fixed below a login screen').to.be.true;
      expect(footer.getBoundingClientRect().bottom).to.equal(innerHeight);
      expect(getComputedStyle(footer).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
      // Re-checked when the page's size changes (here: it scrolls again, and its content changes).
      document.body.style.overflow = '';
      screen.style.height = '50vh';
      await settled();
      await settled();
      expect(footer.hasAttribute('fixed'), 'back in the flow once the page scrolls again').to.be.false;
    } finally {
      document.body.style.overflow = '';
      screen.remove();
    }
  });

  it('stays in the flow of a long page that a dialog holds still for a while', async () => {
    const long = document.createElement('div');
    long.style.height = '300vh';
    document.body.prepend(long);
    const footer = mount({ icp: ICP });
    try {
      await settled();
      document.body.style.overflow = 'hidden'; // what dialogs do; the scrollbar goes, the page resizes
      await settled();
      await settled();
      expect(footer.hasAttribute('fixed'), 'not fixed over the dialog').to.be.false;
    } finally {
      document.body.style.overflow = '';
      long.remove();
    }
  });

  it('mounted again (a theme re-running the page’s scripts) shows the new options in the same strip', async () => {
    const first = mount({ icp: ICP, psb: PSB });
    const again = mount({ icp: '京ICP备2026002630号-2' });
    expect(again).to.equal(first);
    expect(document.querySelectorAll('beian-footer')).to.have.length(1);
    const badges = first.querySelectorAll('beian-badge');
    expect(badges).to.have.length(1);
    expect([badges[0].icp, badges[0].psb]).to.deep.equal(['京ICP备2026002630号-2', undefined]);
  });

  it('gives way to a script that keeps removing it, saying so, instead of freezing the page', async () => {
    const guard = new MutationObserver(() => document.querySelectorAll('beian-footer').forEach((f) => f.remove()));
    guard.observe(document.body, { childList: true });
    try {
      const footer = mount({ icp: ICP });
      for (let i = 0; i < 10; i++) await Promise.resolve();
      await settled();
      expect(footer.isConnected).to.be.false;
      expect(footer.mounted).to.be.false;
      expect(warnings).to.deep.equal([
        "<beian-footer> keeps being removed by a script of the page, so it stays off. Put the footer in the page's HTML instead (npx beian snippet prints it).",
      ]);
    } finally {
      guard.disconnect();
    }
  });
});

describe('optionsFromScript', () => {
  const script = (attrs: Record<string, string>) => {
    const el = document.createElement('script');
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    return el;
  };

  it('reads every option from data- attributes, booleans by presence (but "false")', () => {
    const options = optionsFromScript(
      script({
        'data-icp': ICP,
        'data-icon-src': '/police.png',
        'data-report': '',
        'data-app': 'false',
        'data-target': '#f',
      }),
    );
    expect(options).to.deep.equal({ icp: ICP, iconSrc: '/police.png', report: true, app: false, target: '#f' });
  });

  it('names a mistyped attribute as it was written, and the ones it takes', () => {
    expect(optionsFromScript(script({ 'data-icp': ICP, 'data-psb-number': PSB }))).to.deep.equal({ icp: ICP });
    expect(warnings[0]).to.contain('unknown attribute data-psb-number is ignored; use data-icp, data-psb,');
    expect(warnings[0]).to.contain('data-icon-src');
    // Lists are attributes now, as on the badge.
    expect(warnings[0]).to.contain('data-filings, data-genai, data-vanity, data-contacts, data-report');
  });

  it('reads lists and named report links, as the badge’s attributes', () => {
    const options = optionsFromScript(
      script({
        'data-icp': ICP,
        'data-filings': '网络文化经营许可证：京网文〔2020〕1039-165号; 0110516',
        'data-report': '12377 12321',
        'data-layout': 'about',
      }),
    );
    expect(options).to.deep.equal({
      icp: ICP,
      filings: '网络文化经营许可证：京网文〔2020〕1039-165号; 0110516',
      report: '12377 12321',
      layout: 'about',
    });
  });
});

describe('the footer stories', () => {
  for (const [name, story] of Object.entries({ InTheFlow, Themed })) {
    it(`${name}: the strip after the page's content, with the badge's links, accessible`, async () => {
      const page = await fixture<HTMLDivElement>(meta.render!({ ...meta.args, ...story.args }, {} as never) as never);
      const footer = page.querySelector('beian-footer')!;
      const badge = footer.querySelector('beian-badge')!;
      await badge.updateComplete;
      expect(page.lastElementChild).to.equal(footer);
      expect(badge.shadowRoot!.querySelectorAll('[part~="link"]')).to.have.length(story.args?.report ? 3 : 2);
      expect(footer.getBoundingClientRect().height).to.be.above(0);
      await expect(page).to.be.accessible();
    });
  }

  it('Themed: its custom properties reach the strip and the badge', async () => {
    const page = await fixture<HTMLDivElement>(meta.render!({ ...meta.args, ...Themed.args }, {} as never) as never);
    const footer = page.querySelector('beian-footer')!;
    await footer.querySelector('beian-badge')!.updateComplete;
    expect(getComputedStyle(footer).backgroundColor).to.equal('rgb(13, 15, 18)');
    expect(getComputedStyle(footer).fontSize).to.equal('13px');
  });
});
