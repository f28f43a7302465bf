import { verify } from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { checkPasswordPolicy, generateTemporaryPassword, hashPassword, passwordProblemMessages, verifyDecoy, verifyPassword } from './passwords.ts';

// The real argon2, watched: the decoy must cost one real verification.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const argon2 = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...argon2, verify: vi.fn(argon2.verify) };
});

const ARGON2ID_BASELINE = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

describe('password policy (NIST SP 800-63B §3.1.1.2)', () => {
  it('asks for at least 12 characters, counted as characters not bytes', () => {
    expect(checkPasswordPolicy('kettle drum')).toBe('too_short');
    expect(checkPasswordPolicy('kettle drum!')).toBeNull();
    expect(checkPasswordPolicy('パスワードは十二文字以')).toBe('too_short'); // 11 characters, 33 bytes
    expect(checkPasswordPolicy('パスワードは十二文字以上')).toBeNull();
  });

  it('allows up to 128 characters, counted as characters not bytes', () => {
    const phrase = 'violet sunrise kettle drum, amber harbour lantern moss, quiet cobalt meadow fox; '.repeat(2).slice(0, 128);
    expect(checkPasswordPolicy(phrase)).toBeNull();
    expect(checkPasswordPolicy(`${phrase}x`)).toBe('too_long');
    const japanese = [...'すみれ色の夜明けにやかんが鳴り、琥珀の港で灯りが揺れる。'.repeat(5)];
    expect(checkPasswordPolicy(japanese.slice(0, 128).join(''))).toBeNull();
    expect(checkPasswordPolicy(japanese.slice(0, 129).join(''))).toBe('too_long');
  });

  it('has no composition rules: a long lower-case phrase is fine', () => {
    expect(checkPasswordPolicy('violet sunrise kettle drum')).toBeNull();
  });

  it('refuses common, repeated, sequential and keyboard passwords', () => {
    for (const weak of ['password1234', 'aaaaaaaaaaaa', '123456789012', 'qwertyuiopas', 'Password12345!', '1q2w3e4r5t6y']) {
      expect(checkPasswordPolicy(weak), weak).toBe('common');
    }
  });

  it('draws the line at zxcvbn score 3 (10^8 guesses): 3 passes, 2 does not', () => {
    expect(checkPasswordPolicy('correcthorse12')).toBeNull(); // score 3
    expect(checkPasswordPolicy('purplemonkey77')).toBe('common'); // score 2
  });

  it('refuses a password built from the person’s own name or e-mail', () => {
    expect(checkPasswordPolicy('yamada.taro2024', ['taro.yamada@example.com', 'Taro', 'Yamada'])).toBe('contains_personal');
    expect(checkPasswordPolicy('TaroPurpleMonkey', ['taro']), 'in any case').toBe('contains_personal');
  });

  it.each(['@', '.', ' ', '_', '+', '-'])('splits names and addresses at "%s" to find the words in them', (separator) => {
    expect(checkPasswordPolicy('suzukipurplemonkey', [`hanako${separator}suzuki`])).toBe('contains_personal');
  });

  it('counts words of four letters or more, not shorter ones', () => {
    expect(checkPasswordPolicy('taropurplemonkey', ['Taro'])).toBe('contains_personal');
    expect(checkPasswordPolicy('bobpurplemonkey', ['Bob'])).toBeNull();
  });

  it('accepts a name in a password when the rest is strong enough on its own (score 3)', () => {
    expect(checkPasswordPolicy('tarocorrecthorse12', ['Taro'])).toBeNull();
  });

  it('counts the portal’s own name and words as guessable: caseway, support, portal', () => {
    expect(checkPasswordPolicy('casewaykettle')).toBe('common');
    expect(checkPasswordPolicy('supportharbour')).toBe('common');
    expect(checkPasswordPolicy('portalharbour')).toBe('common');
  });

  it('finds nothing personal when given no words of the person', () => {
    expect(checkPasswordPolicy('herepurplemonkey')).toBeNull();
  });

  it('calls a weak password without the person’s words common, not personal', () => {
    expect(checkPasswordPolicy('password1234', ['Taro Yamada', 'taro@example.com'])).toBe('common');
  });

  it('reads a name holding characters that mean something in a regular expression as written', () => {
    expect(checkPasswordPolicy('team)purplemonkey', ['Mr. T (A-Team)'])).toBe('contains_personal');
  });

  it('names the limits in its messages', () => {
    expect(passwordProblemMessages).toEqual({
      too_short: 'The new password must be at least 12 characters long.',
      too_long: 'The new password must be at most 128 characters long.',
      common: 'This password is too common or too easy to guess. Choose a longer phrase that is not in lists of popular passwords.',
      contains_personal: 'The new password must not be built from your name or e-mail address.',
    });
  });
});

describe('password hashing', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const stored = await hashPassword('violet-sunrise-kettle');
    expect(stored).toMatch(ARGON2ID_BASELINE);
    expect(await verifyPassword(stored, 'violet-sunrise-kettle')).toBe(true);
    expect(await verifyPassword(stored, 'violet-sunrise-kettlE')).toBe(false);
  });

  it('refuses every password against a stored hash it cannot read', async () => {
    const stored = await hashPassword('violet-sunrise-kettle');
    for (const corrupt of ['', 'not-a-hash', stored.slice(0, 40), stored.replace('argon2id', 'argon9')]) {
      expect(await verifyPassword(corrupt, 'violet-sunrise-kettle'), corrupt).toBe(false);
      expect(await verifyPassword(corrupt, ''), corrupt).toBe(false);
    }
  });

  it('checks a password for an unknown e-mail against a real argon2id hash, so it takes as long as a known one', async () => {
    vi.mocked(verify).mockClear();
    expect(await verifyDecoy('violet-sunrise-kettle')).toBe(false);
    expect(await verifyDecoy('')).toBe(false);
    const hashes = vi.mocked(verify).mock.calls.map(([hash]) => hash);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toMatch(ARGON2ID_BASELINE);
    expect(hashes[1], 'one decoy, made once').toBe(hashes[0]);
  });

  it('makes temporary passwords of 20 unambiguous characters', () => {
    const temporary = generateTemporaryPassword();
    expect(temporary).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
