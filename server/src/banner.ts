import type { Config } from './config.js';

export interface BannerFacts {
  url: string;
  adminLogin: string;
  /** The super admin's first password, when this start created it. */
  adminPassword?: string;
  /** An earlier start's one-time password is still unchanged (kept for `pnpm herald admin-password`). */
  stillFirstPassword: boolean;
  config: Pick<Config, 'logFile' | 'logLevel' | 'adminPassword'>;
}

/** What `npm start` shows in the terminal (issue 23): where to go, how to get in, and where the log goes. */
export function banner({ url, adminLogin, adminPassword, stillFirstPassword, config }: BannerFacts): string {
  const pad = '                     ';
  const lines = ['', `  Herald is running: ${url}/examples/intranet/`, `  API reference:     ${url}/api/v1/reference`];
  if (adminPassword && config.adminPassword) {
    // Chosen by the operator: never printed, since terminals end up in journals and container logs.
    lines.push(
      `  Super admin:       ${adminLogin} — the password set in HERALD_ADMIN_PASSWORD (choose your own at ` +
        `first sign-in)`,
    );
  } else if (adminPassword) {
    lines.push(`  Super admin:       ${adminLogin} / ${adminPassword}  (one-time: choose your own at first sign-in)`);
    lines.push(`${pad}until then \`npm run herald admin-password\` shows it again`);
  } else if (stillFirstPassword) {
    lines.push(
      `  Super admin:       ${adminLogin} — first password not changed yet; \`npm run herald admin-password\` shows it`,
    );
  }
  const requests = 'HERALD_LOG_LEVEL=debug adds every request';
  const level =
    config.logLevel === 'debug' || config.logLevel === 'trace'
      ? `${config.logLevel}, with every request`
      : `${config.logLevel}; ${requests}`;
  lines.push(`  Log:               ${config.logFile ?? 'JSON lines on this terminal'} (${level})`);
  return `${lines.join('\n')}\n\n`;
}
