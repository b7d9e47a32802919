/** JSON → `google.protobuf.Value`, the type of `Object.json` and `Event.json`. */
import type { GrpcTypes } from '@mysten/sui/grpc';
import type { Json } from '../../core/move/move-json.js';

/** `google.protobuf.Value` as the SDK's generated types spell it. */
export type ProtoValue = NonNullable<GrpcTypes.Object['json']>;

/** Converts a JSON value to a protobuf `Value` (numbers stay numbers; Sui renders u64+ as strings before). */
export function jsonToProtoValue(json: Json): ProtoValue {
  if (json === null) return { kind: { oneofKind: 'nullValue', nullValue: 0 } };
  if (typeof json === 'boolean') return { kind: { oneofKind: 'boolValue', boolValue: json } };
  if (typeof json === 'number') return { kind: { oneofKind: 'numberValue', numberValue: json } };
  if (typeof json === 'string') return { kind: { oneofKind: 'stringValue', stringValue: json } };
  if (Array.isArray(json)) {
    return { kind: { oneofKind: 'listValue', listValue: { values: json.map(jsonToProtoValue) } } };
  }
  const fields: Record<string, ProtoValue> = {};
  for (const [key, value] of Object.entries(json)) fields[key] = jsonToProtoValue(value);
  return { kind: { oneofKind: 'structValue', structValue: { fields } } };
}
