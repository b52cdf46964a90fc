import { hash, verify } from '@node-rs/argon2';
import { zxcvbnDictionaries } from '../../lib/heavy-modules.js';
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
// at the first password change, not at start-up (the package itself loads then too: lib/heavy-modules.ts).
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(zxcvbnDictionaries().dictionary['passwords-common']));

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};
const unleet = (s: string) => s.replace(/[@401!35$7+]/g, (c) => LEET[c]!);
/** Digits and symbols around a word (`Summer2024!`, `!!password12`): the word is what an attacker starts from. */
const core = (s: string) => s.replace(/^[\p{N}\p{P}\p{S}\s_]+|[\p{N}\p{P}\p{S}\s_]+$/gu, '');

/** A run of digits or letters each one step from the last (`0987654321`, `abcdefghij`, `1357913579` is not). */
function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const steps = new Set([...s].slice(1).map((c, i) => (c.charCodeAt(0) - s.charCodeAt(i) + 10) % 10));
  return /^(\d+|[a-z]+)$/.test(s) && steps.size === 1 && (steps.has(1) || steps.has(9) || steps.has(0));
}

/**
 * Whether a password is one of the common ones, or one dressed up (issue 13 review): compared in NFKC lower case
 * (full-width letters are the letters), also without the digits and symbols around it and with leetspeak undone, so
 * `Password123!`, `P@ssw0rd123`, `Summer2024!` and `ｐａｓｓｗｏｒｄ12` count as the common words they are.
 */
export function isCommonPassword(password: string): boolean {
  const plain = password.normalize('NFKC').trim().toLowerCase();
  const candidates = [plain, core(plain), unleet(plain), core(unleet(core(plain))), unleet(core(plain))];
  return isSequence(plain) || candidates.some((c) => c.length >= 4 && commonPasswords().has(c));
}

/**
 * Length is what matters (NIST SP 800-63B); refuse the common ones and the member's own words too
 * (docs/api.md, "Password policy").
 */
export function assertStrongPassword(password: string, personal: Array<string | null | undefined>) {
  const lower = password.toLowerCase();
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw weak('length', `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
  if (new Set(password).size < 4) throw weak('variety', 'Use more different characters.');
  if (isCommonPassword(password)) throw weak('common', 'This is one of the most common passwords; choose another.');
  for (const word of personal) {
    if (word && word.length >= 3 && lower.includes(word.toLowerCase()))
      throw weak('personal', 'Do not use your name, employee number or e-mail.');
  }
}
