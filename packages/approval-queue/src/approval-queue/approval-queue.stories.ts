import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { approvalsHost, waitFor } from '../testing/story-host.js';
import type { MockOptions } from '../testing/mock.js';
import { decided, drawnSignature, signOff, typedSignature } from '../testing/fixtures.js';
import type { HeraldApprovalQueue, QueueTab } from './approval-queue.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

const queue =
  (options: MockOptions, tab: QueueTab = 'todo') =>
  (args: Args) =>
    approvalsHost(
      options,
      html`<herald-approval-queue locale=${args.locale} theme=${args.theme ?? ''} tab=${tab}></herald-approval-queue>`,
    );

/** Opens one request in the queue once its list is shown. */
const openRequest =
  (id: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await waitFor(() => canvasElement.querySelector<HeraldApprovalQueue>('herald-approval-queue'));
    await waitFor(() => el.shadowRoot?.querySelector(`[data-id="${id}"]`));
    await el.open(id);
  };

export default {
  title: 'Elements/Approval queue',
  component: 'herald-approval-queue',
  args: { locale: 'en' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: queue({}),
} satisfies Meta<Args>;

/** "To approve": three requests, two of which I may decide (checkboxes for batch approval). */
export const ToApprove: Story = {};
/** "Decided by me". */
export const DecidedByMe: Story = { render: queue({}, 'done') };
/** "My requests": one stuck, one rejected (withdraw / resubmit). */
export const MyRequests: Story = { render: queue({}, 'mine') };
/** A request's detail: the message as recipients will see it, why the flow matched, the timeline and history. */
export const DetailWithTimeline: Story = { play: openRequest('ap1') };
/** A stuck request, seen by an approval admin: Retry and Withdraw. */
export const StuckRequest: Story = {
  render: queue({ permissions: ['approval.admin'] }, 'mine'),
  play: openRequest('ap20'),
};
/** The flow editor (approval.admin) with two flows. */
export const FlowEditor: Story = { render: queue({ permissions: ['approval.admin'] }, 'flows') };
/** The flow editor with no flows yet. */
export const FlowEditorEmpty: Story = { render: queue({ permissions: ['approval.admin'], flows: [] }, 'flows') };
/** The flow form, filled from an existing flow. */
export const FlowEditorFilled: Story = {
  render: queue({ permissions: ['approval.admin'] }, 'flows'),
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector('herald-approval-queue'));
    const flows = await waitFor(() => el.shadowRoot?.querySelector('herald-approval-flows'));
    (await waitFor(() => flows.shadowRoot?.querySelector<HTMLButtonElement>('[data-id="f2"] .edit'))).click();
  },
};
/** Chinese. */
export const Chinese: Story = { args: { locale: 'zh-CN' } };
/** Chinese detail. */
export const ChineseDetail: Story = { args: { locale: 'zh-CN' }, play: openRequest('ap2') };
/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
/** Dark detail. */
export const DarkDetail: Story = { args: { theme: 'dark' }, play: openRequest('ap1') };
/**
 * A sign-off step (签批, issue 19 item 2): the opinion, and the signature — drawn on the pad (mouse, pen or finger) or
 * typed by keyboard users.
 */
export const SignOff: Story = { render: queue({ todo: [signOff('so1')] }), play: openRequest('so1') };
/** Sign-off in Chinese. */
export const SignOffChinese: Story = {
  args: { locale: 'zh-CN' },
  render: queue({ todo: [signOff('so1', '年度预算签批')] }),
  play: openRequest('so1'),
};
/** Signatures in the timeline and history: a drawn one (fetched with the client's credentials) and a typed one. */
export const Signed: Story = {
  render: queue(
    {
      todo: [],
      done: [
        decided(signOff('so2', 'Signed budget'), 'approved', 'Agreed, within budget.', drawnSignature()),
        decided(signOff('so3', 'Typed sign-off'), 'approved', 'Agreed.', typedSignature('Ada Chen')),
      ],
    },
    'done',
  ),
  play: openRequest('so2'),
};
