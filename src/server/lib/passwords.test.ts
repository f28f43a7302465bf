import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generateTemporaryPassword, hashPassword, verifyPassword } from './passwords.ts';

describe('password policy (NIST SP 800-63B §3.1.1.2)', () => {
  it('asks for at least 12 characters, counted as characters not bytes', () => {
    expect(checkPasswordPolicy('short-pass1')).toBe('too_short');
    expect(checkPasswordPolicy('パスワードは十二文字以上必要')).toBeNull();
  });

  it('has no composition rules: a long lower-case phrase is fine', () => {
    expect(checkPasswordPolicy('violet sunrise kettle drum')).toBeNull();
  });

  it('refuses common, repeated, sequential and keyboard passwords', () => {
    for (const weak of ['password1234', 'aaaaaaaaaaaa', '123456789012', 'qwertyuiopas', 'Password12345!', '1q2w3e4r5t6y']) {
      expect(checkPasswordPolicy(weak), weak).toBe('common');
    }
  });

  it('refuses a password built from the person’s own name or e-mail', () => {
    expect(checkPasswordPolicy('yamada.taro2024', ['taro.yamada@example.com', 'Taro', 'Yamada'])).toBe('contains_personal');
  });

  it('refuses more than 128 characters', () => {
    expect(checkPasswordPolicy('x'.repeat(129))).toBe('too_long');
  });
});

describe('password hashing', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const stored = await hashPassword('violet-sunrise-kettle');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'violet-sunrise-kettle')).toBe(true);
    expect(await verifyPassword(stored, 'violet-sunrise-kettlE')).toBe(false);
  });

  it('makes temporary passwords of 20 unambiguous characters', () => {
    const temporary = generateTemporaryPassword();
    expect(temporary).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
