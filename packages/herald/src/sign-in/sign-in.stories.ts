import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';

interface Args {
  locale: string;
}

// Each story wraps the form in a provider with its own (mocked) client, so stories do not share a session.
export default {
  title: 'Elements/Sign-in',
  component: 'herald-sign-in',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  render: ({ locale }) =>
    html`<herald-provider sign-in="off" locale=${locale}><herald-sign-in></herald-sign-in></herald-provider>`,
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

/** Any login and password signs in. */
export const Default: Story = { parameters: { herald: { session: 'signed-out', signIn: 'ok' } } };

export const Chinese: Story = { args: { locale: 'zh-CN' }, parameters: { herald: { session: 'signed-out' } } };

/** Submitting shows "The login or password is wrong." */
export const InvalidCredentials: Story = {
  parameters: { herald: { session: 'signed-out', signIn: 'invalid-credentials' } },
};

/** Submitting shows "Too many attempts. Try again in 42 s." */
export const TooManyAttempts: Story = {
  parameters: { herald: { session: 'signed-out', signIn: 'too-many-attempts' } },
};

/** The first sign-in of the super admin: the password must be changed. */
export const PasswordChangeRequired: Story = { parameters: { herald: { session: 'must-change-password' } } };
