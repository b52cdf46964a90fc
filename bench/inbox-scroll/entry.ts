// The scroll bench's page: <herald-inbox> on the mock mailbox with N entries loaded in one page (no archived ones),
// then
// `window.benchScroll()` scrolls the list to its end and reports the long tasks seen since the page started.
import '../../packages/inbox/src/define.js';
import { mockHerald, provide } from '../../packages/inbox/src/testing/herald.js';

declare global {
  interface Window {
    benchReady: Promise<{ mountMs: number; rows: number }>;
    benchScroll(): Promise<{ scrollMs: number; steps: number; longTasks: number[]; startupTasks: number[] }>;
  }
}

const longTasks: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) =>
  list.getEntries().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration })),
).observe({ type: 'longtask', buffered: true });

const N = Number(new URL(location.href).searchParams.get('n') ?? 10_000);
const frame = () => new Promise((r) => requestAnimationFrame(r));

window.benchReady = (async () => {
  const start = performance.now();
  const herald = await mockHerald({ count: N, pageLimit: N });
  // Every entry stays in the Inbox view, so N rows are loaded.
  herald.backend.entries.forEach((e) => (e.state.archivedAt = null));
  const host = document.createElement('div');
  document.body.append(host);
  const inbox = document.createElement('herald-inbox');
  inbox.style.setProperty('--herald-inbox-height', '90vh');
  provide(host, herald, inbox);
  const virtualizer = () => inbox.shadowRoot?.querySelector('lit-virtualizer');
  while (!virtualizer()?.querySelector('[role="option"]')) await frame();
  await frame();
  return { mountMs: performance.now() - start, rows: herald.backend.entries.length };
})();

window.benchScroll = async () => {
  await window.benchReady;
  const scroller = document.querySelector('herald-inbox')!.shadowRoot!.querySelector('lit-virtualizer') as HTMLElement;
  const start = performance.now();
  let steps = 0;
  // A page at a time, one frame each (a fast wheel/PageDown user), until the last row is rendered.
  while (!scroller.querySelector(`[data-index="${N - 1}"]`) && steps < 20_000) {
    scroller.scrollTop += scroller.clientHeight;
    steps++;
    await frame();
  }
  await frame();
  await new Promise((r) => setTimeout(r, 100)); // let the observer deliver the last entries
  return {
    scrollMs: performance.now() - start,
    steps,
    longTasks: longTasks.filter((t) => t.start >= start).map((t) => t.duration),
    startupTasks: longTasks.filter((t) => t.start < start).map((t) => t.duration),
  };
};
