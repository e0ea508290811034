/**
 * WeChat's own compilers on the weapp build: wcc (WXML/WXS → the view layer's $gwx) and wcsc (WXSS),
 * the Linux binaries of the npm package miniprogram-compiler — what DevTools runs before a preview.
 * And the view layer's first step: the compiled $gwx evaluated in a vm and fed a page's data,
 * which gives the virtual tree WeChat would render.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import { spawnSync } from 'child_process';

/* eslint-disable @typescript-eslint/no-explicit-any */

function binary(name: 'wcc' | 'wcsc'): string {
  const file = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux', name);
  if (fs.statSync(file).mode & 0o111) return file;
  // The package ships them without the executable bit: run a copy rather than change node_modules.
  const copy = path.join(os.tmpdir(), `redpark-${name}-${fs.statSync(file).size}`);
  if (!fs.existsSync(copy)) {
    fs.copyFileSync(file, `${copy}.${process.pid}`);
    fs.chmodSync(`${copy}.${process.pid}`, 0o755);
    fs.renameSync(`${copy}.${process.pid}`, copy);
  }
  return copy;
}

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, base, out);
    else out.push(path.relative(base, f).split(path.sep).join('/'));
  }
  return out;
}
export const filesOf = (root: string, ext: string) => walk(root).filter((f) => f.endsWith(ext)).sort();

export interface CompileResult {
  files: number;
  status: number | null;
  stderr: string;
  out: string;
}

/** All .wxml and .wxs files at once, as DevTools does (components declared with -cc). */
export function compileWxml(root: string): CompileResult {
  const wxml = filesOf(root, '.wxml');
  const wxs = filesOf(root, '.wxs');
  const comps: [string, string[]][] = [];
  for (const f of wxml) {
    const json = path.join(root, `${f.slice(0, -5)}.json`);
    if (!fs.existsSync(json)) continue;
    const using = JSON.parse(fs.readFileSync(json, 'utf8')).usingComponents;
    if (using) comps.push([f, Object.keys(using)]);
  }
  const compArg = [String(comps.length), ...comps.flatMap(([p, names]) => [p, String(names.length), ...names])].join(' ');
  const r = spawnSync(binary('wcc'), ['-d', '-cc', compArg, ...wxml, ...wxs, '-gn', '$gwx'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return { files: wxml.length + wxs.length, status: r.status, stderr: String(r.stderr ?? ''), out: String(r.stdout ?? '') };
}

/** All .wxss files at once (the ones with a .json — pages and components — first, counted by -pc). */
export function compileWxss(root: string): CompileResult {
  const wxss = filesOf(root, '.wxss');
  const withJson = wxss.filter((f) => fs.existsSync(path.join(root, `${f.slice(0, -5)}.json`)));
  const without = wxss.filter((f) => !withJson.includes(f));
  const r = spawnSync(binary('wcsc'), ['-db', '-pc', String(withJson.length), ...withJson, ...without], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return { files: wxss.length, status: r.status, stderr: String(r.stderr ?? ''), out: String(r.stdout ?? '') };
}

/** wcsc's lint mode on one file (the others given so its @imports resolve): warnings for what WeChat does not support. */
export function lintWxss(root: string, file: string, all: string[]): string {
  const r = spawnSync(binary('wcsc'), ['-lc', '-db', '-pc', '0', file, ...all.filter((x) => x !== file)], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const err = String(r.stderr ?? '').trim();
  return r.status !== 0 || err ? `status ${r.status}: ${err.slice(0, 600)}` : '';
}

export interface Gwx {
  $gwx: (file: string) => ((data: unknown, env: unknown, global: unknown) => any) | undefined;
  warnings: string[];
}

/** Evaluates wcc's output the way the view layer does. */
export function loadGwx(code: string): Gwx {
  const warnings: string[] = [];
  const log = (...a: unknown[]) => void warnings.push(a.join(' '));
  const sandbox: Record<string, unknown> = { console: { warn: log, log: () => {}, error: log }, __wxAppCode__: {}, __vd_version_info__: {}, __mainPageFrameReady__: () => {} };
  sandbox.window = sandbox;
  sandbox.global = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: 'gwx.js' });
  return { $gwx: sandbox.$gwx as Gwx['$gwx'], warnings };
}

export function textOf(node: any, out: string[] = []): string[] {
  if (node == null) return out;
  if (typeof node === 'string' || typeof node === 'number') {
    const s = String(node).trim();
    if (s) out.push(s);
    return out;
  }
  for (const c of node.children || []) textOf(c, out);
  return out;
}

/** The view layer's tree for a page's data, and its visible text. */
export function renderPage(gwx: Gwx, route: string, data: unknown): { tree: any; text: string[] } {
  const gen = gwx.$gwx(`${route}.wxml`);
  if (typeof gen !== 'function') throw new Error(`no compiled template for ${route}.wxml`);
  const tree = gen(JSON.parse(JSON.stringify(data)), {}, {});
  return { tree, text: textOf(tree) };
}
