// Issue 16: /widgets/herald.js defines the reading pane and the approval flow editor only when a page uses them; a page
// that puts one straight into its document still gets a working element.
import { expect } from '@open-wc/testing';
import { until } from './test-support.js';

describe('issue 16: elements the all-in-one defines when used', () => {
  before(async () => {
    await import('./define.js'); // what /widgets/herald.js registers
  });

  it('defines the eager elements at once, and the reading pane and flow editor not before a page uses them', () => {
    for (const tag of [
      'herald-provider',
      'herald-inbox',
      'herald-unread-badge',
      'herald-urgent-alert',
      'herald-composer',
      'herald-approval-queue',
      'herald-member-admin',
      'herald-sign-in',
    ]) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
    expect(customElements.get('herald-approval-flows')).to.equal(undefined);
    expect(customElements.get('herald-message-view')).to.equal(undefined);
  });

  it('defines <herald-approval-flows> as soon as the document holds one, and it renders', async () => {
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<herald-approval-flows locale="en"></herald-approval-flows>';
    document.body.append(wrapper);
    try {
      const flows = wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
      await customElements.whenDefined('herald-approval-flows');
      await until(() => !!flows.shadowRoot);
      await flows.updateComplete;
      expect(flows.shadowRoot!.textContent!.trim()).to.not.equal('');
    } finally {
      wrapper.remove();
    }
  });

  it(
    'defines <herald-message-view> put into the page by a script, with the property set before it ' + 'upgraded',
    async () => {
      const view = document.createElement('herald-message-view') as HTMLElement & {
        messageId?: string;
        updateComplete: Promise<unknown>;
      };
      view.messageId = 'nonexistent';
      view.setAttribute('locale', 'en');
      document.body.append(view);
      try {
        const ViewClass = await customElements.whenDefined('herald-message-view');
        expect(view).to.be.instanceOf(ViewClass);
        await view.updateComplete;
        // (Lit hands a property set before the upgrade to the element at its first update.)
        expect(view.messageId).to.equal('nonexistent');
        expect(view.shadowRoot).to.not.equal(null);
      } finally {
        view.remove();
      }
    },
  );
});
