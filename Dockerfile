# syntax=docker/dockerfile:1
#
# The gateway's container image: Java 25 JRE, the Spring Boot jar extracted into layers, an AOT cache from a
# training run, a non-root user. Build the jar first, then the image (docs/operations.md#container-image):
#
#   ./mvnw -B -q package -DskipTests
#   docker build -t registry.example.com/mcp-auth-gateway:0.1.0 .
#
# Pin the base image by digest for reproducible builds:
#   docker build --build-arg BASE_IMAGE=eclipse-temurin:25.0.3_9-jre-noble@sha256:<digest> …
ARG BASE_IMAGE=eclipse-temurin:25.0.3_9-jre-noble

# --- Extract the executable jar into layers: dependencies change less often than the gateway's own classes, so
# image layers (and registry pulls) are reused across releases.
FROM ${BASE_IMAGE} AS extract
WORKDIR /build
# The jar that `./mvnw package` builds (gateway/pom.xml <finalName>).
ARG JAR_FILE=gateway/target/mcp-auth-gateway.jar
COPY ${JAR_FILE} gateway.jar
# Extracted without --launcher: application.jar plus lib/ on a plain class path, the form the JDK's AOT cache
# supports (it stores classes of the built-in class loaders only, not of Spring Boot's launcher class loader).
RUN java -Djarmode=tools -jar gateway.jar extract --layers --destination extracted --application-filename application.jar

# --- The runtime image.
FROM ${BASE_IMAGE}
# The chart's podSecurityContext runs as this uid and gid; a numeric USER lets Kubernetes verify runAsNonRoot.
RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin gateway
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
COPY docker/aot-training-routes.yaml /app/aot-training-routes.yaml

# Container-aware memory: the heap is a share of the cgroup memory limit; an OutOfMemoryError ends the process so
# that the orchestrator restarts it; G1 explicitly, because below 2 CPUs or 1792 MB the JVM would pick Serial GC.
# The Helm chart sets the same flags (jvm.* values); the AOT cache below is trained with them.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC" \
    GATEWAY_ROUTES_FILE=/etc/mcp-auth-gateway/routes.yaml \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=9090

# JDK 25 AOT cache (JEP 483/514/515): classes loaded and linked ahead of time, for a faster start and warm-up.
# Spring's training mode (-Dspring.context.exit=onRefresh) creates every bean and exits before the web server
# starts, so the build needs no network. A cache trained under real load covers more (docs/operations.md#aot-cache).
# -Xmx keeps compressed object pointers on, as in any pod below 32 GB: a cache trained without them would not map.
# The JVM's options live in /app/jvm.args (a java launcher argument file), so that the image built with
# --build-arg AOT_CACHE=false does not name a cache it lacks.
ARG AOT_CACHE=true
RUN echo "--enable-native-access=ALL-UNNAMED" > jvm.args \
    && if [ "$AOT_CACHE" = "true" ]; then \
         java @jvm.args -Xmx1g -XX:AOTCacheOutput=app.aot -Xlog:aot=error -Dspring.context.exit=onRefresh \
              -jar application.jar --gateway.routes-file=/app/aot-training-routes.yaml \
         && chmod 0444 app.aot \
         && echo "-XX:AOTCache=app.aot" >> jvm.args; \
       fi

USER 10001:10001
# 8080: MCP traffic (the Service's http port). 9090: actuator probes and metrics, never routed by the Ingress.
EXPOSE 8080 9090
# No HEALTHCHECK: Kubernetes ignores it and probes /actuator/health/liveness and /readiness on port 9090 itself.
# Exec form: java is PID 1 and receives SIGTERM directly, which starts the gateway's graceful drain.
ENTRYPOINT ["java", "@/app/jvm.args", "-jar", "application.jar"]
