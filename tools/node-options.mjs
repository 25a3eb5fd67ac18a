// The V8 settings every long-running service process starts with: in the image (Dockerfile), in
// Kubernetes (k8s/base/platform-config.yaml), under `npm start` and under `npm run bench`.
// tools/k8s.spec.ts checks the copies agree. Measured in bench/README.md (issue 7):
// - a 16 MB young generation (V8's default maximum): with 2 MB, scavenges took about a quarter of
//   the gateway's and identity's CPU under load, and the gateway read 25-35% less per second. The
//   pages start-up grows it to are given back before a process serves (compactHeapBeforeServing in
//   @gov/platform-observability), so it costs memory only under load;
// - a 96 MB old generation makes V8 collect before the heap balloons under load (the live heap
//   after the whole benchmark is about 35 MB; without a cap V8 let it grow to 130 MB of garbage).
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=16 --max-old-space-size=96';
