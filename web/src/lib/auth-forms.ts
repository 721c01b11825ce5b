/**
 * The checks the sign-up and login forms make before asking the API: the same rules the API
 * applies (api/routes/auth.ts: an email, a handle of 3 to 30 of [a-z0-9_], a password of 10 to 128
 * characters, a name of at most 60), said as what to do. The API still has the last word. Pure.
 */

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 128;
export const DISPLAY_NAME_LENGTH_MAX = 60;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HANDLE = /^[a-z0-9_]{3,30}$/;

export interface SignupFields {
  email: string;
  handle: string;
  displayName: string;
  password: string;
}

/** Field errors of a sign-up form, keyed by the API's field names; empty when it may be sent. */
export function signupErrors(fields: SignupFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const email = fields.email.trim();
  if (email === '') errors.email = 'Enter your email address.';
  else if (!EMAIL.test(email) || email.length > 254)
    errors.email = 'Enter a valid email address, such as ada@example.com.';
  const handle = fields.handle.trim().replace(/^@/, '').toLowerCase();
  if (handle === '') errors.handle = 'Choose a handle, for example ada.';
  else if (!HANDLE.test(handle)) errors.handle = 'Use 3 to 30 letters, digits or underscores.';
  if (fields.displayName.trim().length > DISPLAY_NAME_LENGTH_MAX)
    errors.displayName = `Use at most ${DISPLAY_NAME_LENGTH_MAX} characters.`;
  if (fields.password.length === 0) errors.password = 'Choose a password.';
  else if (fields.password.length < PASSWORD_LENGTH_MIN)
    errors.password = `Use at least ${PASSWORD_LENGTH_MIN} characters.`;
  else if (fields.password.length > PASSWORD_LENGTH_MAX)
    errors.password = `Use at most ${PASSWORD_LENGTH_MAX} characters.`;
  return errors;
}

/** Field errors of a login form: both fields filled in. */
export function loginErrors(fields: { email: string; password: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (fields.email.trim() === '') errors.email = 'Enter your email address.';
  if (fields.password === '') errors.password = 'Enter your password.';
  return errors;
}
