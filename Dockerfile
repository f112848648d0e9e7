# syntax=docker/dockerfile:1
#
# One image for every Waymark process; docker-compose.yml picks the command:
#   API (default)  node dist/apps/api/src/main.js
#   worker         node dist/apps/worker/src/main.js
#   migrations     node dist/libs/database/src/migrate.js

# ---- build: compile TypeScript and the Temporal workflow bundle, then drop dev dependencies ----
# Debian (glibc) rather than Alpine: Temporal's TypeScript SDK ships a native core that requires glibc and
# does not support musl-based images.
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change, not on every source edit.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

COPY . .
# Produces dist/, including dist/workflow-bundle.js: bundling workflows at build time means the worker does
# not need webpack or the workflow sources at runtime.
RUN npm run build \
  && npm prune --omit=dev

# ---- runtime: production dependencies and compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Slim images ship no system CA bundle. Node has its own, but the Temporal SDK's native core does TLS outside
# Node and needs the system one once TEMPORAL_ADDRESS points at a TLS endpoint such as Temporal Cloud;
# Temporal's production sample installs it for the same reason.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ca-certificates \
  && rm -rf /var/lib/apt/lists/*

# Mount point for the API's data volume (WAYMARK_DATA_DIR: JWT signing key). Created here and owned by
# `node` because Docker seeds a new named volume with the ownership of the directory it is mounted on;
# otherwise the volume would be root-owned and the non-root API could not write its key.
RUN mkdir -p /var/lib/waymark && chown node:node /var/lib/waymark
ENV WAYMARK_DATA_DIR=/var/lib/waymark

# Application files stay owned by root: the process can read its code but not modify it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The official Node images ship this unprivileged user (uid 1000).
USER node

ENV API_PORT=3000
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
