# syntax=docker/dockerfile:1
# One production image for the api, worker, bank, migrate and web services of docker-compose.yml
# (one tag, kizo:${KIZO_IMAGE_TAG:-local}). Built in stages: dependencies and the builds (Prisma
# client, the web app, the workflow bundle) in `build`; the runtime image gets production
# dependencies only, the built artifacts, and runs as an unprivileged user.
# Node 22 is the current LTS line; the project also runs on the machines' Node 20 (package.json engines).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN PRISMA_SCHEMA_ENGINE_BINARY=/usr/local/bin/node npx prisma generate \
 && npm run web:build \
 && npm run build:workflows -- dist/workflows.js

FROM node:22-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    KIZO_WORKFLOW_BUNDLE=/app/dist/workflows.js \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
# The server code (run by tsx, a production dependency), its generated Prisma client and migrations.
COPY --from=build /app/api ./api
COPY --from=build /app/activities ./activities
COPY --from=build /app/bank ./bank
COPY --from=build /app/bank-client ./bank-client
COPY --from=build /app/common ./common
COPY --from=build /app/ledger ./ledger
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/statements ./statements
COPY --from=build /app/temporal ./temporal
COPY --from=build /app/transfers ./transfers
COPY --from=build /app/webhooks ./webhooks
COPY --from=build /app/workflows ./workflows
COPY --from=build /app/tsconfig.json ./
# Built artifacts: the web app's server and the workflow bundle workers load without webpack.
COPY --from=build /app/web/build ./web/build
COPY --from=build /app/dist ./dist
USER node
