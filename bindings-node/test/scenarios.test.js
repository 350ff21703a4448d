// Every golden scenario replays through Node with the same results as Rust.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { replay, scenarioFiles, match, sameDecimal } = require('./scenario_runner.js');

test('scenarios/v1 holds scenarios', () => {
  assert.ok(scenarioFiles().length >= 12);
});

for (const file of scenarioFiles()) {
  test(`scenario ${file.split('/').pop()}`, () => {
    const { steps, failures } = replay(file);
    assert.ok(steps > 0);
    assert.deepEqual(failures, []);
  });
}

test('the matcher follows the README', () => {
  assert.ok(sameDecimal('24', '24.000'));
  assert.ok(sameDecimal('2.5 kg', '2.50 kg'));
  assert.ok(!sameDecimal('5 kg', '5000 g'));
  assert.ok(!sameDecimal('1e3', '1000'));
  assert.equal(match({ a: 1 }, { a: 1, b: 2 }), null);
  assert.notEqual(match([1], [1, 2]), null);
  assert.equal(match({ $contains: [1, 3] }, [1, 2, 3]), null);
  assert.notEqual(match({ $contains: [3, 1] }, [1, 2, 3]), null);
  assert.notEqual(match(true, 1), null);
  assert.notEqual(match('4', '5'), null);
});
