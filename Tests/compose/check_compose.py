"""Validates docker-compose.yml against the Compose Specification schema and checks the
stack's wiring (services, depends_on conditions, health checks, the migrate command), and
that the Dockerfile builds the image the stack expects. No Docker engine is needed."""
import json
import pathlib
import re
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent

results = []


def check(name, condition):
    results.append((name, bool(condition)))
    print(("ok    " if condition else "FAIL  ") + name)


def main():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    schema = json.loads((HERE / "compose-spec.json").read_text())
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose), key=lambda e: list(e.path))
    for error in errors:
        print("schema: %s at %s" % (error.message, "/".join(map(str, error.path))))
    check("docker-compose.yml is valid against the Compose Specification", not errors)

    services = compose.get("services", {})
    check("services are db, migrate, app and mailpit", set(services) == {"db", "migrate", "app", "mailpit"})
    db, migrate, app, mailpit = (services.get(name, {}) for name in ("db", "migrate", "app", "mailpit"))

    check("db is PostgreSQL 16", str(db.get("image", "")).startswith("postgres:16"))
    check("db keeps its data in a named volume", any(str(v).startswith("db-data:") for v in db.get("volumes", [])) and "db-data" in compose.get("volumes", {}))
    check("db is health-checked with pg_isready", "pg_isready" in " ".join(db.get("healthcheck", {}).get("test", [])))
    check("db credentials come from .env with dev defaults", "${POSTGRES_PASSWORD:-" in db.get("environment", {}).get("POSTGRES_PASSWORD", ""))

    command = " ".join(migrate.get("command", []))
    check("migrate waits for the database, then migrates up", "migrator wait" in command and command.index("migrator wait") < command.index("migrator up"))
    check("migrate starts once db is healthy", migrate.get("depends_on", {}).get("db", {}).get("condition") == "service_healthy")
    check("migrate runs once", migrate.get("restart") == "no")
    check("migrate and app share one image, built from the Dockerfile", migrate.get("image") == app.get("image") and migrate.get("build") == app.get("build") == ".")

    check("app starts after migrate completed successfully", app.get("depends_on", {}).get("migrate", {}).get("condition") == "service_completed_successfully")
    environment = app.get("environment", {})
    check("app's DATABASE_URL points at db by default", "@db:5432/" in environment.get("DATABASE_URL", ""))
    check("migrate and app read the same DATABASE_URL", environment.get("DATABASE_URL") == migrate.get("environment", {}).get("DATABASE_URL"))
    check("app refuses to start without SECRET_KEY (no baked-in default)", environment.get("SECRET_KEY", "").startswith("${SECRET_KEY:?"))
    check("app publishes port 8000", any(str(p).endswith(":8000") for p in app.get("ports", [])))
    check("app is health-checked", "--check-health" in " ".join(app.get("healthcheck", {}).get("test", [])))
    check("app serves /ready and /metrics on an unpublished operations port, which the health check probes",
          environment.get("OPS_PORT") == "9000" and not any(str(p).endswith(":9000") for p in app.get("ports", [])))
    check("app and migrate share /data for SQLite", "app-data:/data" in app.get("volumes", []) and "app-data:/data" in migrate.get("volumes", []))

    check("mailpit catches mail: Mailpit image, web UI on 8025, health-checked", str(mailpit.get("image", "")).startswith("axllent/mailpit:")
          and any(str(p).endswith(":8025") for p in mailpit.get("ports", [])) and "readyz" in " ".join(mailpit.get("healthcheck", {}).get("test", [])))
    check("app sends mail to mailpit's SMTP port 1025 by default", environment.get("SMTP_URL") == "${SMTP_URL:-smtp://mailpit:1025}")
    check("app starts once mailpit is healthy", app.get("depends_on", {}).get("mailpit", {}).get("condition") == "service_healthy")
    check("links in mails point at the published app", "http://localhost:8000" in environment.get("PUBLIC_URL", ""))

    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    check("Dockerfile is multi-stage: Swift build, slim runtime", len(stages) == 2 and "swift:" in stages[0] and "slim" in stages[1])
    check("runtime image has only the runtime libraries (libcurl, no curl tool)", all(lib in dockerfile for lib in ("libpq5", "libsqlite3-0", "libsodium23", "libcurl4 ", "ca-certificates"))
          and re.search(r"(?<![\w-])curl(?![\w-])", dockerfile) is None)
    check("runtime runs as a non-root user", "\nUSER app" in dockerfile)
    check("image carries the sql/ folder and a /health check", "COPY sql ./sql" in dockerfile and "HEALTHCHECK" in dockerfile)
    check("image carries the mail templates", "COPY templates ./templates" in dockerfile)
    check("image ships the app's resources (common-password list) next to the binary", "user-auth-service_App.resources" in dockerfile)
    check("the build copies only Sources/, not Tests/", "COPY Sources ./Sources" in dockerfile and "COPY Tests" not in dockerfile)
    ignored = (ROOT / ".dockerignore").read_text().split()
    check(".dockerignore keeps .build and local databases out", ".build" in ignored and "*.db" in ignored)

    failed = sum(1 for _, ok in results if not ok)
    print("compose checks: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
