// The base of every lotwise error and the table from code to class. The
// classes themselves are generated (errors.js), one per code.
'use strict';

const byCode = new Map();

/**
 * Every error lotwise throws: `code`, `category`, `message`, and the
 * error's fields both as properties (`err.sku`) and together in `fields`.
 */
class LotwiseError extends Error {
  constructor(detail) {
    super(detail.message);
    const { code, message: _message, ...fields } = detail;
    this.code = code;
    this.fields = Object.freeze(fields);
    Object.assign(this, fields);
  }

  /** The family of the error's code. */
  get category() {
    return this.constructor.category ?? 'internal';
  }

  /** Whether the same call may succeed if simply retried. */
  get retryable() {
    return this.category === 'retryable';
  }
}
LotwiseError.prototype.name = 'LotwiseError';

/** Records `cls` as the class of `code`. */
function register(cls, code, category) {
  cls.code = code;
  cls.category = category;
  cls.prototype.name = cls.name;
  byCode.set(code, cls);
}

/** The class of `code`; `LotwiseError` for a code this version lacks. */
function errorClass(code) {
  return byCode.get(code) ?? LotwiseError;
}

/** The error of a `{code, message, ...fields}` detail. */
function fromDetail(detail) {
  const cls = errorClass(detail.code);
  return new cls(detail);
}

module.exports = { LotwiseError, register, errorClass, fromDetail };
