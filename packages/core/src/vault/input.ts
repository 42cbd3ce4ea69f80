import * as v from 'valibot';
import { checkOtp } from '../otp/types.ts';
import { RecordError, STRING_FIELDS, STRING_SCHEMAS, describeIssue, tagsSchema, type RecordInput } from './record.ts';

// Checks what a user or an importer hands to createRecord/updateRecord against the same bounds
// the decoder enforces, and tidies tags, before anything is stamped.
export function checkRecordInput(input: RecordInput): RecordInput {
  if (typeof input !== 'object' || input === null) {
    throw new RecordError('record-invalid', 'Record input must be an object');
  }
  const out: RecordInput = {};
  for (const name of STRING_FIELDS) {
    if (name === 'issuer' || name === 'account') continue;
    if (input[name] !== undefined) out[name] = checkValue(STRING_SCHEMAS[name], input[name], name);
  }
  if (input.tags !== undefined) out.tags = checkValue(tagsSchema, normaliseTags(input.tags), 'tags');
  if (input.favourite !== undefined) out.favourite = checkValue(v.boolean(), input.favourite, 'favourite');
  if (input.otp !== undefined) {
    if (input.otp === null) {
      out.otp = null;
    } else {
      const otp = checkOtp(input.otp);
      checkValue(STRING_SCHEMAS.issuer, otp.issuer, 'otp.issuer');
      checkValue(STRING_SCHEMAS.account, otp.account, 'otp.account');
      out.otp = otp;
    }
  }
  return out;
}

// Tags are labels: surrounding spaces, empty tags and repeats carry no meaning.
function normaliseTags(tags: unknown): unknown {
  if (!Array.isArray(tags)) return tags;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') return tags;
    const trimmed = tag.trim();
    if (trimmed !== '') seen.add(trimmed);
  }
  return [...seen];
}

function checkValue<T extends v.GenericSchema>(schema: T, value: unknown, name: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true, message: describeIssue });
  if (!result.success) {
    throw new RecordError('record-invalid', `Record ${name} ${result.issues[0].message}`);
  }
  return result.output;
}
