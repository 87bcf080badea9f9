/**
 * Decodes a Kubernetes protobuf body (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf:
 * the 4-byte magic "k8s\0", then a runtime.Unknown whose typeMeta names the kind and whose raw
 * bytes are the object) into the JSON object the request path works on.
 */
import { FLATTEN, KIND_MESSAGES, MESSAGES, type FieldDef } from "./schema";
import { asBool, asBytes, asInt, asString, ProtobufError, readFields, type WireValue } from "./wire";

export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isZero(v: JsonValue): boolean {
  if (v === "" || v === 0 || v === false || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v).length === 0;
}

function scalar(def: FieldDef, type: "string" | "bytes" | "int" | "bool" | "time" | "intstr" | "quantity", v: WireValue): JsonValue {
  switch (type) {
    case "intstr": {
      // IntOrString: type 0 = intVal, 1 = strVal
      let kind = 0;
      let intVal = 0;
      let strVal = "";
      for (const f of readFields(asBytes(v))) {
        if (f.field === 1) kind = asInt(f.v);
        else if (f.field === 2) intVal = asInt(f.v);
        else if (f.field === 3) strVal = asString(f.v);
      }
      return kind === 1 ? strVal : intVal;
    }
    case "quantity": {
      let q = "";
      for (const f of readFields(asBytes(v))) if (f.field === 1) q = asString(f.v);
      return q;
    }
    case "string":
      return asString(v);
    case "bytes":
      return Buffer.from(asBytes(v)).toString("base64");
    case "int":
      return asInt(v);
    case "bool":
      return asBool(v);
    case "time": {
      const t = decodeMessage("__Time", asBytes(v));
      const secs = typeof t.seconds === "number" ? t.seconds : 0;
      // metav1.Time's zero value marshals as null; encoded as an empty message
      return secs === 0 ? null : rfc3339(secs);
    }
  }
}

function value(def: FieldDef, v: WireValue): JsonValue {
  const t = def.type;
  if (typeof t === "string") return scalar(def, t, v);
  if ("msg" in t) {
    const o = decodeMessage(t.msg, asBytes(v));
    return FLATTEN.has(t.msg) ? (o.items ?? []) : o;
  }
  // map entry: key = 1, value = 2
  let key = "";
  let val: JsonValue = typeof t.map === "string" ? "" : [];
  for (const f of readFields(asBytes(v))) {
    if (f.field === 1) key = asString(f.v);
    else if (f.field === 2) val = value({ name: "value", type: typeof t.map === "string" ? t.map : t.map }, f.v);
  }
  return { [key]: val };
}

const TIME: Record<number, FieldDef> = { 1: { name: "seconds", type: "int" }, 2: { name: "nanos", type: "int" } };

export function decodeMessage(name: string, bytes: Uint8Array): { [k: string]: JsonValue } {
  const defs = name === "__Time" ? TIME : MESSAGES[name];
  if (!defs) throw new ProtobufError(`no message ${name}`);
  const out: { [k: string]: JsonValue } = {};
  for (const f of readFields(bytes)) {
    const def = defs[f.field];
    if (!def) continue;
    const v = value(def, f.v);
    const t = def.type;
    // a map arrives as one entry message per key
    if (def.inline && v && typeof v === "object" && !Array.isArray(v)) Object.assign(out, v);
    else if (typeof t === "object" && "map" in t) out[def.name] = Object.assign({}, out[def.name], v);
    else if (def.repeated) out[def.name] = [...((out[def.name] as JsonValue[] | undefined) ?? []), v];
    else out[def.name] = v;
  }
  for (const [num, def] of Object.entries(defs)) {
    const k = def.name;
    if (!(k in out)) continue;
    if (!defs[Number(num)].pointer && isZero(out[k])) delete out[k];
  }
  return out;
}

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === PROTOBUF_CONTENT_TYPE;
}

/** The object of a protobuf request body, with its apiVersion and kind; an Error says why not. */
export function decodeProtobufObject(body: Uint8Array): { [k: string]: JsonValue } | Error {
  try {
    if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b))
      return new Error("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    let apiVersion = "";
    let kind = "";
    let raw: Uint8Array = new Uint8Array();
    for (const f of readFields(body.subarray(4))) {
      if (f.field === 1) {
        for (const t of readFields(asBytes(f.v))) {
          if (t.field === 1) apiVersion = asString(t.v);
          if (t.field === 2) kind = asString(t.v);
        }
      } else if (f.field === 2) raw = asBytes(f.v);
    }
    const message = KIND_MESSAGES[`${apiVersion}/${kind}`];
    if (!message)
      return new Error(`no kind "${kind}" is registered for version "${apiVersion}" in the protobuf decoder of this practice cluster`);
    return { apiVersion, kind, ...decodeMessage(message, raw) };
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
