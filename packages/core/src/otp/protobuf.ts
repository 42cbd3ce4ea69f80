import { OtpError } from './types.ts';

// The few parts of the protobuf wire format (protobuf.dev/programming-guides/encoding) that
// Google Authenticator's MigrationPayload uses: varints and length-delimited fields. Hand-written
// so that reading a hostile QR code depends on nothing but this file.

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export type ProtoField =
  | { field: number; wire: typeof WIRE_VARINT; value: bigint }
  | { field: number; wire: typeof WIRE_LEN | typeof WIRE_I64 | typeof WIRE_I32; value: Uint8Array };

/** Splits one message into its fields, in order. Groups (wire types 3, 4) and anything cut short are refused. */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    // A varint is at most 10 bytes of 7 bits; the tenth may only carry the 64th bit.
    for (let i = 0; i < 10; i++) {
      if (at >= bytes.length) throw corrupt('a number is cut short');
      const byte = bytes[at++]!;
      if (i === 9 && byte > 1) throw corrupt('a number is longer than 64 bits');
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw corrupt('a number is longer than 64 bits');
  };
  const take = (length: number): Uint8Array => {
    if (length > bytes.length - at) throw corrupt('a field runs past the end');
    const out = bytes.subarray(at, at + length);
    at += length;
    return out;
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (field < 1 || field > 0x1fffffff) throw corrupt(`field number ${field} is out of range`);
    if (wire === WIRE_VARINT) fields.push({ field, wire, value: varint() });
    else if (wire === WIRE_LEN) {
      const length = varint();
      if (length > BigInt(bytes.length)) throw corrupt('a field runs past the end');
      fields.push({ field, wire, value: take(Number(length)) });
    } else if (wire === WIRE_I64) fields.push({ field, wire, value: take(8) });
    else if (wire === WIRE_I32) fields.push({ field, wire, value: take(4) });
    else throw corrupt(`wire type ${wire} is not supported`);
  }
  return fields;
}

/** int32 and enum fields are varints whose low 32 bits count, read as signed (protobuf rules). */
export function int32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** int64 fields: the 64 bits read as signed. */
export function int64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

export function varintField(field: number, value: number | bigint): Uint8Array {
  return concat([varint((BigInt(field) << 3n) | BigInt(WIRE_VARINT)), varint(BigInt.asUintN(64, BigInt(value)))]);
}

export function bytesField(field: number, data: Uint8Array): Uint8Array {
  return concat([varint((BigInt(field) << 3n) | BigInt(WIRE_LEN)), varint(BigInt(data.length)), data]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function varint(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

function corrupt(why: string): OtpError {
  return new OtpError('migration-bad-data', `the export data is damaged: ${why}`);
}
