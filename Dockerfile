# Agora: LTI 1.3 tool. Two stages: build (compilers, dev dependencies) and a slim runtime.
#   docker build -t agora .
#   docker run -p 3000:3000 -v agora-data:/data -e PUBLIC_URL=https://agora.example.edu agora

# ---- build -------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# better-sqlite3 compiles from source when no prebuilt binary matches: it needs python3, make, g++.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so this layer is reused while only sources change.
# npm 11 runs a dependency's install script only if package.json "allowScripts" allows it;
# better-sqlite3 is allowed there already, so nothing is needed here. (node:20 ships npm 10,
# which runs install scripts regardless.)
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime -----------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data

# Application files stay owned by root: the app can read them, not change them.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
# The launcher: restarts Node with the one-core GC flags when the container may use one CPU.
COPY scripts/launch.js scripts/gc-flags.js ./scripts/
COPY views ./views
# Static client files are served from src/public (not compiled by tsc).
COPY src/public ./src/public

# The only writable place: the SQLite file and the generated secret (unless AGORA_SECRET is set).
# Created and chowned before VOLUME so a new volume starts owned by `node`.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3000

# No curl in the slim image: ask Node itself. /healthz answers 200 when storage answers, 503 otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "scripts/launch.js"]
