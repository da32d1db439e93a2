# One image for both processes; docker-compose picks the command (api or worker). The command is
# node itself, not npm, so the process gets the container's SIGTERM directly.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV STEPWISE_HOST=0.0.0.0
EXPOSE 3000
CMD ["node", "-r", "./tools/register.js", "apps/api/src/main.ts"]
