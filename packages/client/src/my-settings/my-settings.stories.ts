import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { ContextProvider } from '@lit/context';
import { html, render } from 'lit';
import { heraldClientContext, heraldStoresContext } from '../context.js';
import { createStores } from '../stores/index.js';
import { mockMySettings, samplePreferences, sampleProfile } from './mock.js';
import './define.js';

interface Args {
  locale: string;
  quietUrgent: boolean;
  contact: boolean;
}
type Story = StoryObj<Args>;

/** "My settings" inside providers whose client answers from memory (the code that "arrives" is 246810). */
function host(args: Args): HTMLElement {
  const el = document.createElement('div');
  const prefs = samplePreferences();
  const { client } = mockMySettings({
    profile: args.contact
      ? { ...sampleProfile(), kind: 'contact', verifiable: { email: false, phone: false } }
      : sampleProfile(),
    preferences: { ...prefs, allowed: { ...prefs.allowed, quietUrgent: args.quietUrgent } },
  });
  const stores = createStores(client);
  new ContextProvider(el, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(el, { context: heraldClientContext, initialValue: client });
  void stores.session.load();
  render(html`<herald-my-settings locale=${args.locale}></herald-my-settings>`, el);
  return el;
}

/** Issue 20: a member's language, e-mail and phone (changed by code), notification channels and quiet hours. */
export default {
  title: 'Elements/My settings',
  component: 'herald-my-settings',
  args: { locale: 'en', quietUrgent: false, contact: false },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  render: host,
} satisfies Meta<Args>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const UrgentMayBeHeld: Story = { name: 'Quiet hours may hold urgent', args: { quietUrgent: true } };
export const ExternalContact: Story = { args: { contact: true } };
