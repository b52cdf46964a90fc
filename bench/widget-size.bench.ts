// Issue 16: what a host page loads before anything renders, Herald beside Courier's and Novu's inbox, built the same
// way in the same run (esbuild --bundle --minify --format=esm, code splitting; gzip -9, brotli 11; one file = one
// fetch, sizes summed per file as a browser downloads them).
//
//   node --import tsx bench/widget-size.bench.ts           the whole table, Courier and Novu included
//   node --import tsx bench/widget-size.bench.ts --check   Herald only; exits 1 when a budget is exceeded (npm test)
//
// Herald's figures include the English strings its elements wait for before they first render (each package's
// catalogue, loaded per locale on demand): a host pays for them before anything shows, so the budgets count them.
import { BENCH_DIR, HERALD_DIR, heraldCss, kb, measure, type Measured } from './widget-size/measure.js';

interface Row {
  name: string;
  specifiers: string[];
  from: string;
  /** Herald is measured as its build makes it (CSS templates minified); the others as published. */
  own?: boolean;
  /** Issue 16's budget for the first load, code and English strings, gzip KB. */
  budgetGzipKb?: number;
  /** Print this set's lazy chunks. */
  listLazy?: boolean;
}

const herald = (name: string, entries: string[], extra: Partial<Row> = {}): Row => ({
  name,
  specifiers: entries.map((e) => `@herald/elements/${e}`),
  from: HERALD_DIR,
  own: true,
  ...extra,
});

const rows: Row[] = [
  herald(
    'Herald, provider + inbox + badge + urgent alert',
    ['herald-provider', 'herald-inbox', 'herald-unread-badge', 'herald-urgent-alert'],
    { budgetGzipKb: 40, listLazy: true },
  ),
  herald('Herald, composer (rich editor lazy)', ['herald-composer'], { budgetGzipKb: 35, listLazy: true }),
  herald('Herald, rich-text editor alone (Tiptap lazy)', ['herald-rich-text-editor']),
  herald('Herald, every element (/widgets/herald.js)', ['herald'], { budgetGzipKb: 90, listLazy: true }),
  herald('Herald, badge alone', ['herald-unread-badge']),
  herald('Herald, urgent alert alone', ['herald-urgent-alert']),
  herald('Herald, approval queue', ['herald-approval-queue']),
  herald('Herald, member admin', ['herald-member-admin']),
  herald('Herald, sign-in', ['herald-sign-in']),
];
const others: Row[] = [
  { name: 'Courier @trycourier/courier-ui-inbox 2.4.7', specifiers: ['@trycourier/courier-ui-inbox'], from: BENCH_DIR },
  { name: 'Novu @novu/js/ui 3.19.2', specifiers: ['@novu/js/ui'], from: BENCH_DIR },
];

const check = process.argv.includes('--check');
const measured: [Row, Measured][] = [];
for (const row of check ? rows.filter((r) => r.budgetGzipKb) : [...rows, ...others]) {
  measured.push([row, await measure(row.specifiers, row.from, row.own ? [heraldCss] : [])]);
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (s: string) => s.padStart(8);
const line = (cells: string[]) =>
  console.log(`| ${pad(cells[0]!, 52)} | ${cells.slice(1, -1).map(num).join(' | ')} | ${pad(cells.at(-1)!, 22)} |`);
console.log('\nWhat a host loads before anything renders (KB = 1024 bytes; budgets on code + strings, gzip)\n');
line(['what', 'min', 'gzip', 'brotli', '+en gzip', '= gzip', 'budget']);
console.log(`|${'-'.repeat(54)}|${'----------|'.repeat(5)}${'-'.repeat(24)}|`);
const over: string[] = [];
/** Code and the English strings the first load waits for. */
const total = (m: Measured) => m.initial.gzip + m.strings.gzip;
for (const [row, m] of measured) {
  const gz = total(m) / 1024;
  let budget = '';
  if (row.budgetGzipKb) {
    const ok = gz <= row.budgetGzipKb;
    budget = `≤ ${row.budgetGzipKb} ${ok ? 'ok' : 'OVER'}`;
    if (!ok) over.push(`${row.name}: ${gz.toFixed(2)} KB gzip > ${row.budgetGzipKb} KB`);
  }
  const strings = row.own ? kb(m.strings.gzip) : '';
  line([row.name, kb(m.initial.min), kb(m.initial.gzip), kb(m.initial.brotli), strings, kb(total(m)), budget]);
}
console.log('+en: the English catalogues the first load waits for (each package its own; another locale instead when');
console.log("     that is the page's: a page loads one locale, and the other only on a switch).");
const courier = measured.find(([r]) => r.name.startsWith('Courier'))?.[1];
const lean = measured[0]![1];
if (courier) {
  const ratio = (n: number) => (n / courier.initial.gzip).toFixed(2);
  console.log(
    `\nHerald's provider + inbox + badge + alert / Courier's inbox (gzip): ${ratio(lean.initial.gzip)}× code, ` +
      `${ratio(total(lean))}× with the English strings`,
  );
}

for (const [row, m] of measured.filter(([r]) => r.budgetGzipKb)) {
  console.log(`\nStrings "${row.name}" waits for: ${m.stringFiles.join(', ')}`);
  const onDemand = m.onDemandFiles.join(', ');
  if (onDemand) console.log(`  and loads on demand (no render waits for them): ${onDemand}`);
}

for (const [row, m] of measured.filter(([r]) => r.listLazy)) {
  console.log(`\nLazy chunks of "${row.name}" (loaded when used):`);
  for (const chunk of m.lazy)
    console.log(
      `  ${pad(chunk.name, 44)} ${num(kb(chunk.sizes.min))} min ${num(kb(chunk.sizes.gzip))} gz ` +
        `${num(kb(chunk.sizes.brotli))} br`,
    );
}

if (over.length) {
  console.error(`\nOver budget (issue 16):\n  ${over.join('\n  ')}`);
  process.exitCode = 1;
} else if (check) {
  console.log('\nNo size is over its budget.');
}
