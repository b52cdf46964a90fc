import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
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

/** Why a password was refused: the widgets say it in the reader's language (`problem.password-too-weak.<reason>`). */
export type WeakReason = 'length' | 'variety' | 'personal' | 'common';

const weak = (reason: WeakReason, detail: string) =>
  new Problem('password-too-weak', detail, { reason, minLength: PASSWORD_MIN });

// The 49,233 most common passwords of leaked-password corpora, as zxcvbn-ts ships them (lower case); a Set is built
// at the first password change, not at start-up.
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']));

/** Whether a password is one of the common ones (case-insensitive, ignoring white space around it). */
export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.trim().toLowerCase());

/**
 * Length is what matters (NIST SP 800-63B); refuse the common ones and the member's own words too
 * (docs/api.md, "Password policy").
 */
export function assertStrongPassword(password: string, personal: Array<string | null | undefined>) {
  const lower = password.toLowerCase();
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) throw weak('length', `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
  if (new Set(password).size < 4) throw weak('variety', 'Use more different characters.');
  if (isCommonPassword(password)) throw weak('common', 'This is one of the most common passwords; choose another.');
  for (const word of personal) {
    if (word && word.length >= 3 && lower.includes(word.toLowerCase())) throw weak('personal', 'Do not use your name, employee number or e-mail.');
  }
}
