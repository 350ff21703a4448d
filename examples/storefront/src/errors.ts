// How a lotwise error answers over HTTP: by its category, so a new error
// code needs no line here. A bad signature is 401 (Shopify then retries
// with the right one, or the sender was not Shopify).
import { LotwiseError, InvalidSignatureError } from 'lotwise';

const STATUS_BY_CATEGORY: Record<string, number> = {
  invalid: 400,
  not_found: 404,
  refused: 409,
  retryable: 503,
  storage: 500,
  internal: 500,
};

export function httpStatus(e: LotwiseError): number {
  if (e instanceof InvalidSignatureError) return 401;
  return STATUS_BY_CATEGORY[e.category] ?? 500;
}

/** The body of an error answer: the error's code, message and fields. */
export function errorBody(e: LotwiseError): { error: { code: string; message: string; [field: string]: unknown } } {
  return { error: { ...e.fields, code: e.code, message: e.message } };
}
