import { AppError } from '@gov/kernel';
import { QrErrorReason } from '@gov/grids-contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Building QR tokens: `<base64url(building id, 16 bytes)>.<version>.<base64url(MAC, 16 bytes)>`,
 * about 50 characters, so the code stays small (version 5 at error correction M with a short URL).
 * MAC = the first 16 bytes of HMAC-SHA256(key, "gov.building-qr.v1:<building id>.<version>").
 * The token names a version; the service accepts only the building's current one, so rotating
 * revokes the older tokens without a deny list.
 */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]{22})$/;
const MAC_BYTES = 16;
const DOMAIN = 'gov.building-qr.v1';

export interface QrTokenClaims {
  buildingId: string;
  version: number;
}

export const QrTokenErrors = {
  malformed: () => new AppError('VALIDATION', 'not a building QR code', QrErrorReason.malformed, [{ path: 'token', message: 'is not a building QR token' }]),
  forged: () => new AppError('NOT_FOUND', 'this QR code is not valid', QrErrorReason.forged),
  revoked: () => new AppError('NOT_FOUND', 'this QR code is no longer valid', QrErrorReason.revoked),
};

export class QrTokenSigner {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the QR signing key must have at least 32 bytes');
  }

  sign({ buildingId, version }: QrTokenClaims): string {
    return `${uuidToBase64url(buildingId)}.${version}.${this.mac(buildingId, version).toString('base64url')}`;
  }

  /** The claims of a token this key signed; QR_MALFORMED or QR_FORGED otherwise. Looks nothing up. */
  verify(token: string): QrTokenClaims {
    const m = TOKEN.exec(token);
    if (!m) throw QrTokenErrors.malformed();
    const [, idPart, versionPart, macPart] = m as unknown as [string, string, string, string];
    const idBytes = Buffer.from(idPart, 'base64url');
    const mac = Buffer.from(macPart, 'base64url');
    // One spelling per token: the last character of 22 carries 2 spare bits that must be zero.
    if (idBytes.length !== 16 || mac.length !== MAC_BYTES || idBytes.toString('base64url') !== idPart || mac.toString('base64url') !== macPart) throw QrTokenErrors.malformed();
    const version = Number(versionPart);
    const buildingId = bytesToUuid(idBytes);
    if (!timingSafeEqual(mac, this.mac(buildingId, version))) throw QrTokenErrors.forged();
    return { buildingId, version };
  }

  private mac(buildingId: string, version: number): Buffer {
    return createHmac('sha256', this.key).update(`${DOMAIN}:${buildingId.toLowerCase()}.${version}`).digest().subarray(0, MAC_BYTES);
  }
}

function uuidToBase64url(id: string): string {
  const hex = id.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(hex, 'hex').toString('base64url');
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
