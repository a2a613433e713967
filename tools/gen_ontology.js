#!/usr/bin/env node
// gen_ontology.js: builds casus's event ontology table, gen/ontology.tsv:
// for every CAMEO code its GDELT label, Goldstein value and quad class, its
// PLOVER event type, mode and context, and its ACLED event type and
// sub-event type.  See docs/export.md ("The ontology") for the decisions.
//
// Usage: node gen_ontology.js <reference-dir> <data-dir> <out-file>
//   <reference-dir>  shared/reference (cameo/, plover/)
//   <data-dir>       casus data/ (plover_fixes.txt, cameo_acled.txt)
//   <out-file>       the .tsv to write
//
// CAMEO: the codes are rebuilt from GDELT's own lookup tables
// (CAMEO.eventcodes.txt + CAMEO.goldsteinscale.txt), repairing their known
// defects -- CRLF line ends, trailing spaces, code 106 glued to the end of
// the 1056 line ("...engagement106:[-5.0] Demand withdrawal"), and the
// mojibake label of 044 -- and the result must equal the derived
// cameo_eventcodes_goldstein.tsv row for row (311 codes) or the build
// fails.  casus emits GDELT's labels (not the CAMEO 1.1b3 manual's, which
// differ for 101-108 and 0863), because GDELT output is what users compare.
//
// PLOVER: CAMEO2PLOVER-2021.txt, checked against the manual's lists of
// types, modes and contexts (plover-ontology.json); data/plover_fixes.txt
// replaces the entries that fail.  Anything still unknown fails the build.
//
// ACLED: data/cameo_acled.txt (a line for a shorter code covers the longer
// codes below it), checked against ACLED's 25 type/sub-type pairs.
//
// Output is deterministic (rows in table order); "-" stands for null.
'use strict';

const fs = require('fs');
const path = require('path');

function die(msg) {
  process.stderr.write('gen_ontology: ' + msg + '\n');
  process.exit(1);
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    die('cannot read ' + file + ': ' + e.message);
  }
  return '';
}

// Lines of FILE without CR, trailing blanks, comments or empty lines.
function dataLines(file) {
  return readText(file).split('\n').map((l, i) => ({
    text: l.replace(/\r$/, ''), line: i + 1,
  })).filter((l) => l.text.trim() && !l.text.startsWith('#'));
}

// ------------------------------------------------------------------ CAMEO

const ROOT_QUAD = (root) => {
  const r = Number(root);
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
};

// Reads a GDELT CODE<TAB>VALUE lookup (header skipped), repairing the
// glued "1056 ...106:[-5.0] label" line into two records.  Returns
// [{code, value}] in file order.
function readGdeltLookup(file, glued) {
  const rows = [];
  const lines = readText(file).split('\n').slice(1);
  for (const raw of lines) {
    const l = raw.replace(/\r$/, '');
    if (!l.trim())
      continue;
    const tab = l.indexOf('\t');
    if (tab < 0)
      die(file + ': no TAB in "' + l + '"');
    const code = l.slice(0, tab).trim();
    let value = l.slice(tab + 1).trim();
    const m = /^(.*?)(\d{3,4}):\[(-?\d+(?:\.\d+)?)\]\s*(.*)$/.exec(value);
    rows.push({code, value: m ? m[1].trim() : value});
    if (m)
      glued.push({code: m[2], goldstein: m[3], name: m[4].trim()});
  }
  return rows;
}

function buildCameo(ref) {
  const glued = [];
  const names = readGdeltLookup(path.join(ref, 'cameo/CAMEO.eventcodes.txt'),
    glued);
  const gold = new Map(readGdeltLookup(
    path.join(ref, 'cameo/CAMEO.goldsteinscale.txt'), []).map(
    (r) => [r.code, r.value]));
  const codes = [];
  for (const r of names) {
    let name = r.value;
    if (r.code === '044')  // mojibake of "Meet at a 'third' location"
      name = "Meet at a 'third' location";
    codes.push({code: r.code, name, goldstein: gold.get(r.code)});
  }
  // A glued record goes right before the first code that sorts after it.
  for (const g of glued) {
    if (codes.some((c) => c.code === g.code))
      die('glued code ' + g.code + ' also has a row');
    const at = codes.findIndex((c) => c.code.length >= 3 &&
      c.code.slice(0, 3) > g.code);
    codes.splice(at < 0 ? codes.length : at, 0, g);
  }
  for (const c of codes) {
    if (c.goldstein === undefined)
      die('no Goldstein value for ' + c.code);
    c.root = c.code.slice(0, 2);
    c.quad = ROOT_QUAD(c.root);
    c.goldstein = Number(c.goldstein).toFixed(1);
  }
  return codes;
}

// Checks CODES against the derived table (same codes, order, values).
function checkDerived(ref, codes) {
  const file = path.join(ref, 'cameo/cameo_eventcodes_goldstein.tsv');
  const rows = dataLines(file).slice(1).map((l) => l.text.split('\t'));
  if (rows.length !== codes.length)
    die(file + ': ' + rows.length + ' codes, GDELT tables give ' +
      codes.length);
  rows.forEach((r, i) => {
    const c = codes[i];
    const want = [c.code, String(c.quad), c.goldstein, c.name].join('|');
    const got = [r[0], r[4], Number(r[5]).toFixed(1), r[6]].join('|');
    if (want !== got)
      die(file + ': row ' + (i + 2) + ' is ' + got + ', expected ' + want);
  });
}

// ----------------------------------------------------------------- PLOVER

function ploverLists(ref) {
  const o = JSON.parse(readText(path.join(ref, 'plover/plover-ontology.json')));
  const modes = new Map(o.event_types.map(
    (e) => [e.event, new Set(e.modes.map((m) => m.mode))]));
  const ctx = new Set(o.contexts.map((c) => (typeof c === 'string' ? c :
    c.context)));
  return {modes, ctx};
}

// Parses "TYPE, mode, ctx; ctx" into {type, mode, context[]}.
function ploverTriple(s) {
  const p = s.split(',').map((x) => x.trim());
  const ctx = (p[2] || '').split(';').map((x) => x.trim()).filter(
    (x) => x && x !== '-');
  return {type: p[0] && p[0] !== '-' ? p[0] : null,
    mode: p[1] && p[1] !== '-' ? p[1] : null, context: ctx};
}

function readPlover(ref, data, lists) {
  const table = new Map();
  for (const l of dataLines(path.join(ref, 'plover/CAMEO2PLOVER-2021.txt'))) {
    const m = /^(\d{2,4}):\s*([^#]*)/.exec(l.text);
    if (m && !table.has(m[1]))  // first entry wins (08, 175 repeat)
      table.set(m[1], ploverTriple(m[2]));
  }
  const fixes = new Map();
  for (const l of dataLines(path.join(data, 'plover_fixes.txt'))) {
    const f = l.text.replace(/\s*#.*$/, '').split('\t');
    if (f.length < 4)
      die('plover_fixes.txt:' + l.line + ': expected code, type, mode, context');
    fixes.set(f[0], ploverTriple(f.slice(1, 4).join(',')));
  }
  for (const [code, t] of fixes)
    table.set(code, t);
  for (const [code, t] of table) {
    if (!t.type)
      continue;
    if (!lists.modes.has(t.type))
      die('PLOVER ' + code + ': unknown type ' + t.type);
    if (t.mode && !lists.modes.get(t.type).has(t.mode))
      die('PLOVER ' + code + ': ' + t.type + ' has no mode ' + t.mode +
        ' (add a line to data/plover_fixes.txt)');
    for (const c of t.context)
      if (!lists.ctx.has(c))
        die('PLOVER ' + code + ': unknown context ' + c +
          ' (add a line to data/plover_fixes.txt)');
  }
  return table;
}

// ------------------------------------------------------------------ ACLED

const ACLED = {
  'Battles': ['Government regains territory',
    'Non-state actor overtakes territory', 'Armed clash'],
  'Protests': ['Excessive force against protesters',
    'Protest with intervention', 'Peaceful protest'],
  'Riots': ['Violent demonstration', 'Mob violence'],
  'Explosions/Remote violence': ['Chemical weapon', 'Air/drone strike',
    'Suicide bomb', 'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED', 'Grenade'],
  'Violence against civilians': ['Sexual violence', 'Attack',
    'Abduction/forced disappearance'],
  'Strategic developments': ['Agreement', 'Arrests',
    'Change to group/activity', 'Disrupted weapons use',
    'Headquarters or base established', 'Looting/property destruction',
    'Non-violent transfer of territory', 'Other'],
};

function readAcled(data) {
  const map = new Map();
  for (const l of dataLines(path.join(data, 'cameo_acled.txt'))) {
    const f = l.text.replace(/\s*#.*$/, '').split('\t').map((x) => x.trim());
    const where = 'cameo_acled.txt:' + l.line + ': ';
    if (f.length === 1 || (f.length === 2 && f[1] === '-')) {
      map.set(f[0], null);
      continue;
    }
    if (f.length < 3)
      die(where + 'expected code, event_type, sub_event_type');
    if (f[1] === '-') {
      map.set(f[0], null);
      continue;
    }
    if (!ACLED[f[1]] || !ACLED[f[1]].includes(f[2]))
      die(where + '"' + f[1] + '" / "' + f[2] + '" is not an ACLED pair');
    if (map.has(f[0]))
      die(where + f[0] + ' listed twice');
    map.set(f[0], {type: f[1], sub: f[2]});
  }
  return map;
}

// The ACLED entry of CODE: its own line, else its base code's, else its
// root's (null: not an ACLED event).
function acledOf(map, code) {
  for (const k of [code, code.slice(0, 3), code.slice(0, 2)])
    if (map.has(k))
      return map.get(k);
  return null;
}

// ------------------------------------------------------------------- main

function main() {
  if (process.argv.length !== 5)
    die('usage: gen_ontology.js <reference-dir> <data-dir> <out-file>');
  const [ref, data, out] = process.argv.slice(2);
  const codes = buildCameo(ref);
  checkDerived(ref, codes);
  const plover = readPlover(ref, data, ploverLists(ref));
  const acled = readAcled(data);
  for (const k of acled.keys())
    if (!k.startsWith('pattern:') && !codes.some((c) => c.code === k))
      die('cameo_acled.txt: ' + k + ' is not a CAMEO code');
  const rows = ['code\tname\tgoldstein\tquad\tplover_type\tplover_mode\t' +
    'plover_context\tacled_type\tacled_subtype'];
  const dash = (s) => (s ? s : '-');
  let np = 0, na = 0;
  for (const c of codes) {
    const p = plover.get(c.code) || {type: null, mode: null, context: []};
    const a = acledOf(acled, c.code);
    np += p.type ? 1 : 0;
    na += a ? 1 : 0;
    rows.push([c.code, c.name, c.goldstein, c.quad, dash(p.type),
      dash(p.mode), dash(p.context.join(';')), dash(a && a.type),
      dash(a && a.sub)].join('\t'));
  }
  for (const [k, a] of acled)
    if (k.startsWith('pattern:'))
      rows.push([k, '-', '-', '-', '-', '-', '-', dash(a && a.type),
        dash(a && a.sub)].join('\t'));
  fs.mkdirSync(path.dirname(out), {recursive: true});
  fs.writeFileSync(out, '# casus ontology: generated by tools/' +
    'gen_ontology.js; do not edit.\n' + rows.join('\n') + '\n');
  process.stdout.write('gen_ontology: ' + codes.length + ' CAMEO codes, ' +
    np + ' with a PLOVER type, ' + na + ' with an ACLED type\n');
}

main();
