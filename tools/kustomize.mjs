#!/usr/bin/env node
// A small kustomize renderer for the parts of kustomization.yaml this repo uses, so the
// manifests can be built and checked where no kustomize/kubectl binary exists (tests, CI).
// Supported: resources (files and kustomization directories), namespace, labels, commonLabels,
// commonAnnotations, images, replicas, and patches (strategic merge — maps merge, `null` deletes,
// lists of named items such as containers, env and volumes merge by name, other lists are
// replaced — or JSON 6902 add/remove/replace; a patch applies to its `target`, else to the object
// of its own kind and name). Anything else is an error rather than silently ignored: extend this
// file (and tools/k8s.spec.ts compares it with `kubectl kustomize` when kubectl is there).
//
//   node tools/kustomize.mjs k8s/base     # prints the rendered YAML stream
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'commonLabels', 'commonAnnotations', 'images', 'replicas', 'patches']);
const POD_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
const SELECTOR_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/** Kinds without a namespace, which `namespace` leaves alone. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ClusterSecretStore', 'ClusterIssuer']);

/** Renders the kustomization in `dir` to a list of plain objects. */
export function render(dir) {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no kustomization.yaml in ${dir}`);
  const k = readYaml(file)[0] ?? {};
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length) throw new Error(`${file}: tools/kustomize.mjs does not support ${unsupported.join(', ')}`);

  const objects = [];
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (!fs.existsSync(target)) throw new Error(`${file}: resource ${entry} does not exist`);
    const docs = fs.statSync(target).isDirectory() ? render(target) : readYaml(target);
    for (const doc of docs) {
      if (doc == null) continue;
      if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${entry}: a document is not an object`);
      objects.push(doc);
    }
  }

  const seen = new Set();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    if (seen.has(id)) throw new Error(`${file}: ${o.kind} ${o.metadata?.name} is defined twice`);
    seen.add(id);
  }

  for (const p of k.patches ?? []) applyPatch(objects, p, dir, file);
  for (const r of k.replicas ?? []) {
    for (const o of objects) if (o.metadata?.name === r.name && o.spec && SELECTOR_OWNERS.has(o.kind)) o.spec.replicas = r.count;
  }

  if (k.namespace) for (const o of objects.filter((x) => !CLUSTER_SCOPED.has(x.kind))) o.metadata = { ...o.metadata, namespace: k.namespace };
  if (k.commonLabels) addLabels(objects, k.commonLabels, { selectors: true, templates: true });
  for (const l of k.labels ?? []) addLabels(objects, l.pairs ?? {}, { selectors: !!l.includeSelectors, templates: !!(l.includeSelectors || l.includeTemplates) });
  if (k.commonAnnotations) {
    for (const o of objects) {
      o.metadata.annotations = { ...o.metadata.annotations, ...strings(k.commonAnnotations) };
      const t = podTemplate(o);
      if (t) t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, ...strings(k.commonAnnotations) } };
    }
  }
  for (const img of k.images ?? []) for (const o of objects) for (const c of containers(o)) c.image = retag(c.image, img);
  return objects;
}

/** One entry of `patches`: `{ path | patch, target? }`. */
function applyPatch(objects, entry, dir, file) {
  const text = entry.path ? fs.readFileSync(path.resolve(dir, entry.path), 'utf8') : entry.patch;
  if (typeof text !== 'string') throw new Error(`${file}: a patch needs path or patch`);
  const docs = parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d != null);
  if (docs.length !== 1) throw new Error(`${file}: a patch must hold one document`);
  const [patch] = docs;
  if (Array.isArray(patch)) {
    if (!entry.target) throw new Error(`${file}: a JSON 6902 patch needs a target`);
    const targets = objects.filter((o) => selects(entry.target, o));
    if (!targets.length) throw new Error(`${file}: patch target ${JSON.stringify(entry.target)} matches nothing`);
    for (const o of targets) for (const op of patch) applyOp(o, op, file);
    return;
  }
  const target = entry.target ?? { kind: patch.kind, name: patch.metadata?.name };
  const targets = objects.filter((o) => selects(target, o));
  if (!targets.length) throw new Error(`${file}: patch for ${target.kind} ${target.name} matches nothing`);
  for (const o of targets) {
    const merged = merge(o, entry.target ? { ...patch, metadata: { ...patch.metadata, name: o.metadata.name } } : patch);
    for (const key of Object.keys(o)) delete o[key];
    Object.assign(o, merged);
  }
}

function selects(t, o) {
  const anchored = (pattern, value) => pattern === undefined || new RegExp(`^(?:${pattern})$`).test(value ?? '');
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const labels = o.metadata?.labels ?? {};
  const labelsMatch = (t.labelSelector ?? '').split(',').filter(Boolean).every((pair) => {
    const [key, value] = pair.split('=').map((x) => x.trim());
    return labels[key] === value;
  });
  return anchored(t.kind, o.kind) && anchored(t.name, o.metadata?.name) && anchored(t.group, group) && anchored(t.version, version) && labelsMatch;
}

/** Strategic merge for the fields used here: lists whose items all have a `name` merge by it. */
function merge(base, patch) {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    const named = (list) => Array.isArray(list) && list.every((x) => x && typeof x === 'object' && typeof x.name === 'string');
    if (!(named(patch) && named(base))) return structuredClone(patch);
    const out = base.map((x) => structuredClone(x));
    for (const item of patch) {
      const at = out.findIndex((x) => x.name === item.name);
      if (at === -1) out.push(structuredClone(item));
      else out[at] = merge(out[at], item);
    }
    return out;
  }
  if (typeof patch !== 'object' || typeof base !== 'object' || base === null || Array.isArray(base)) return structuredClone(patch);
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const merged = merge(base[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

function applyOp(o, op, file) {
  const keys = String(op.path ?? '').split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!keys.length) throw new Error(`${file}: JSON 6902 path ${op.path} is not a pointer`);
  const last = keys.pop();
  let parent = o;
  for (const key of keys) {
    parent = parent?.[Array.isArray(parent) ? Number(key) : key];
    if (parent === undefined) throw new Error(`${file}: JSON 6902 path ${op.path} does not exist`);
  }
  const index = Array.isArray(parent) ? (last === '-' ? parent.length : Number(last)) : last;
  if (op.op === 'add') {
    if (Array.isArray(parent)) parent.splice(index, 0, structuredClone(op.value));
    else parent[index] = structuredClone(op.value);
  } else if (op.op === 'replace' || op.op === 'remove') {
    if (!(index in parent)) throw new Error(`${file}: JSON 6902 ${op.op} of ${op.path}, which does not exist`);
    if (op.op === 'replace') parent[index] = structuredClone(op.value);
    else if (Array.isArray(parent)) parent.splice(index, 1);
    else delete parent[index];
  } else throw new Error(`${file}: JSON 6902 op ${op.op} is not supported (add, remove, replace)`);
}

function addLabels(objects, pairs, { selectors, templates }) {
  const labels = strings(pairs);
  for (const o of objects) {
    o.metadata = { ...o.metadata, labels: { ...o.metadata?.labels, ...labels } };
    if (templates) {
      const t = podTemplate(o);
      if (t) t.metadata = { ...t.metadata, labels: { ...t.metadata?.labels, ...labels } };
    }
    if (!selectors) continue;
    if (o.kind === 'Service') o.spec = { ...o.spec, selector: { ...o.spec?.selector, ...labels } };
    if (SELECTOR_OWNERS.has(o.kind)) o.spec.selector = { ...o.spec.selector, matchLabels: { ...o.spec.selector?.matchLabels, ...labels } };
    if (o.kind === 'Job' && o.spec?.selector?.matchLabels) Object.assign(o.spec.selector.matchLabels, labels);
  }
}

/** The pod template of a workload (CronJob: its job's), or undefined. */
export function podTemplate(o) {
  if (POD_OWNERS.has(o.kind)) return o.spec?.template;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template;
  return undefined;
}

function containers(o) {
  if (o.kind === 'Pod') return [...(o.spec?.containers ?? []), ...(o.spec?.initContainers ?? [])];
  const spec = podTemplate(o)?.spec;
  return spec ? [...(spec.containers ?? []), ...(spec.initContainers ?? [])] : [];
}

function retag(image, { name, newName, newTag, digest }) {
  if (typeof image !== 'string') return image;
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  const colon = base.lastIndexOf(':');
  const hasTag = colon > base.lastIndexOf('/');
  const repo = hasTag ? base.slice(0, colon) : base;
  if (repo !== name) return image;
  const tagPart = digest ? `@${digest}` : newTag ? `:${newTag}` : image.slice(repo.length);
  return `${newName ?? repo}${tagPart}`;
}

function strings(map) {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, String(value)]));
}

function readYaml(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS();
  });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'k8s/base';
  process.stdout.write(render(dir).map((o) => stringify(o)).join('---\n'));
}
