package cn.henan.skillshub.sources.rest;

import cn.henan.skillshub.runtime.SourceErrorPolicy;
import cn.henan.skillshub.runtime.SourceRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.springframework.stereotype.Component;

/**
 * Route template {@code rest-page-poll}. A YAML file in {@code routes/} instantiates it once per REST source.
 * Each timer tick pulls pages until the server has no next page; each page is published with its position in one
 * Kafka transaction. The fetch runs inside the source's own circuit breaker (Resilience4j): a source that keeps
 * failing is left alone for a while instead of being hammered, and — each source being its own route, thread and
 * breaker — never holds up another.
 */
@Component
class RestPagePollTemplate extends RouteBuilder {

    static final String TEMPLATE = "rest-page-poll";

    private final SourceRegistry registry;
    private final RestPageWay way;

    RestPagePollTemplate(SourceRegistry registry, RestPageWay way) {
        this.registry = registry;
        this.way = way;
    }

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(TEMPLATE)
                .configure(registry.registration(way))
                .templateParameter("sourceId", null, "the source's id: route id, checkpoint key, transactional id")
                .templateParameter("sourceSystem", null, "ce_source of the events, e.g. /sources/evaluation-body-a")
                .templateParameter("baseUrl", null, "the records endpoint; the query is added by the template")
                .templateParameter("mapper", "recordMapping", "bean name of the SourceRecordMapper, or recordMapping: the"
                        + " mapping declared in the recordMapping parameter")
                .templateParameter("recordMapping", "", "the record mapping (docs/sources.md), a literal YAML block")
                .templateParameter("idField", "record_id", "the record's id field, for readable positions")
                .templateParameter("pageSize", "100", "records per page, and so per Kafka transaction")
                .templateParameter("paging", "token", "token (nextPageToken/pageToken) or offset (offset/limit)")
                .templateParameter("recordsPointer", "/records", "JSON pointer to the page's records array")
                .templateParameter("updatedField", "updated_at", "the record's version field, for the cursor")
                .templateParameter("updatedFormat", "iso", "iso or epoch-millis: how the version field is written")
                .templateParameter("pollIntervalMs", "2000", "time between polls of a drained source")
                .templateParameter("initialUpdatedSince", "1970-01-01T00:00:00Z", "where a new source starts")
                .templateParameter("signer", "none", "bean name of the RequestSigner, or none")
                .templateParameter("credential", "", "token or app key, by reference: {{env:NAME}}")
                .templateParameter("secret", "", "signing secret, by reference: {{env:NAME}}")
                .templateParameter("connectTimeoutMs", "2000", "TCP connect timeout")
                .templateParameter("readTimeoutMs", "10000", "time to wait for the whole answer")
                .templateParameter("retries", "3", "retries of a page after the first attempt")
                .templateParameter("backoffMs", "500", "wait before the first retry; doubled each time")
                .templateParameter("maxBackoffMs", "10000", "longest wait between retries")
                .templateParameter("maxRetryAfterMs", "60000", "longest Retry-After honoured within one poll")
                .templateParameter("breakerFailureRate", "50", "percent of failed polls that opens the breaker")
                .templateParameter("breakerMinimumCalls", "4", "polls before the failure rate counts")
                .templateParameter("breakerWindow", "10", "polls the failure rate is computed over")
                .templateParameter("breakerOpenSeconds", "30", "how long an open breaker lets no poll through")
                .templateParameter("breakerHalfOpenCalls", "1", "trial polls of a half-open breaker");

        CircuitBreakerDefinition breaker = template
                .from("timer:{{sourceId}}?period={{pollIntervalMs}}&delay=500")
                .routeConfigurationId(SourceErrorPolicy.ID)
                .setProperty(RestPagePoll.SOURCE_ID, constant("{{sourceId}}"))
                .setProperty(RestPagePoll.SOURCE_SYSTEM, constant("{{sourceSystem}}"))
                .setProperty(RestPagePoll.MAPPER, constant("{{mapper}}"))
                .setProperty(RestPagePoll.BASE_URL, constant("{{baseUrl}}"))
                .setProperty(RestPagePoll.ID_FIELD, constant("{{idField}}"))
                .setProperty(RestPagePoll.PAGE_SIZE, constant("{{pageSize}}"))
                .setProperty(RestPagePoll.PAGING, constant("{{paging}}"))
                .setProperty(RestPagePoll.RECORDS_POINTER, constant("{{recordsPointer}}"))
                .setProperty(RestPagePoll.UPDATED_FIELD, constant("{{updatedField}}"))
                .setProperty(RestPagePoll.UPDATED_FORMAT, constant("{{updatedFormat}}"))
                .setProperty(RestPagePoll.INITIAL_UPDATED_SINCE, constant("{{initialUpdatedSince}}"))
                .setProperty(RestPagePoll.SIGNER, constant("{{signer}}"))
                .setProperty(RestPagePoll.CREDENTIAL, constant("{{credential}}"))
                .setProperty(RestPagePoll.SECRET, constant("{{secret}}"))
                .setProperty(RestPagePoll.CONNECT_TIMEOUT, constant("{{connectTimeoutMs}}"))
                .setProperty(RestPagePoll.READ_TIMEOUT, constant("{{readTimeoutMs}}"))
                .setProperty(RestPagePoll.RETRIES, constant("{{retries}}"))
                .setProperty(RestPagePoll.BACKOFF, constant("{{backoffMs}}"))
                .setProperty(RestPagePoll.MAX_BACKOFF, constant("{{maxBackoffMs}}"))
                .setProperty(RestPagePoll.MAX_RETRY_AFTER, constant("{{maxRetryAfterMs}}"))
                .loopDoWhile(exchangeProperty(RestPagePoll.MORE).isNotEqualTo(false))
                    .bean(RestPagePoll.BEAN, "prepare")
                    .circuitBreaker();
        Resilience4jConfigurationDefinition config = breaker.resilience4jConfiguration();
        // Per-source settings through the String setters, so the template's parameters reach them.
        config.setFailureRateThreshold("{{breakerFailureRate}}");
        config.setMinimumNumberOfCalls("{{breakerMinimumCalls}}");
        config.setSlidingWindowSize("{{breakerWindow}}");
        config.setWaitDurationInOpenState("{{breakerOpenSeconds}}"); // Camel takes seconds here
        config.setPermittedNumberOfCallsInHalfOpenState("{{breakerHalfOpenCalls}}");
        config.setAutomaticTransitionFromOpenToHalfOpenEnabled("true");
        config.end()
                        .bean(RestPagePoll.BEAN, "fetch")
                    .onFallback()
                        .bean(RestPagePoll.BEAN, "fallback")
                    .end()
                    .bean(RestPagePoll.BEAN, "publish")
                .end()
                .bean(RestPagePoll.BEAN, "polled");
    }
}
