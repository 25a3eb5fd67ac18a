#!/usr/bin/env node
// A small kustomize renderer for the parts of kustomization.yaml this repo uses, so the
// manifests can be built and checked where no kustomize/kubectl binary exists (tests, CI).
// Supported: resources (files and kustomization directories), namespace, labels, commonLabels,
// commonAnnotations, images. Anything else is an error rather than silently ignored: extend
// this file (and tools/k8s.spec.ts compares it with `kubectl kustomize` when kubectl is there).
//
//   node tools/kustomize.mjs k8s/base     # prints the rendered YAML stream
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'commonLabels', 'commonAnnotations', 'images']);
const POD_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
const SELECTOR_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

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

  if (k.namespace) for (const o of objects) o.metadata = { ...o.metadata, namespace: k.namespace };
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
