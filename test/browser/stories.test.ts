// Every story, rendered through the stories' own render function: the states a reviewer sees in Storybook are
// the states checked here, each with axe.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import meta, * as stories from '../../stories/beian-badge.stories.js';
import type { BadgeArgs } from '../../stories/beian-badge.stories.js';
import type { BeianBadge } from '../../src/beian-badge.js';
import { recordWarnings } from './warnings.js';

// Only the stories about problems (Invalid, Normalised) may warn; what they say is tested in beian-badge.test.ts.
const WARNING_STORIES = ['Invalid', 'Normalised'];
const MARKS: Record<string, string> = {
  Verified: 'mark-verified',
  SelfDeclared: 'mark-neutral',
  Mismatch: 'mark-problem',
  CouldNotVerify: 'mark-neutral',
};
const warnings = recordWarnings();

const named = Object.entries(stories).filter(([name]) => name !== 'default' && name !== 'render') as [
  string,
  { args?: BadgeArgs },
][];

describe('stories', () => {
  it('cover the badge’s visual states', () => {
    expect(named.map(([name]) => name)).to.include.members([
      'Default',
      'LicenceOnly',
      'PsbOnly',
      'AllItems',
      'Invalid',
      'Stacked',
      'DarkPage',
      'TraditionalChinese',
      'English',
      'NarrowWidth',
      'WrappingPlainLinks',
      'Verified',
      'SelfDeclared',
      'Mismatch',
      'CouldNotVerify',
      'BigSiteFooter',
      'BigSiteOnAPhone',
      'BigSiteInEnglish',
      'AiDisclosure',
      'AppAboutPage',
      'BlogWithVanity',
    ]);
  });

  for (const [name, story] of named) {
    it(`${name} renders its numbers and is accessible`, async () => {
      const root = await fixture<HTMLElement>(stories.render({ ...meta.args, ...story.args }));
      const el = (root.localName === 'beian-badge' ? root : root.querySelector('beian-badge')) as BeianBadge;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[part~="item"]').length).to.be.greaterThan(0);
      expect(el.invalid).to.equal(name === 'Invalid');
      expect(warnings.length > 0, `warnings: ${warnings.join(' | ')}`).to.equal(WARNING_STORIES.includes(name));
      // The verifying stories end with their mark (the stories' endpoint answers at once).
      const mark = MARKS[name];
      if (mark) {
        await waitUntil(() => el.shadowRoot!.querySelector('[part~="mark"]'), `${name}: a mark`);
        expect(el.shadowRoot!.querySelector('[part~="mark"]')!.getAttribute('part')).to.equal(`mark ${mark}`);
      } else {
        expect(story.args?.verifyAs, `${name} verifies, so it needs an expected mark`).to.equal(undefined);
      }
      await expect(root).to.be.accessible();
    });
  }
});
