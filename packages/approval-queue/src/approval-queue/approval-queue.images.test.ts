// Issue 20 #9: the approver previews a message's inline images as recipients will see them, fetched with the
// approver's own credentials (no token or secret in the URL).
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { $, $$, mountWith, until } from '@herald/client/testing/mount';
import { mockApprovals } from '../testing/mock.js';
import { approval } from '../testing/fixtures.js';
import type { HeraldApprovalQueue } from './approval-queue.js';
import './define.js';

describe('<herald-approval-queue> inline images (issue 20 #9)', () => {
  it('shows the body’s image in the preview, sized to the pane, with its alt text', async () => {
    const withImage = approval('im1');
    withImage.message.body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'The route: ' },
            { type: 'image', attrs: { attachmentId: 'img-1', alt: 'Evacuation route' } },
          ],
        },
      ],
    };
    const mock = mockApprovals({ todo: [withImage] });
    const { el } = await mountWith<HeraldApprovalQueue>(
      html`<herald-approval-queue locale="en"></herald-approval-queue>`,
      mock.client,
    );
    await until(() => $$(el, '[part=item]').length, 4000, 'the list');
    $(el, '[data-id=im1] .open').click();
    const img = () => $<HTMLImageElement>(el, '[part=message-body] img');
    await until(() => img()?.complete && img()!.naturalWidth > 0, 4000, 'the image loaded');
    expect(img().alt).to.equal('Evacuation route');
    expect(img().src.startsWith('blob:')).to.equal(true);
    expect(getComputedStyle(img()).maxWidth).to.equal('100%');
    const fetched = mock.calls.filter((c) => c.url.includes('/attachments/img-1'));
    expect(fetched).to.have.length(1);
    expect(new URL(fetched[0]!.url).searchParams.get('inline')).to.equal('1');
    await expect(el).to.be.accessible();
  });
});
