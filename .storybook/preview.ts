import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Written by `npm run manifest` (run before Storybook starts or builds): autodocs for every attribute, property,
// event, slot, part, custom property and state, from the elements' JSDoc.
import manifest from '../dist/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
