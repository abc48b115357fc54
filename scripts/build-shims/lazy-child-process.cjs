// Build-time stand-in for node:child_process as required by commander, which
// uses it only to run executable subcommands (kargo has none). Node compiles
// child_process and what it pulls in (net, dgram, …) on first require, a
// noticeable part of every start-up; this loads it on first use instead.
// See scripts/build.mjs.
let loaded;
const childProcess = () => {
  loaded ??= require('node:child_process');
  return loaded;
};
module.exports = new Proxy({}, { get: (_target, key) => childProcess()[key] });
