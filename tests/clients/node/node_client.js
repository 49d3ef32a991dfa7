#!/usr/bin/env node
// A node-zookeeper-client session against host:port that prints normalised results, one line per step,
// so that two servers' outputs can be diffed (see compare.sh). Times and session ids are left out;
// zxids are renumbered by first appearance (zx1, zx2, ...) unless ZK_COMPARE_ZXIDS=absolute, or
// ZK_COMPARE_ZXIDS=counter (their low 32 bits: an ensemble's epoch is left out).
//   node node_client.js host:port
'use strict';

const zookeeper = require('node-zookeeper-client');
const { CreateMode, ACL, Id, Permission } = zookeeper;

const server = process.argv[2];
if (!server) {
  console.error('usage: node node_client.js host:port');
  process.exit(2);
}
const zxidMode = process.env.ZK_COMPARE_ZXIDS;
const B = '/node-client-session';
const zxids = new Map();
const sessions = new Map();
const events = [];

function zxid(buf) {
  const hex = buf.toString('hex').replace(/^0+(?=.)/, '');
  if (zxidMode === 'absolute') return '0x' + hex;
  if (zxidMode === 'counter') return '0x' + buf.subarray(buf.length - 4).toString('hex').replace(/^0+(?=.)/, '');
  if (!zxids.has(hex)) zxids.set(hex, 'zx' + (zxids.size + 1));
  return zxids.get(hex);
}

function owner(buf) {
  const hex = buf.toString('hex');
  if (/^0+$/.test(hex)) return '0';
  if (!sessions.has(hex)) sessions.set(hex, 'session' + (sessions.size + 1));
  return sessions.get(hex);
}

function stat(s) {
  return `czxid=${zxid(s.czxid)} mzxid=${zxid(s.mzxid)} pzxid=${zxid(s.pzxid)} version=${s.version} ` +
    `cversion=${s.cversion} aversion=${s.aversion} ephemeralOwner=${owner(s.ephemeralOwner)} ` +
    `dataLength=${s.dataLength} numChildren=${s.numChildren}`;
}

function describe(value) {
  if (value === undefined || value === null) return String(value);
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('latin1'));
  if (Array.isArray(value)) return '[' + value.map(describe).join(', ') + ']';
  if (value.czxid) return stat(value);
  if (value.id && value.permission !== undefined) return `${value.permission}:${value.id.scheme}:${value.id.id}`;
  if (typeof value === 'object' && 'type' in value) { // transaction result
    const r = Object.assign({}, value);
    delete r.type;
    return `{type=${value.type}${Object.keys(r).map((k) => ` ${k}=${describe(r[k])}`).join('')}}`;
  }
  return String(value);
}

// Runs one client call and prints `name -> result` or `name -> ERROR code name`.
function step(name, fn) {
  return new Promise((resolve) => {
    fn((error, ...results) => {
      if (error) {
        console.log(`${name} -> ERROR ${error.getCode ? error.getCode() + ' ' + error.getName() : error}`);
      } else {
        const shown = results.map((r, i) => (name.startsWith('getChildren') && i === 0 ? [...r].sort() : r));
        console.log(`${name} -> ${shown.map(describe).join(' ')}`);
      }
      resolve();
    });
  });
}

function watcher(tag) {
  return (event) => {
    events.push(`${tag}: ${event.getName()} ${event.getPath()}`);
    console.log(`event ${tag}: ${event.getName()} ${event.getPath()}`);
  };
}

function connect() {
  return new Promise((resolve, reject) => {
    const client = zookeeper.createClient(server, { sessionTimeout: 30000, retries: 0 });
    const timer = setTimeout(() => reject(new Error(`no session with ${server} within 15 s`)), 15000);
    client.once('connected', () => { clearTimeout(timer); resolve(client); });
    client.connect();
  });
}

function closeClient(client) {
  return new Promise((resolve) => {
    client.once('disconnected', resolve);
    client.close();
  });
}

async function removeTree(client, path) {
  await new Promise((resolve) => client.removeRecursive(path, -1, () => resolve()));
}

async function main() {
  const zk = await connect();
  await removeTree(zk, B);
  const open = ACL.OPEN_ACL_UNSAFE;

  await step('create base', (cb) => zk.create(B, Buffer.from('base'), cb));
  await step('create again', (cb) => zk.create(B, Buffer.from('x'), cb));
  await step('create child', (cb) => zk.create(`${B}/a`, Buffer.from('alpha'), open, CreateMode.PERSISTENT, cb));
  await step('create sequential', (cb) => zk.create(`${B}/s-`, null, open, CreateMode.PERSISTENT_SEQUENTIAL, cb));
  await step('create sequential', (cb) => zk.create(`${B}/s-`, null, open, CreateMode.PERSISTENT_SEQUENTIAL, cb));
  await step('create without parent', (cb) => zk.create(`${B}/no/such`, null, cb));
  await step('exists child', (cb) => zk.exists(`${B}/a`, cb));
  await step('exists missing', (cb) => zk.exists(`${B}/zz`, cb));
  await step('getData', (cb) => zk.getData(`${B}/a`, cb));
  await step('getData missing', (cb) => zk.getData(`${B}/zz`, cb));
  await step('setData', (cb) => zk.setData(`${B}/a`, Buffer.from('beta'), 0, cb));
  await step('setData bad version', (cb) => zk.setData(`${B}/a`, Buffer.from('gamma'), 0, cb));
  await step('getChildren', (cb) => zk.getChildren(B, cb));
  await step('getACL', (cb) => zk.getACL(`${B}/a`, cb));
  await step('setACL', (cb) => zk.setACL(`${B}/a`,
    [new ACL(Permission.READ | Permission.WRITE | Permission.ADMIN | Permission.DELETE, new Id('world', 'anyone'))], -1, cb));
  await step('create under no-CREATE ACL', (cb) => zk.create(`${B}/a/kid`, null, cb));
  await step('getACL', (cb) => zk.getACL(`${B}/a`, cb));

  // Watches triggered by this session's own writes: the event comes before the write's reply.
  await step('getData with watch', (cb) => zk.getData(`${B}/a`, watcher('data a'), cb));
  await step('exists with watch', (cb) => zk.exists(`${B}/w`, watcher('exists w'), cb));
  await step('getChildren with watch', (cb) => zk.getChildren(B, watcher('children base'), cb));
  await step('setData fires data watch', (cb) => zk.setData(`${B}/a`, Buffer.from('delta'), -1, cb));
  await step('create fires exists and child watches', (cb) => zk.create(`${B}/w`, null, cb));
  await step('getData with watch', (cb) => zk.getData(`${B}/w`, watcher('data w'), cb));
  await step('remove fires data watch', (cb) => zk.remove(`${B}/w`, -1, cb));

  // Ephemerals go with their session.
  const other = await connect();
  await step('create ephemeral', (cb) => other.create(`${B}/e`, null, open, CreateMode.EPHEMERAL, cb));
  await step('create ephemeral sequential', (cb) => other.create(`${B}/es-`, null, open, CreateMode.EPHEMERAL_SEQUENTIAL, cb));
  await step('exists ephemeral', (cb) => zk.exists(`${B}/e`, cb));
  await step('child of ephemeral', (cb) => other.create(`${B}/e/kid`, null, cb));
  await closeClient(other);
  await step('exists ephemeral after close', (cb) => zk.exists(`${B}/e`, cb));

  await step('transaction ok', (cb) => zk.transaction()
    .create(`${B}/t1`, Buffer.from('1'))
    .create(`${B}/t2`, null, open, CreateMode.PERSISTENT_SEQUENTIAL)
    .setData(`${B}/t1`, Buffer.from('2'), 0)
    .check(`${B}/t1`, 1)
    .remove(`${B}/t1`, 1)
    .commit(cb));
  await step('transaction failing', (cb) => zk.transaction()
    .create(`${B}/t3`)
    .check(`${B}/a`, 99)
    .setData(`${B}/a`, Buffer.from('never'))
    .commit(cb));
  await step('exists t3 after failed transaction', (cb) => zk.exists(`${B}/t3`, cb));
  await step('remove not empty', (cb) => zk.remove(B, -1, cb));
  await step('remove bad version', (cb) => zk.remove(`${B}/a`, 7, cb));
  await step('remove', (cb) => zk.remove(`${B}/a`, 2, cb));
  await step('remove missing', (cb) => zk.remove(`${B}/a`, -1, cb));
  await step('getChildren', (cb) => zk.getChildren(B, cb));

  zk.addAuthInfo('digest', Buffer.from('user:pass'));
  await step('create with auth ACL', (cb) => zk.create(`${B}/secret`, Buffer.from('s'), ACL.CREATOR_ALL_ACL, cb));
  await step('getACL of auth node', (cb) => zk.getACL(`${B}/secret`, cb));
  const anon = await connect();
  await step('anonymous getData on auth node', (cb) => anon.getData(`${B}/secret`, cb));
  await closeClient(anon);
  await step('getData with auth', (cb) => zk.getData(`${B}/secret`, cb));

  await removeTree(zk, B);
  await step('exists base after cleanup', (cb) => zk.exists(B, cb));
  await closeClient(zk);
  console.log(`events in order: ${events.join(' | ')}`);
}

const deadline = setTimeout(() => { console.error(`node_client: timed out against ${server}`); process.exit(1); }, 60000);
main().then(() => { clearTimeout(deadline); }).catch((e) => {
  console.error(`node_client: ${e.stack || e}`);
  process.exit(1);
});
