import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { replyAddresses } from './reply-address.ts';

describe('The reply address of a case and a reader', () => {
  const key = randomBytes(32);
  const replies = replyAddresses(key, 'Support@Example.com');

  it('names the case and the person, in lower case, and verifies in any case', () => {
    const address = replies.addressFor('CS0000123', 42);
    expect(address).toMatch(/^support\+cs0000123-16-[a-z2-7]{16}@example\.com$/);
    expect(replies.verify(address)).toEqual({ caseNumber: 'CS0000123', personId: 42 });
    expect(replies.verify(address.toUpperCase())).toEqual({ caseNumber: 'CS0000123', personId: 42 });
  });

  it('refuses another case, another person, a changed signature, another key and other addresses', () => {
    const address = replies.addressFor('CS0000123', 42);
    const [, signature] = /-([a-z2-7]{16})@/.exec(address)!;
    expect(replies.verify(address.replace('cs0000123', 'cs0000124'))).toBeNull();
    expect(replies.verify(address.replace('-16-', '-17-'))).toBeNull();
    const flipped = `${signature![0] === 'a' ? 'b' : 'a'}${signature!.slice(1)}`;
    expect(replies.verify(address.replace(signature!, flipped))).toBeNull();
    expect(replyAddresses(randomBytes(32), 'support@example.com').verify(address)).toBeNull();
    expect(replies.verify(address.replace('@example.com', '@example.org'))).toBeNull();
    expect(replies.verify(address.replace('support+', 'sales+'))).toBeNull();
    for (const other of ['support@example.com', 'support+@example.com', 'support+cs0000123@example.com', `${address.split('@')[0]}+x@example.com`, 'not an address']) {
      expect(replies.verify(other), other).toBeNull();
    }
  });
});
