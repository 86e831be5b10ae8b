# syntax=docker/dockerfile:1
# Group Steward's App server as an image: the Probot server that `npm start` runs, on the built
# code, with production dependencies only.
#   docker build -t group-steward .          (podman: podman build --format docker -t group-steward .)
#   docker run --env-file .env -p 3000:3000 group-steward
# docs/container.md: building, running, health, the environment.
# test/container/dockerfile.test.ts checks these instructions against package.json and the repo.

# ---- build: the full toolchain (TypeScript and the dev dependencies) compiles src/ to dist/src
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ ./src/
# tsconfig.build.json also includes bench/, which is not copied: only the App is built.
RUN npm run build

# ---- runtime: production dependencies, the built code and app.yml; no compiler, no tests
FROM node:24-slim AS runtime
# tini as PID 1 forwards SIGTERM (docker stop, Kubernetes) to node and reaps zombies: node as
# PID 1 installs no SIGTERM handler, and the kernel drops a signal PID 1 does not handle, so the
# server would only end with SIGKILL after the stop timeout.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# NODE_ENV=production: without APP_ID / PRIVATE_KEY Probot fails fast instead of entering its
# setup mode. HOST=0.0.0.0: Probot binds to localhost otherwise. LOG_FORMAT=json: one JSON
# object per log line (`probot run` prints pretty logs unless LOG_FORMAT is set).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
# No production dependency has an install script; --ignore-scripts keeps it that way.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
# Probot reads the App manifest from app.yml (registering the App from the running server).
COPY app.yml ./
# The files stay root's: the server can read its code, not change it.
USER node
EXPOSE 3000
# The probe gives up by itself after 3 s (the request's AbortSignal, and a timer that ends the
# process whatever the request does), under --timeout: Docker kills a probe at --timeout, but
# podman 4.3 ignored it and waited about 300 s per probe on a frozen server. Podman keeps the
# HEALTHCHECK only when it builds with `--format docker` (docs/container.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "setTimeout(()=>process.exit(1),3000);fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping',{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# `npm start` without npm: the same command (the App server, src/server.ts), with node as tini's only child.
CMD ["node", "dist/src/server.js"]
