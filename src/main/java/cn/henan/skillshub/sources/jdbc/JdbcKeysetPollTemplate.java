package cn.henan.skillshub.sources.jdbc;

import cn.henan.skillshub.runtime.SourceErrorPolicy;
import cn.henan.skillshub.runtime.SourceRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route template {@code jdbc-keyset-poll}. A YAML file in {@code routes/} instantiates it once per feed of a
 * source system. Each timer tick pulls batches until a short one shows the feed is drained; each batch is
 * published with its checkpoint in one Kafka transaction.
 *
 * <p>Why the delay window: a row's {@code updated_at} is set when its transaction starts, but it becomes
 * visible only when that transaction commits. Without the window, a cursor that has moved past a later row skips
 * an earlier row that commits late (the classic kafka-connect-jdbc bug). The window must exceed the longest
 * transaction of the source.
 */
@Component
class JdbcKeysetPollTemplate extends RouteBuilder {

    static final String TEMPLATE = "jdbc-keyset-poll";

    private final SourceRegistry registry;
    private final JdbcKeysetWay way;

    JdbcKeysetPollTemplate(SourceRegistry registry, JdbcKeysetWay way) {
        this.registry = registry;
        this.way = way;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .configure(registry.registration(way))
                .templateParameter("sourceId", null, "the source's id: route id, checkpoint key, transactional id")
                .templateParameter("sourceSystem", null, "ce_source of the events, e.g. /sources/realname-training")
                .templateParameter("feed", null, "table or view to poll; must have updated_at and id")
                .templateParameter("mapper", null, "bean name of the SourceRecordMapper for this feed")
                .templateParameter("dataSource", "exchangeDataSource", "bean name of the exchange database")
                .templateParameter("pollIntervalMs", "1000", "time between polls of a drained feed")
                .templateParameter("batchSize", "2000", "rows per batch, and so per Kafka transaction")
                .templateParameter("delayWindow", "2 seconds", "rows younger than this wait for the next poll")
                .from("timer:{{sourceId}}?period={{pollIntervalMs}}&delay=500")
                .routeConfigurationId(SourceErrorPolicy.ID)
                .setHeader(JdbcKeysetPoll.SOURCE_ID, constant("{{sourceId}}"))
                .setHeader(JdbcKeysetPoll.SOURCE_SYSTEM, constant("{{sourceSystem}}"))
                .setHeader(JdbcKeysetPoll.MAPPER, constant("{{mapper}}"))
                .setHeader(JdbcKeysetPoll.BATCH_SIZE, constant("{{batchSize}}"))
                .loopDoWhile(exchangeProperty(JdbcKeysetPoll.MORE).isNotEqualTo(false))
                    .bean(JdbcKeysetPoll.BEAN, "prepare")
                    .to("sql:SELECT * FROM {{feed}} WHERE (updated_at, id) > (:#cursorUpdatedAt, :#cursorId)"
                            + " AND updated_at < now() - interval '{{delayWindow}}'"
                            + " ORDER BY updated_at, id LIMIT {{batchSize}}"
                            + "?dataSource=#{{dataSource}}")
                    .bean(JdbcKeysetPoll.BEAN, "publish")
                .end()
                .bean(JdbcKeysetPoll.BEAN, "polled");
    }
}
