import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Telemetry off: no data leaves the machine, and builds do not wait on DNS in closed networks.
  core: { disableTelemetry: true },
};

export default config;
