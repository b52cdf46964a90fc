import { hash, verify } from '@node-rs/argon2';
import { Problem } from '../../http/problem.js';

/** argon2id at OWASP's first recommended setting: m = 19 MiB, t = 2, p = 1. */
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

// A valid hash of a random string: checked against when the account does not exist, so that the answer
// takes as long as for a real account and does not reveal which sign-in names exist.
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(crypto.randomUUID());
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Length is what matters (NIST SP 800-63B); refuse the obvious weak ones too. */
export function assertStrongPassword(password: string, personal: Array<string | null | undefined>) {
  const lower = password.toLowerCase();
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new Problem('password-too-weak', `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`, { minLength: PASSWORD_MIN });
  }
  if (new Set(password).size < 4) throw new Problem('password-too-weak', 'Use more different characters.', { minLength: PASSWORD_MIN });
  for (const word of personal) {
    if (word && word.length >= 3 && lower.includes(word.toLowerCase())) {
      throw new Problem('password-too-weak', 'Do not use your name, employee number or e-mail.', { minLength: PASSWORD_MIN });
    }
  }
}
