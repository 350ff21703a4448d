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

/** The value of a native answer, or its error thrown. */
function settle(answer) {
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
    return new Lotwise(settle(native.Engine.open(url, clockText(options))));
  }

  static async openAsync(url = ':memory:', options = {}) {
    return new Lotwise(settle(await native.Engine.openAsync(url, clockText(options))));
  }

  execute(name, args = null) {
    return settle(this.#engine.execute(name, args));
  }

  async executeAsync(name, args = null) {
    return settle(await this.#engine.executeAsync(name, args));
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
    return settle(this.#engine._benchRust(name, args, n));
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
