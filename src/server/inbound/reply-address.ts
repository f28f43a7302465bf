import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The reply address of one case and one reader: `local+<case number>-<person id>-<signature>@domain`,
 * e.g. `support+cs0000123-2s-k3vq7d2mxa5hzr4c@example.com`. Everything in it is lower case (digits,
 * a-z), since mail systems may change the case of a local part. The signature is an HMAC of the case
 * number and the person under the server key, cut to 80 bits (16 base32 letters): nobody can make the
 * address of another case or person, and guessing one takes 2^80 tries.
 */
export type ReplyAddresses = {
  /** REPLY_ADDRESS's domain, lower case: only addresses there are ours. */
  domain: string;
  addressFor(caseNumber: string, personId: number): string;
  /** The case and person an address names, or null when it is not a reply address whose signature holds. */
  verify(address: string): { caseNumber: string; personId: number } | null;
};

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const TOKEN = /^(cs\d{7,})-([0-9a-z]{1,12})-([a-z2-7]{16})$/;

export function replyAddresses(serverKey: Buffer, replyAddress: string): ReplyAddresses {
  const [local, domain] = replyAddress.toLowerCase().split('@') as [string, string];
  const signature = (caseNumber: string, personId: number) =>
    base32(createHmac('sha256', serverKey).update(`reply-address|${caseNumber}|${personId}`).digest().subarray(0, 10));
  return {
    domain,
    addressFor(caseNumber, personId) {
      const number = caseNumber.toLowerCase();
      return `${local}+${number}-${personId.toString(36)}-${signature(number, personId)}@${domain}`;
    },
    verify(address) {
      const at = address.lastIndexOf('@');
      if (at < 0 || address.slice(at + 1).toLowerCase() !== domain) return null;
      const [base, token, ...rest] = address.slice(0, at).toLowerCase().split('+');
      if (base !== local || token === undefined || rest.length > 0) return null;
      const match = TOKEN.exec(token);
      if (!match) return null;
      const [, number, person, given] = match as unknown as [string, string, string, string];
      const personId = Number.parseInt(person, 36);
      if (!Number.isSafeInteger(personId)) return null;
      const expected = Buffer.from(signature(number, personId));
      if (!timingSafeEqual(expected, Buffer.from(given))) return null;
      return { caseNumber: number.toUpperCase(), personId };
    },
  };
}
