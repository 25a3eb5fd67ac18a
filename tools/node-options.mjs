// The V8 settings every long-running service process starts with: in the image (Dockerfile), in
// Kubernetes (k8s/base/platform-config.yaml), under `npm start` and under `npm run bench`.
// tools/k8s.spec.ts checks the copies agree. Measured in bench/README.md (issue 7):
// - a 2 MB young generation (V8's default grows it to 16 MB per semi-space, three of them) takes
//   about 25 MB off every process at ready, at no measurable cost in throughput: what a request
//   allocates dies young in a few hundred kilobytes;
// - a 96 MB old generation makes V8 collect before the heap balloons under load (the live heap
//   after the whole benchmark is about 35 MB; without a cap V8 let it grow to 130 MB of garbage).
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=2 --max-old-space-size=96';
