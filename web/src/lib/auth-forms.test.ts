// Goal: sign-up and login find the simple mistakes before asking the API, with the API's own rules
// (handle pattern, password length), and say what to do in sentences, never raw validator output.
import { describe, expect, it } from 'vitest';
import { loginErrors, signupErrors } from './auth-forms';

const fine = {
  email: 'ada@example.com',
  handle: 'ada_1',
  displayName: '',
  password: 'correct horse battery',
};

describe('signupErrors', () => {
  it('lets a good sign-up through', () => {
    expect(signupErrors(fine)).toEqual({});
    expect(signupErrors({ ...fine, handle: '@Ada_1' })).toEqual({});
  });

  it('names each mistake on its field', () => {
    expect(signupErrors({ email: '', handle: '', displayName: '', password: '' })).toEqual({
      email: 'Enter your email address.',
      handle: 'Choose a handle, for example ada.',
      password: 'Choose a password.',
    });
    expect(signupErrors({ ...fine, email: 'ada@' }).email).toBe(
      'Enter a valid email address, such as ada@example.com.',
    );
    expect(signupErrors({ ...fine, handle: 'a!' }).handle).toBe(
      'Use 3 to 30 letters, digits or underscores.',
    );
    expect(signupErrors({ ...fine, password: 'short' }).password).toBe('Use at least 10 characters.');
    expect(signupErrors({ ...fine, password: 'x'.repeat(129) }).password).toBe('Use at most 128 characters.');
    expect(signupErrors({ ...fine, password: 'x'.repeat(10) })).toEqual({});
    expect(signupErrors({ ...fine, displayName: 'x'.repeat(61) }).displayName).toBe(
      'Use at most 60 characters.',
    );
  });
});

describe('loginErrors', () => {
  it('asks for both fields', () => {
    expect(loginErrors({ email: ' ', password: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    });
    expect(loginErrors({ email: 'ada@example.com', password: 'x' })).toEqual({});
  });
});
