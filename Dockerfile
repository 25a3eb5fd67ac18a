# syntax=docker/dockerfile:1
# One image for every app; the compose service or Kubernetes container picks the entry point:
#   node apps/<app>/dist/main.js   (apps/<app>/dist/migrate.js for the migration job)
# The final image holds Node 24, the production packages, each workspace's package.json and dist/
# (built JavaScript; the gateway's dist/graphiql/ and apps/resident-web/dist are the pages it serves)
# and one font: no sources, no dev packages, no npm. tools/dockerfile.spec.ts checks this file.
# The county console is a second image, `docker build --target console .`: its static build served by
# nginx (apps/county-console/nginx.conf), which forwards /graphql, /tiles and /r to the gateway.

# 1. Build every app and library, then keep only what runs in /out.
FROM node:24-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund
# Workspace packages are symlinked from node_modules/@gov: each keeps its package.json (its exports
# point into dist/) and its dist/ when it has one; sources, tests, tools and docs stay behind.
RUN mkdir -p /out \
 && cp -a package.json node_modules /out/ \
 && for ws in apps/* libs/kernel libs/*/* tools; do \
      if [ -f "$ws/package.json" ]; then mkdir -p "/out/$ws" && cp "$ws/package.json" "/out/$ws/"; fi; \
      if [ -d "$ws/dist" ]; then cp -a "$ws/dist" "/out/$ws/"; fi; \
    done

# 2. A CJK font for mediation's agreement PDFs (AGREEMENT_FONT): only the font file is copied on.
FROM node:24-slim AS fonts
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*

# 3. The county console: built on its own (the services are not needed for it), then only dist/ and
#    nginx.conf go into an unprivileged nginx (uid 101, port 8080, pid and temp files in /tmp).
FROM node:24-slim AS console-build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# The build fails when the shell is over its size budget (tools/budget.mjs); Vite's manifest is not served.
RUN npx nx build @gov/county-console --outputStyle=static && rm -rf apps/county-console/dist/.vite

FROM nginxinc/nginx-unprivileged:1.28-alpine AS console
# Owned by root and not writable by nginx's user, like the app image's code.
COPY --from=console-build /app/apps/county-console/nginx.conf /etc/nginx/nginx.conf
COPY --from=console-build /app/apps/county-console/dist /usr/share/nginx/console
USER 101:101
EXPOSE 8080

# 4. What runs (the default target).
FROM node:24-slim
# No package managers at run time: nothing is installed or downloaded by a running container.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
COPY --from=fonts /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
COPY --from=fonts /usr/share/doc/fonts-wqy-microhei/copyright /usr/share/doc/fonts-wqy-microhei/copyright
ENV NODE_ENV=production
# V8 settings measured in bench/README.md (tools/node-options.mjs holds the value; a test checks this copy).
ENV NODE_OPTIONS="--max-semi-space-size=16 --max-old-space-size=96"
WORKDIR /app
# Owned by root and not writable by the app's user: the code cannot be changed by the process running it.
COPY --from=build /out /app
# Numeric, so Kubernetes can verify runAsNonRoot (uid 1000 is the image's "node" user).
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 4005 4006
CMD ["node", "apps/gateway/dist/main.js"]
