# Two images, packaging only what `mvn -B -ntp -DskipTests package` left in target/, so building them needs neither
# Maven nor the network:
#   hub         (the default: `docker build .`) the hub's jar and routes/, nothing else: no simulator class and no
#               MINA SSHD (.ci/run lists the jar and fails if it holds any).
#   simulators  (`docker build --target simulators .`) the simulated source systems of docker-compose's simulator
#               service: the same jar, plus target/simulators/ (the src/local classes as one jar, and MINA SSHD),
#               put on the classpath by Spring Boot's PropertiesLauncher (loader.path).
# `docker-compose up --build` builds both.

FROM eclipse-temurin:17-jre AS base
WORKDIR /app
COPY target/skills-hub-0.1.0-SNAPSHOT.jar /app/skills-hub.jar
# Neither needs root: they open outgoing connections and their own ports only.
RUN useradd --system --no-create-home --uid 10001 skillshub
USER skillshub

FROM base AS simulators
COPY target/simulators/ /app/simulators/
# HTTP (evaluation body A, the CE registry) and SFTP (the SFTP evaluation body).
EXPOSE 8081 2222
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dloader.path=/app/simulators", \
            "-Dloader.main=cn.henan.skillshub.simulator.SimulatorsApplication", \
            "-cp", "/app/skills-hub.jar", "org.springframework.boot.loader.launch.PropertiesLauncher"]

# Last, so that a plain `docker build .` builds the hub.
FROM base AS hub
# The route files are read from the working directory at start (file:routes/*.yaml), so they sit beside the jar
# and can be replaced by a mounted volume without a rebuild. The Kafka contract (kafka/topics.yaml, the schemas) is
# inside the jar.
COPY routes/ /app/routes/
# The cluster's lock directory (SKILLSHUB_CLUSTER_DIRECTORY), where docker-compose mounts the volume the replicas
# share: made here and owned by the hub's user, so that a new volume takes that owner.
USER root
RUN mkdir -p /var/lib/skills-hub/cluster && chown skillshub /var/lib/skills-hub/cluster
USER skillshub
EXPOSE 8080
# Heap from the container's memory limit rather than the host's; more options through JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/skills-hub.jar"]
