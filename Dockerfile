# One image for every service of the graph; docker-compose.yml picks the command per service.
# Node.js: the newest LTS that package.json engines names, at the exact release .ci/run tests.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The registry, the committed supergraph and the seed files are read at run time.
COPY --from=build /app/schema schema
COPY --from=build /app/subgraphs subgraphs
USER node
EXPOSE 4000
CMD ["node", "--max-old-space-size=256", "dist/gateway/main.js"]
