# The two wsfleet images, one target each, built from the repository root:
#   docker build --target gateway  -t ghcr.io/wsfleet/gateway:0.1.0  .   (public port 8080, admin port 9090)
#   docker build --target operator -t ghcr.io/wsfleet/operator:0.1.0 .   (health and metrics on 8081)
# scripts/images builds both (with podman or Docker) and makes the base images from Debian packages when
# the public ones cannot be pulled.
#
# Build arguments: JDK_IMAGE (the build stage, with a JDK 21+) and JRE_IMAGE (the runtime, a Java 25+
# runtime on a Debian or Ubuntu userland: the ENTRYPOINT's compact object headers need 25). Jars built elsewhere replace the build stage with a build
# context holding out/gateway and out/operator (each app.jar and libs/), as scripts/images --jars does:
#   podman build --build-context jars=DIR --target gateway .
#
# The images run as uid/gid 10001, need no capabilities and write nothing outside /tmp, so they run with
# a read-only root filesystem when /tmp is a writable volume (the operator and the chart mount one).
ARG JDK_IMAGE=eclipse-temurin:21-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS jars
WORKDIR /src
# POMs first, so that the dependencies are a cached layer of their own
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY gateway/pom.xml gateway/pom.xml
COPY operator/pom.xml operator/pom.xml
COPY bench/pom.xml bench/pom.xml
COPY images/pom.xml images/pom.xml
RUN ./mvnw -B -q -pl gateway,operator dependency:go-offline -DexcludeGroupIds=io.wsfleet
COPY gateway/src gateway/src
COPY operator/src operator/src
# the gateway serves the SDK and its example chat page
COPY clients/js/src clients/js/src
COPY clients/js/examples/chat clients/js/examples/chat
# maven.test.skip: the tests (and their compilation) run in the test command, not in an image build
RUN ./mvnw -B -q -pl gateway,operator -am package -Dmaven.test.skip=true \
    && for module in gateway operator; do \
         mkdir -p /out/$module && cp $module/target/wsfleet-$module.jar /out/$module/app.jar \
         && cp -R $module/target/libs /out/$module/libs; \
       done

FROM ${JRE_IMAGE} AS runtime
# A named user for the JVM (user.name, user.home); no home directory, nothing to write.
RUN groupadd --gid 10001 wsfleet \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin wsfleet
WORKDIR /app
USER 10001:10001
# G1, which the JVM would not pick by itself below about 1.75 GiB (it takes Serial, whose collections cost a
# 1 GiB pod full of idle connections a third of its CPU: docs/benchmarks.md); the heap from the container's
# memory limit; compact object headers (8 bytes less per object: about 1 KB less heap per idle connection,
# and less to collect); an out-of-memory error ends the process so that the kubelet
# restarts it; no hsperfdata file (nothing to write on a read-only root). Extra options: JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:+UseCompactObjectHeaders", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", "-jar", "/app/app.jar"]

FROM runtime AS operator
COPY --from=jars /out/operator/ /app/
EXPOSE 8081

FROM runtime AS gateway
COPY --from=jars /out/gateway/ /app/
EXPOSE 8080 9090
