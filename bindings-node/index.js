// The `lotwise` package: the `Lotwise` class over the native engine. Its
// methods come from the generated operation table (operations.js), its
// error classes from errors.js; this file only loads the addon, turns a
// native `Failure` into the error class of its code, and offers the async
// forms. See README.md for names, types and which calls are sync.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const errors = require('./errors.js');
const { errorClass, fromDetail } = require('./error_base.js');
const { OPERATIONS } = require('./operations.js');

/** The addon built for this machine (`lotwise.<platform>.node`). */
function loadNative() {
  const found = fs.readdirSync(__dirname).filter((f) => /^lotwise\..+\.node$/.test(f));
  const own = found.find((f) => f.includes(`${process.platform}-${process.arch}`)) ?? found[0];
  if (!own) {
    throw new Error(`lotwise: no native addon in ${__dirname}; run \`npm install\` there to build it`);
  }
  return require(path.join(__dirname, own));
}

const native = loadNative();
const { Failure } = native;

function clockText(options) {
  const clock = options?.clock ?? null;
  return clock instanceof Date ? clock.toISOString() : clock;
}

/**
 * `args` as JSON text for the addon. V8's JSON is the fastest way across
 * for small records (see bench/overhead.js). A `Date` becomes its ISO
 * text; `undefined` keys are left out. A number that JSON cannot hold
 * (NaN, Infinity) or a BigInt is refused here, as JSON would silently turn
 * the first into `null`.
 */
function argsText(name, args) {
  try {
    if (args === null || args === undefined) return '{}';
    const text = JSON.stringify(args);
    // JSON writes NaN and Infinity as null: only then look for them.
    if (text.includes('null')) JSON.stringify(args, finiteOnly);
    return text;
  } catch (e) {
    throw fromDetail({
      code: 'invalid_input',
      field: 'args',
      value: name,
      reason: `not plain JSON data: ${e.message}`,
      message: `invalid args of ${name}: not plain JSON data (${e.message})`,
    });
  }
}

function finiteOnly(key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`\`${key}\` is ${value}, which JSON cannot hold`);
  }
  return value;
}

/** The value of a native answer (JSON text), or its error thrown. */
function settle(answer) {
  if (typeof answer === 'string') return JSON.parse(answer);
  throw fromDetail(answer.detail);
}

/** The engine of `open`, or its error thrown. */
function opened(answer) {
  if (answer instanceof Failure) throw fromDetail(answer.detail);
  return answer;
}

class Lotwise {
  #engine;

  /** Use `Lotwise.open`. */
  constructor(engine) {
    if (!(engine instanceof native.Engine)) {
      throw new TypeError('use Lotwise.open() or Lotwise.openAsync()');
    }
    this.#engine = engine;
  }

  static open(url = ':memory:', options = {}) {
    return new Lotwise(opened(native.Engine.open(url, clockText(options))));
  }

  static async openAsync(url = ':memory:', options = {}) {
    return new Lotwise(opened(await native.Engine.openAsync(url, clockText(options))));
  }

  execute(name, args = null) {
    return settle(this.#engine.execute(name, argsText(name, args)));
  }

  async executeAsync(name, args = null) {
    return settle(await this.#engine.executeAsync(name, argsText(name, args)));
  }

  executeJson(command) {
    return this.#engine.executeJson(command);
  }

  close() {
    this.#engine.close();
  }

  get closed() {
    return this.#engine.closed;
  }

  /** For bench/overhead.js: µs per call of the same operation in Rust alone. */
  _benchRust(name, args, n) {
    const us = this.#engine._benchRust(name, argsText(name, args), n);
    if (typeof us === 'number') return us;
    throw fromDetail(us.detail);
  }

  /** For the binding's own tests: a panic in native code. */
  _panicForTests(message) {
    return settle(this.#engine._panicForTests(message));
  }
}

// One method and one async twin per operation of the core's table.
for (const op of OPERATIONS) {
  const name = op.name;
  Object.defineProperty(Lotwise.prototype, op.method, {
    value: op.takesArgs
      ? function (args) { return this.execute(name, args); }
      : function () { return this.execute(name, null); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Lotwise.prototype, `${op.method}Async`, {
    value: op.takesArgs
      ? function (args) { return this.executeAsync(name, args); }
      : function () { return this.executeAsync(name, null); },
    writable: true,
    configurable: true,
  });
}

module.exports = { Lotwise, OPERATIONS, errorClass, ...errors };
