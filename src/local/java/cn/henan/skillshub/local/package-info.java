/**
 * The local default, {@code mvn spring-boot:run} ({@link cn.henan.skillshub.local.LocalRun}): a single-node KRaft
 * broker on 127.0.0.1:9092 with its data under {@code ./data/kafka} (unless {@code KAFKA_BOOTSTRAP_SERVERS} is
 * set), the source simulators on ports 8081 and 2222, and the hub on 8080 with the settings of
 * {@code application-local.properties}, so a newcomer gets a working hub with nothing installed but Java, Maven and
 * PostgreSQL.
 *
 * <p>None of this is in the hub's jar: {@code src/local} is compiled onto the test classpath only, and the hub
 * itself never knows whether its broker is a local one.
 */
package cn.henan.skillshub.local;
