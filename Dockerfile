# syntax=docker/dockerfile:1
# Build: release binaries of the server and the migrator with the Swift toolchain image.
ARG SWIFT_VERSION=6.3
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev libpq-dev libsodium-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Resolve dependencies in their own layer, so source edits do not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product user-auth-server \
    && swift build -c release --static-swift-stdlib --product migrator \
    && mkdir /staging \
    && bin="$(swift build -c release --show-bin-path)" \
    && cp -r "$bin/user-auth-server" "$bin/migrator" "$bin/user-auth-service_App.resources" /staging/

# Run: a slim Debian with only the runtime libraries, as a non-root user.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libsqlite3-0 libsodium23 libcurl4 libstdc++6 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app /data \
    && chown app:app /data
WORKDIR /app
COPY --from=build /staging/ /usr/local/bin/
COPY sql ./sql
COPY templates ./templates
USER app
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 CMD ["user-auth-server", "--check-health"]
CMD ["user-auth-server"]
