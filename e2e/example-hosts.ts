// The React and Vue example hosts as a host developer gets them (issue 16 items 4 and 5): @herald/elements packed
// with `npm pack` (scripts/pack.mjs), each example copied to a temp folder of its own — outside the workspace, so
// nothing resolves from it —, `npm install` of the tarball and the example's dependencies from the npm registry (the
// local npm cache first), then its own `npm run build` (strict type check, then Vite).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startProcess } from './support.js';

let tarball: string | undefined;
/** Packs @herald/elements once per test process; answers the tarball's path. */
export function packedElements(): string {
  if (!tarball) {
    const r = spawnSync(process.execPath, ['scripts/pack.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/pack.mjs failed');
    tarball = join(ROOT, '.pack/herald-elements.tgz');
  }
  return tarball;
}

function exec(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} in ${cwd} (${code}):\n${out}`));
    });
  });
}

/** examples/<name> copied out, the packed tarball and its dependencies installed, built for Herald at `heraldUrl`. */
export async function buildExampleHost(name: 'react' | 'vue', heraldUrl: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `herald-example-${name}-`));
  const filter = (src: string) => !/[/\\](node_modules|dist)$/.test(src);
  cpSync(join(ROOT, 'examples', name), dir, { recursive: true, filter });
  const manifest = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  pkg.dependencies['@herald/elements'] = `file:${packedElements()}`;
  writeFileSync(manifest, JSON.stringify(pkg, null, 2));
  await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  await exec('npm', ['run', 'build'], dir, { VITE_HERALD_URL: heraldUrl });
  return dir;
}

/** `vite preview` of a built example on its own origin, with its token endpoint minting for `subject`. */
export function previewExampleHost(dir: string, port: number, embed: { id: string; secret: string }, subject: string) {
  const vite = join(dir, 'node_modules/vite/bin/vite.js');
  const env = {
    HERALD_EMBED_APP_ID: embed.id,
    HERALD_EMBED_SECRET: embed.secret,
    HERALD_EMBED_SUBJECT: subject,
    NO_COLOR: '1',
  };
  return startProcess(
    [vite, 'preview', dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    env,
    /Local:\s+http/,
  );
}
