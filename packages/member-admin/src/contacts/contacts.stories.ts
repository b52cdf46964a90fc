import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** As a super admin, against a mocked API shaped like the contract (testing/story.ts). */
export default {
  title: 'Elements/Member admin/Contacts',
  component: 'herald-admin-contacts',
  ...storyDefaults('herald-admin-contacts'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };

/** Issue 19 item 6: the notes of 陈经理 — calls, meetings and agreements — and the conversations with them. */
export const Notes: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('herald-admin-contacts')!;
    const end = Date.now() + 5000;
    let button: HTMLButtonElement | undefined;
    while (!button && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      button = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="row"] button[aria-pressed]') ?? [])][0];
    }
    button?.click();
  },
};
