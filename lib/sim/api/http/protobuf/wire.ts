/**
 * The protobuf wire format (varints, length-delimited fields), enough to read the messages
 * kubectl's typed clients send. Decoding only: the server always answers in JSON, which every
 * client accepts (they send `Accept: application/vnd.kubernetes.protobuf,application/json`).
 */

export type WireValue =
  { wire: 0; value: bigint } | { wire: 1; bytes: Uint8Array } | { wire: 2; bytes: Uint8Array } | { wire: 5; bytes: Uint8Array };

export interface WireField {
  field: number;
  v: WireValue;
}

export class ProtobufError extends Error {}

function varint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError("unexpected EOF");
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7n;
  }
  throw new ProtobufError("varint overflow");
}

/** The fields of one message, in the order they appear. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    pos = p1;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtobufError("illegal tag 0");
    switch (wire) {
      case 0: {
        const [value, p2] = varint(buf, pos);
        pos = p2;
        out.push({ field, v: { wire: 0, value } });
        break;
      }
      case 1:
        if (pos + 8 > buf.length) throw new ProtobufError("unexpected EOF");
        out.push({ field, v: { wire: 1, bytes: buf.subarray(pos, pos + 8) } });
        pos += 8;
        break;
      case 2: {
        const [len, p2] = varint(buf, pos);
        const end = p2 + Number(len);
        if (end > buf.length) throw new ProtobufError("unexpected EOF");
        out.push({ field, v: { wire: 2, bytes: buf.subarray(p2, end) } });
        pos = end;
        break;
      }
      case 5:
        if (pos + 4 > buf.length) throw new ProtobufError("unexpected EOF");
        out.push({ field, v: { wire: 5, bytes: buf.subarray(pos, pos + 4) } });
        pos += 4;
        break;
      default:
        throw new ProtobufError(`illegal wireType ${wire} for field ${field}`);
    }
  }
  return out;
}

export function asString(v: WireValue): string {
  if (v.wire !== 2) throw new ProtobufError("expected a length-delimited field");
  return Buffer.from(v.bytes).toString("utf8");
}

export function asBytes(v: WireValue): Uint8Array {
  if (v.wire !== 2) throw new ProtobufError("expected a length-delimited field");
  return v.bytes;
}

export function asInt(v: WireValue): number {
  if (v.wire !== 0) throw new ProtobufError("expected a varint field");
  return Number(BigInt.asIntN(64, v.value));
}

export function asBool(v: WireValue): boolean {
  if (v.wire !== 0) throw new ProtobufError("expected a varint field");
  return v.value !== 0n;
}
