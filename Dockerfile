# Image of one wsfleet module: the gateway (public port 8080, admin port 9090) or the operator
# (health and metrics on 8081). Build from the repository root:
#   docker build --build-arg MODULE=gateway  -t ghcr.io/wsfleet/gateway:0.1.0 .
#   docker build --build-arg MODULE=operator -t ghcr.io/wsfleet/operator:0.1.0 .
# Multi-stage: a JDK builds with the Maven wrapper; the runtime is a JRE 21 running as a non-root user.
ARG MODULE=gateway

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
# POMs first, so that dependencies are a cached layer of their own
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY gateway/pom.xml gateway/pom.xml
COPY operator/pom.xml operator/pom.xml
RUN ./mvnw -B -q -pl ${MODULE} -am dependency:go-offline
COPY ${MODULE}/src ${MODULE}/src
RUN ./mvnw -B -q -pl ${MODULE} -am package -DskipTests \
    && mkdir /out && cp ${MODULE}/target/wsfleet-${MODULE}.jar /out/app.jar && cp -R ${MODULE}/target/libs /out/libs

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 wsfleet && useradd --system --uid 10001 --gid 10001 --no-create-home wsfleet
WORKDIR /app
COPY --from=build /out/ /app/
USER 10001:10001
EXPOSE 8080 9090 8081
# The JVM sizes its heap from the container's memory limit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
