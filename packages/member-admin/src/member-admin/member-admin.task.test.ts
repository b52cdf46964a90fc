// Issue 16: switching tabs aborts the load of the tab left behind; it loads again when shown again.
import { expect, html } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fetchGate } from '@herald/client/testing/fetch-gate';
import { createMockBackend } from '../testing/mock-backend.js';
import { $, $$, mountWith, until } from '../testing/mount.js';
import type { HeraldMemberAdmin } from './member-admin.js';
import './define.js';

describe('<herald-member-admin> loads (issue 16, @lit/task)', () => {
  it('switching tabs aborts the members search still running; showing Members again loads it', async () => {
    let holding = true;
    const backend = createMockBackend();
    const gate = fetchGate(backend.fetch(), (url) => holding && url.pathname.endsWith('/members'));
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`, client);
    await until(() => gate.held.length === 1); // the members list is on its way
    const members = () => el.shadowRoot!.querySelector('herald-admin-members')!;
    $(el, '#tab-roles').click();
    await until(() => el.shadowRoot!.querySelector('herald-admin-roles') && gate.held[0]!.signal?.aborted);
    holding = false;
    $(el, '#tab-members').click();
    await until(() => $$(members(), '[part="row"]').length === 8);
    expect($(members(), '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });

  it('switching tabs aborts the settings load still running; showing Settings again loads the form', async () => {
    let holding = true;
    const backend = createMockBackend();
    const gate = fetchGate(backend.fetch(), (url) => holding && url.pathname.endsWith('/settings/messaging'));
    const client = createHeraldClient({ baseUrl: location.origin, fetch: gate.fetch });
    const { el } = await mountWith<HeraldMemberAdmin>(html`<herald-member-admin></herald-member-admin>`, client);
    await until(() => $(el, '#tab-settings'));
    $(el, '#tab-settings').click();
    await until(() => gate.held.length === 1); // the settings are on their way
    const settings = () => el.shadowRoot!.querySelector('herald-admin-settings')!;
    expect($(settings(), '[part="empty"]').textContent!.trim(), 'says it is loading').to.equal('Loading…');
    $(el, '#tab-roles').click();
    await until(() => gate.held[0]!.signal?.aborted);
    holding = false;
    $(el, '#tab-settings').click();
    await until(() => $(settings(), '[part="form"]'));
    expect($(settings(), '[part="alert"]').textContent!.trim(), 'an abort is no problem to report').to.equal('');
  });
});
