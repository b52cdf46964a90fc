// `pnpm herald <command>`: administration from the shell, against the database in DATABASE_URL /
// HERALD_DATA_DIR (the same settings as the server). Actions are audited as "system".
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { closeDatabase, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { PERMISSIONS, type Permission } from './modules/auth/permissions.js';
import { createApiKey, createEmbedApp, listEmbedApps } from './modules/apps/service.js';
import { EMBED_AUDIENCES, type EmbedAudience } from './modules/apps/schema.js';
import { Problem } from './http/problem.js';
import { readFirstPassword } from './lib/first-password.js';
import { SUPER_ADMIN_LOGIN } from './seed.js';
import { OPS_USAGE, isOpsCommand, runOpsCommand } from './ops/commands.js';

const USAGE = `usage:
  pnpm herald embed-app create --name NAME --origin ORIGIN [--origin ORIGIN …] [--audience contacts|members|both]
                               [--department DEPARTMENT_ID …] [--max-age SECONDS]
  pnpm herald embed-app list
  pnpm herald api-key create --name NAME --permission PERMISSION [--permission …] [--send-as-members]
  pnpm herald admin-password     the super admin's one-time password, while it is still unchanged
${OPS_USAGE}
permissions: ${PERMISSIONS.join(', ')}`;

const system = { kind: 'system' } as const;
const info = { ip: null, userAgent: 'herald-cli', requestId: null };

async function main() {
  const [noun, verb, ...rest] = process.argv.slice(2);
  // Issue 17: backup, restore and verify read the files themselves (no migration, no app connection).
  if (isOpsCommand(noun)) {
    process.exitCode = await runOpsCommand(noun!, process.argv.slice(3));
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'max-age': { type: 'string' },
      permission: { type: 'string', multiple: true },
      audience: { type: 'string' },
      department: { type: 'string', multiple: true },
      'send-as-members': { type: 'boolean' },
    },
  });
  const config = loadConfig();
  const db = openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(db, (line) => process.stderr.write(`${line}\n`));
  try {
    if (noun === 'embed-app' && verb === 'create' && values.name && values.origin?.length) {
      const audience = values.audience ?? 'contacts';
      if (!(EMBED_AUDIENCES as readonly string[]).includes(audience))
        throw new Problem('validation', `--audience must be one of ${EMBED_AUDIENCES.join(', ')}`);
      const app = await createEmbedApp(
        db,
        system,
        {
          name: values.name,
          origins: values.origin,
          audience: audience as EmbedAudience,
          departmentIds: values.department,
          tokenMaxAgeSeconds: values['max-age'] ? Number(values['max-age']) : undefined,
        },
        info,
      );
      process.stdout.write(
        `${JSON.stringify(
          {
            id: app.id,
            name: app.name,
            origins: app.origins,
            audience: app.audience,
            departmentIds: app.departmentIds,
            secret: app.secret,
          },
          null,
          2,
        )}\nKeep the secret in the host's back end; it is not shown again.\n`,
      );
    } else if (noun === 'embed-app' && verb === 'list') {
      process.stdout.write(`${JSON.stringify(await listEmbedApps(db), null, 2)}\n`);
    } else if (noun === 'api-key' && verb === 'create' && values.name && values.permission?.length) {
      const bad = values.permission.filter((p) => !(PERMISSIONS as readonly string[]).includes(p));
      if (bad.length) throw new Problem('validation', `Unknown permission: ${bad.join(', ')}`);
      const key = await createApiKey(
        db,
        system,
        {
          name: values.name,
          permissions: values.permission as Permission[],
          sendAsMembers: values['send-as-members'] ?? false,
        },
        info,
      );
      process.stdout.write(`${JSON.stringify(key, null, 2)}\nKeep the key secret; it is not shown again.\n`);
    } else if (noun === 'admin-password' && !verb) {
      const password = await readFirstPassword(db, config.dataDir);
      if (password)
        process.stdout.write(
          `${SUPER_ADMIN_LOGIN} / ${password}\n(one-time: you choose your own at first sign-in; then it is ` +
            `forgotten)\n`,
        );
      else {
        process.stderr.write(
          "The super admin's one-time password is not kept any more: it was changed (or chosen with " +
            'HERALD_ADMIN_PASSWORD).\n',
        );
        process.exitCode = 1;
      }
    } else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } finally {
    await closeDatabase(db);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Problem || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
