// Replays the golden scenarios (scenarios/README.md) through the Node API: a
// loop over `Lotwise.execute` with no code per operation. A result is the
// plain JS value the facade answers; an error is the thrown subclass's
// `code`, `message` and fields, so a match proves the Node values and error
// objects carry what Rust returns.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const lotwise = require('..');

const SCENARIOS = path.join(__dirname, '..', '..', 'scenarios', 'v1');
const OPERATION_NAMES = new Set(lotwise.OPERATIONS.map((op) => op.name));
const SCENARIO_KEYS = ['clock', 'description', 'name', 'steps'];
const STEP_KEYS = new Set(['do', 'args', 'expect', 'note']);

class BrokenScenario extends Error {}

/** One step: `{ok: true, value}` or `{ok: false, value: errorJson}`. */
function runStep(lw, action, args) {
  if (!OPERATION_NAMES.has(action)) throw new BrokenScenario(`unknown step kind \`${action}\``);
  try {
    return { ok: true, value: lw.execute(action, args) };
  } catch (e) {
    if (!(e instanceof lotwise.LotwiseError)) throw e;
    if (e.code === 'invalid_input' && (e.field === 'args' || e.field.startsWith('args.'))) {
      throw new BrokenScenario(`bad args ${JSON.stringify(args)}: ${e.message}`);
    }
    // Every error is its generated class, with the fields as properties.
    if (!(e instanceof lotwise.errorClass(e.code)) || e.constructor === lotwise.LotwiseError) {
      throw new Error(`error ${e.code} is not its own class: ${e.constructor.name}`);
    }
    return { ok: false, value: { ...e.fields, code: e.code, message: e.message } };
  }
}

// --- the README's matching rules ---------------------------------------------

const PLAIN = /^-?[0-9]*\.?[0-9]*$/;

function splitDecimal(text) {
  const at = text.indexOf(' ');
  const num = at < 0 ? text : text.slice(0, at);
  const suffix = at < 0 ? '' : text.slice(at + 1);
  if (!num || !PLAIN.test(num) || !/[0-9]/.test(num) || !/^[A-Za-z]*$/.test(suffix)) return null;
  return { num, suffix };
}

/** Two plain decimals compared exactly, as strings of digits. */
function sameNumber(a, b) {
  const norm = (s) => {
    let neg = s.startsWith('-');
    let body = neg ? s.slice(1) : s;
    let [int, frac = ''] = body.split('.');
    int = int.replace(/^0+/, '');
    frac = frac.replace(/0+$/, '');
    if (!int && !frac) neg = false;
    return `${neg ? '-' : ''}${int}.${frac}`;
  };
  return norm(a) === norm(b);
}

function sameDecimal(a, b) {
  const x = splitDecimal(a);
  const y = splitDecimal(b);
  return x !== null && y !== null && x.suffix === y.suffix && sameNumber(x.num, y.num);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `null` when `got` matches `want`, else the first mismatch. */
function match(want, got, at = '$') {
  if (isObject(want) && Object.keys(want).length === 1 && '$contains' in want) {
    if (!Array.isArray(got)) return `at ${at}: expected an array for $contains, got ${JSON.stringify(got)}`;
    let start = 0;
    for (const [k, item] of want.$contains.entries()) {
      let found = -1;
      for (let i = start; i < got.length; i++) {
        if (match(item, got[i], at) === null) {
          found = i;
          break;
        }
      }
      if (found < 0) return `at ${at}: $contains item ${k} ${JSON.stringify(item)} not found in order`;
      start = found + 1;
    }
    return null;
  }
  if (isObject(want)) {
    if (!isObject(got)) return `at ${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    for (const [key, value] of Object.entries(want)) {
      if (!(key in got)) return `at ${at}: missing key \`${key}\``;
      const why = match(value, got[key], `${at}.${key}`);
      if (why) return why;
    }
    return null;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      return `at ${at}: expected ${want.length} elements, got ${Array.isArray(got) ? got.length : 'no'}`;
    }
    for (let k = 0; k < want.length; k++) {
      const why = match(want[k], got[k], `${at}[${k}]`);
      if (why) return why;
    }
    return null;
  }
  if (typeof want === 'string' && typeof got === 'string' && (want === got || sameDecimal(want, got))) {
    return null;
  }
  if (typeof want === typeof got && want === got) return null;
  return `at ${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

function check(expect, outcome) {
  if (expect === undefined) return outcome.ok ? null : `expected success, got ${JSON.stringify(outcome.value)}`;
  const keys = Object.keys(expect);
  if (keys.length === 1 && keys[0] === 'ok') {
    return outcome.ok ? match(expect.ok, outcome.value) : `expected success, got ${JSON.stringify(outcome.value)}`;
  }
  if (keys.length === 1 && keys[0] === 'error') {
    return outcome.ok ? 'expected an error, got success' : match(expect.error, outcome.value);
  }
  throw new BrokenScenario(`expect must be {ok} or {error}, got ${keys}`);
}

/** Replays one file: `{name, steps, failures}`. A broken file throws. */
function replay(file) {
  const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  const keys = Object.keys(scenario).sort();
  if (keys.join() !== SCENARIO_KEYS.join()) {
    throw new BrokenScenario(`${path.basename(file)}: keys must be ${SCENARIO_KEYS}, got ${keys}`);
  }
  if (!scenario.description.trim() || scenario.steps.length === 0) {
    throw new BrokenScenario(`${path.basename(file)}: a scenario needs a description and steps`);
  }
  const lw = lotwise.Lotwise.open(':memory:', { clock: scenario.clock });
  const failures = [];
  scenario.steps.forEach((step, i) => {
    for (const key of Object.keys(step)) {
      if (!STEP_KEYS.has(key)) throw new BrokenScenario(`step ${i + 1}: unknown key \`${key}\``);
    }
    const outcome = runStep(lw, step.do, step.args ?? {});
    const why = check(step.expect, outcome);
    if (why) {
      failures.push(`${scenario.name} step ${i + 1} (${step.do}): ${why}\n  actual: ${JSON.stringify(outcome.value)}`);
    }
    const broken = lw.checkInvariants();
    if (broken.length > 0) failures.push(`${scenario.name} step ${i + 1} (${step.do}): invariants: ${broken}`);
  });
  lw.close();
  return { name: scenario.name, steps: scenario.steps.length, failures };
}

function scenarioFiles() {
  return fs
    .readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(SCENARIOS, f));
}

module.exports = { replay, scenarioFiles, match, sameDecimal, BrokenScenario };
