# One image for the four apps of the suite; the command names the app:
#   docker run cruddur-tracing:local activities      (the default command is the gateway)
# docker-compose.yml runs each app from it. No Docker engine builds it in CI: the tests read this
# file and replay its last stage outside Docker (test/dockerfile.spec.ts, test/image.e2e-spec.ts).

# Build: every dependency (the build tools are dev dependencies), then the apps and the explorer page.
FROM node:24-slim AS build
WORKDIR /app
# The manifests alone first, so that a change to the sources reuses the installed dependencies.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run: production dependencies only, and only what runs.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# run/: where the entrypoint notes which app runs, for the health check; the only folder the app's user writes.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force && mkdir run && chown node:node run
COPY --from=build /app/dist/apps ./dist/apps
# The entrypoint, the health check, and what they and the load generator import.
COPY --from=build /app/scripts ./scripts
# The X-Ray sampling rules (OTEL_TRACES_SAMPLER_ARG, COLLECTOR_SAMPLING_RULES_FILE).
COPY --from=build /app/aws/json ./aws/json
# The base image's unprivileged user: nothing of the image is writable by the app but run/.
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/container/health.mjs"]
ENTRYPOINT ["node", "--max-semi-space-size=4", "scripts/container/run.mjs"]
CMD ["gateway"]
