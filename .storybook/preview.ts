import type { Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { installMockApi, type MockApi } from './mock-api.js';

// What `setCustomElementsManifest` from @storybook/web-components does (that package is not a root
// dependency, only web-components-vite is): the framework reads this global for controls and docs.
(globalThis as { __STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__?: unknown }).__STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__ = manifest;

export default {
  // Every story gets the mocked API described by its `herald` parameter.
  decorators: [
    (story, context) => {
      installMockApi(context.parameters.herald as MockApi | undefined);
      return story();
    },
  ],
  globalTypes: {
    locale: { description: 'Locale', toolbar: { icon: 'globe', items: ['en', 'zh-CN'] } },
  },
  initialGlobals: { locale: 'en' },
  parameters: { controls: { expanded: true } },
} satisfies Preview;
