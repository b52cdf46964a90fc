import { Problem } from '../../http/problem.js';

/** Employee numbers: 1–32 of `A–Z a–z 0–9 - _ .`; leading zeros are kept, uniqueness ignores case. */
export const EMPLOYEE_NO = /^[A-Za-z0-9._-]{1,32}$/;
/** Mainland mobile (`1[3-9]` + 9 digits) or E.164 (`+` and 8–15 digits). */
export const PHONE = /^(?:1[3-9]\d{9}|\+\d{8,15})$/;
// Pragmatic: one @, no spaces, a dot in the domain. The real check is that mail arrives.
export const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Phones as people type them (`138 0013 8000`, `+86-10-1234-5678`): spaces, dashes and brackets dropped. */
export const normalisePhone = (phone: string): string => phone.replace(/[\s\-()]/g, '');
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function checkEmployeeNo(value: string): string {
  const v = value.trim();
  if (!EMPLOYEE_NO.test(v))
    throw new Problem('validation', 'The employee number must be 1–32 letters, digits, "-", "_" or ".".', {
      errors: [{ path: 'employeeNo', code: 'invalid-format', message: '1–32 letters, digits, "-", "_" or "."' }],
    });
  return v;
}

export function checkEmail(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const v = normaliseEmail(value);
  if (v === '') return null;
  if (v.length > 254 || !EMAIL.test(v))
    throw new Problem('validation', `"${value}" is not an e-mail address.`, {
      errors: [{ path: 'email', code: 'invalid-email', message: 'Not an e-mail address' }],
    });
  return v;
}

export function checkPhone(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const v = normalisePhone(value);
  if (v === '') return null;
  if (!PHONE.test(v))
    throw new Problem('validation', `"${value}" is not a mainland mobile or E.164 number.`, {
      errors: [{ path: 'phone', code: 'invalid-phone', message: 'Not a mainland mobile or E.164 number' }],
    });
  return v;
}
