# One image for both processes; docker-compose picks the command (api or worker). The command is
# node itself, not npm, so the process gets the container's SIGTERM directly.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Compiled once here: the processes run dist/ and skip transpiling TypeScript at start.
RUN npm run build
# After the build (npm ci installs the compiler among the devDependencies).
ENV NODE_ENV=production
ENV STEPWISE_HOST=0.0.0.0
EXPOSE 3000
# The heap flags are the npm scripts' (`npm run start:api`): see the README's Configuration.
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=32", "dist/apps/api/src/main.js"]
