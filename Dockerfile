# syntax=docker/dockerfile:1
# One image for every app; the compose service or Kubernetes container picks the entry point:
#   node apps/<app>/dist/main.js   (apps/identity/dist/migrate.js for the migration job)

FROM node:24-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
# Drop dev dependencies and build-only folders; dist/ folders and production packages stay.
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf .nx tools bench docs

FROM node:24-slim
# A CJK font for mediation's agreement PDFs (AGREEMENT_FONT); nothing else is installed.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# V8 settings measured in bench/README.md (tools/node-options.mjs holds the value; a test checks this copy).
ENV NODE_OPTIONS="--max-semi-space-size=2 --max-old-space-size=96"
WORKDIR /app
COPY --from=build /app /app
# Numeric, so Kubernetes can verify runAsNonRoot (uid 1000 is the image's "node" user).
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "apps/gateway/dist/main.js"]
