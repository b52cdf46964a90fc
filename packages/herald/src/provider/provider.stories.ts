import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';
import '@herald/inbox/define';

interface Args {
  theme?: 'light' | 'dark';
  locale: string;
  signIn?: string;
}

export default {
  title: 'Elements/Provider',
  component: 'herald-provider',
  args: { locale: 'en' },
  argTypes: {
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  render: ({ theme, locale, signIn }) =>
    html`<herald-provider theme=${theme ?? ''} locale=${locale} sign-in=${signIn ?? ''}><herald-inbox></herald-inbox
      ></herald-provider>`,
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

/** Cookie session found: the slotted inbox shows who is signed in. */
export const SignedIn: Story = { parameters: { herald: { session: 'signed-in' } } };

/** Nobody signed in: the provider shows its sign-in form instead of the content. */
export const SignedOut: Story = { parameters: { herald: { session: 'signed-out' } } };

/** Signed out, in Chinese, dark theme. */
export const SignedOutChineseDark: Story = {
  args: { locale: 'zh-CN', theme: 'dark' },
  parameters: { herald: { session: 'signed-out' } },
};

/** `sign-in="off"`: the host has its own login page, the content shows regardless. */
export const OwnLogin: Story = { args: { signIn: 'off' }, parameters: { herald: { session: 'signed-out' } } };
