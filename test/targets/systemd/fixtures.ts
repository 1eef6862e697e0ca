/** Specs the systemd tests share. */

/** Every kind of unit the target writes: processes and containers, each dependency condition, fallbacks, native keys. */
export const multiServiceSpec = `
version: 1
project: shop
defaults:
  restart: { policy: on-failure, delay: 2s, max_attempts: 4 }
services:
  db:
    description: "Database: 100% local"
    image: postgres:16
    env: { POSTGRES_PASSWORD: "s3cret %h $HOME \\"q\\"" }
    ports: ["127.0.0.1:5432:5432", "[::1]:5433:5432/udp"]
    volumes: ["pgdata:/var/lib/postgresql/data", "/etc/shop/pg.conf:/etc/postgresql.conf:ro"]
    health: { exec: "pg_isready -U postgres", interval: 2s, retries: 5, start_period: 5s }
    resources: { memory: 512M, cpus: 1.5 }
    stop: { signal: SIGINT, timeout: 1500ms }
  migrate:
    command: [/usr/bin/python3, -c, "print('migrated; 100%')"]
    depends_on: { db: healthy }
    restart: "no"
  cache:
    command: "exec /usr/bin/python3 -m http.server 8091 --bind 127.0.0.1"
    essential: false
    health: { tcp: "127.0.0.1:8091" }
    restart: { policy: always, backoff: exponential, delay: 500ms, max_delay: 30s }
  api:
    command: [/usr/bin/python3, -m, http.server, "8090", --bind, 127.0.0.1]
    workdir: /srv/shop
    user: www-data
    env: { GREETING: "hello; world # not a comment", EMPTY: "" }
    env_file: [/etc/shop/api.env]
    env_required: [API_TOKEN]
    depends_on:
      migrate: completed
      db: healthy
      cache: { condition: started, required: false }
    health: { http: { url: "http://127.0.0.1:8090/", status: 200 }, start_period: 3s }
    gpu: { device_ids: ["0", "1"] }
    resources: { memory: 1G, cpus: 0.5 }
    native:
      systemd:
        Unit: { Documentation: "https://example.com/shop" }
        Service: { LimitNOFILE: 65536, Nice: 5, Environment: ["EXTRA=native"] }
    fallbacks:
      - name: cpu
        when: { exit_codes: [3] }
        set: { gpu: { count: all }, env: { DEVICE: cpu } }
      - name: slim
        when: { health_timeout: true }
        set: { command: "exec /usr/bin/python3 -m http.server 8090", resources: { memory: 256M } }
  worker:
    image: shop/worker:1
    command: [work, --queue, "jobs;urgent", ";"]
    user: "1000"
    workdir: /app
    env_file: /etc/shop/worker.env
    depends_on: [db]
    gpu: { count: 2, capabilities: [gpu, utility] }
    fallbacks:
      - name: cpu
        when: { log: "CUDA error" }
        set: { gpu: { count: 1 }, env: { DEVICE: cpu } }
targets:
  systemd: { wanted_by: default.target }
`;
