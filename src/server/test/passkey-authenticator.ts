import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/** The parts of the server's options an authenticator reads. */
type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string };

/** What a ceremony may get wrong on purpose: the page's origin, the RP id, the counter, the user handle. */
export type Tampering = { origin?: string; rpId?: string; counter?: number; userHandle?: string | null };

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64 = (data: Buffer | Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(data));

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

/**
 * A software passkey, as a phone or laptop would hold one: an ES256 key pair, a signature counter
 * and the user handle it was made for. It answers the server's options with the JSON
 * @simplewebauthn/browser would send, built byte by byte after the WebAuthn spec (authenticator
 * data, client data, 'none' attestation in CBOR, a DER signature), so tests check the server's
 * real verification.
 */
export class SoftwareAuthenticator {
  private readonly privateKey: KeyObject;
  private readonly cosePublicKey: Uint8Array;
  userHandle: string | undefined;

  /** `credentialId` is random unless a test copies another authenticator's, to claim its credential. */
  constructor(
    private readonly origin: string,
    public counter = 0,
    readonly credentialId = b64(randomBytes(16)),
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.cosePublicKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
  }

  private authenticatorData(rpId: string, counter: number, attested: boolean): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const flags = Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | (attested ? FLAG_ATTESTED_DATA : 0)]);
    const parts = [sha256(rpId), flags, count];
    if (attested) {
      const id = Buffer.from(isoBase64URL.toBuffer(this.credentialId));
      const length = Buffer.alloc(2);
      length.writeUInt16BE(id.length);
      parts.push(Buffer.alloc(16), length, id, Buffer.from(this.cosePublicKey));
    }
    return Buffer.concat(parts);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(): a new discoverable credential for the options' user. */
  register(options: CreationOptions, tampering: Tampering = {}) {
    this.userHandle = options.user.id;
    const authData = this.authenticatorData(tampering.rpId ?? options.rp.id!, tampering.counter ?? this.counter, true);
    const attestationObject = isoCBOR.encode(new Map<string, string | Uint8Array | Map<string, string>>([['fmt', 'none'], ['attStmt', new Map<string, string>()], ['authData', new Uint8Array(authData)]]));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: { clientDataJSON: b64(this.clientData('webauthn.create', options.challenge, tampering.origin ?? this.origin)), attestationObject: b64(attestationObject), transports: ['internal' as const] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }

  /** navigator.credentials.get(): signs the challenge, counting one more use unless told which count to claim. */
  assert(options: RequestOptions, tampering: Tampering = {}) {
    const counter = tampering.counter ?? ++this.counter;
    const authData = this.authenticatorData(tampering.rpId ?? options.rpId!, counter, false);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, tampering.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const userHandle = tampering.userHandle === undefined ? this.userHandle : tampering.userHandle;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authData), signature: b64(signature), ...(userHandle === null || userHandle === undefined ? {} : { userHandle }) },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }
}
