# Participer — image de production (Strapi 5 + plugin participation).
# Construction : docker build -t participer .   Lancement : voir compose.yaml et la section « Déploiement » du README.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 se compile quand aucun binaire précompilé ne convient.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY plugins/participation/package.json plugins/participation/package.json
# npm ci échoue sur certains miroirs (paquets optionnels par plateforme) : npm install respecte le verrou.
RUN npm install --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY . .
ENV NODE_ENV=production
RUN npm run build:plugin && npm run build:site && npx strapi build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=1337
COPY --from=build /app /app
RUN mkdir -p public/uploads .tmp && chown -R node:node public/uploads .tmp
USER node
EXPOSE 1337
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:1337/_ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM arrive directement à Node (pas de shell) : l'instance finit ses requêtes avant de s'arrêter.
CMD ["node", "node_modules/@strapi/strapi/bin/strapi.js", "start"]
