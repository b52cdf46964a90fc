import type { StorybookConfig } from '@storybook/web-components-vite';

export default {
  stories: ['../packages/*/src/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal: (config) => ({
    ...config,
    // nanostores reads process.env.NODE_ENV.
    define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify('development') },
  }),
} satisfies StorybookConfig;
