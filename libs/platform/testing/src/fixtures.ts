import { idCardCheckChar } from '@gov/kernel';

/** A valid resident ID number (checksum computed) for test data: region code, birth date, serial. */
export function idCard(serial: number, birth = '19900101', region = '420802'): string {
  const first17 = `${region}${birth}${String(serial).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}
