/**
 * IPv4 addresses and ranges, for the profile's login IP ranges (Metadata API
 * Profile.loginIpRanges) against the source IPs of the connector's logins.
 */
import type { LoginIpRange } from './types';

/** The address as a number (0 to 2^32-1), or null when it is not a dotted IPv4 address. */
export function ipv4Number(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/**
 * Whether the address falls inside the range (both ends included). An address or range that is not
 * IPv4 (Salesforce also accepts IPv6 ranges) gives null: the caller cannot say.
 */
export function inRange(address: string, range: LoginIpRange): boolean | null {
  const ip = ipv4Number(address);
  const start = ipv4Number(range.startAddress);
  const end = ipv4Number(range.endAddress);
  if (ip === null || start === null || end === null) return null;
  return ip >= start && ip <= end;
}

/** "203.0.113.0-203.0.113.255 (Act-On)" */
export function rangeText(range: LoginIpRange): string {
  const span =
    range.startAddress === range.endAddress
      ? range.startAddress
      : `${range.startAddress}-${range.endAddress}`;
  return range.description ? `${span} (${range.description})` : span;
}
