# Runtime image of the hub. It only packages what was built on the host, so building it needs neither Maven nor
# the network: run `mvn -B package` first (it leaves target/skills-hub-0.1.0-SNAPSHOT.jar), then `docker build .`
# or `docker-compose up --build`.
FROM eclipse-temurin:17-jre

WORKDIR /app
# The route files and the Kafka contract are read from the working directory at start (file:routes/*.yaml,
# kafka/topics.yaml), so they sit beside the jar and can be replaced by a mounted volume without a rebuild.
COPY target/skills-hub-0.1.0-SNAPSHOT.jar /app/skills-hub.jar
COPY routes/ /app/routes/
COPY kafka/ /app/kafka/

# The hub needs no root: it only opens outgoing connections and port 8080.
RUN useradd --system --no-create-home --uid 10001 skillshub
USER skillshub

EXPOSE 8080
# Heap from the container's memory limit rather than the host's; more options through JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/skills-hub.jar"]
