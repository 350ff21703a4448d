#!/usr/bin/env bash
# Builds the Node binding from source and runs its checks: node --test
# (scenario replay, the bad-input table, values and errors), tsc --strict
# over the declarations, a typed test file and the storefront example, the
# storefront's own tests over loopback, and `npm pack` installed into a fresh
# project. Idempotent: npm reuses node_modules and cargo its build cache.
#
#   scripts/node.sh                       build (dev profile) and test
#   LOTWISE_NODE_RELEASE=1 scripts/node.sh   build with --release (for measurements)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

stage() { printf '\n==> node: %s\n' "$*"; }

# Same workspace target dir as cargo, so the core compiles once for all.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

stage "npm install in bindings-node (installs the pinned tools, builds the addon from source)"
(cd bindings-node && npm install)
node -e "const l = require('./bindings-node'); console.log('lotwise for Node', l.Lotwise.open().backend(), 'on', process.version)"

stage "node --test (scenarios, bad input, values and errors)"
(cd bindings-node && node --test test/)

stage "tsc --noEmit --strict (index.d.ts and test/typed.ts)"
(cd bindings-node && node_modules/.bin/tsc -p tsconfig.json)

stage "storefront: npm install, tsc --strict, node --test over loopback"
(cd examples/storefront && npm install && node_modules/.bin/tsc -p tsconfig.json && node --test dist/test/)

stage "npm pack, installed into a fresh project"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd bindings-node && npm pack --silent --pack-destination "$work" >/dev/null)
mkdir "$work/app"
cat >"$work/app/check.js" <<'JS'
const { Lotwise, UnknownSkuError } = require('lotwise');
const lw = Lotwise.open(':memory:');
lw.defineItem({ sku: 'WAX', name: 'Soy wax', kind: 'material', uom: 'kg' });
lw.receive({ sku: 'WAX', qty: '2.5 kg' });
if (lw.stock({ sku: 'WAX' }).available !== '2500') throw new Error('wrong stock');
let refused = false;
try { lw.stock({ sku: 'NOPE' }); } catch (e) { refused = e instanceof UnknownSkuError && e.sku === 'NOPE'; }
if (!refused) throw new Error('no UnknownSkuError');
lw.close();
console.log('packed lotwise works');
JS
(cd "$work/app" && npm init -y >/dev/null && npm install --no-save "$work"/lotwise-*.tgz >/dev/null && node check.js)
