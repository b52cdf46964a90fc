import { expect } from '@open-wc/testing';
import { localInputTime, snoozeTimes } from './snooze-times.js';

describe('snoozeTimes (issue 20 #3)', () => {
  it('later today, tomorrow 09:00 and next Monday 09:00, in local time', () => {
    const wednesday = new Date(2026, 11, 2, 14, 30).getTime();
    const t = snoozeTimes(wednesday);
    expect(t.later).to.equal(wednesday + 3 * 3600_000);
    expect(t.tomorrow).to.equal(new Date(2026, 11, 3, 9, 0).getTime());
    expect(t.nextWeek).to.equal(new Date(2026, 11, 7, 9, 0).getTime());
    const sunday = new Date(2026, 11, 6, 20, 0).getTime();
    expect(snoozeTimes(sunday).nextWeek).to.equal(new Date(2026, 11, 7, 9, 0).getTime());
    const monday = new Date(2026, 11, 7, 8, 0).getTime();
    expect(snoozeTimes(monday).nextWeek).to.equal(new Date(2026, 11, 14, 9, 0).getTime());
  });
  it('reads a datetime-local value, and nothing from an empty or bad one', () => {
    expect(localInputTime('2026-12-24T18:00')).to.equal(new Date(2026, 11, 24, 18, 0).getTime());
    expect(localInputTime('')).to.equal(undefined);
    expect(localInputTime('tomorrow')).to.equal(undefined);
  });
});
