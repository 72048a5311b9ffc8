package cn.henan.skillshub.delivery;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.springframework.stereotype.Component;

/**
 * Route template {@code http-push}: a routes/ file instantiates it once per HTTP subscriber. The route reads the
 * subscriber's topic with camel-kafka in its own consumer group — {@code read_committed}, one consumer, one record per
 * poll, no auto commit — pushes each event ({@link HttpPush}) and commits the event's offset by hand
 * ({@link ManualCommit}) only once it is delivered or dead-lettered. One consumer and one record at a time keep the
 * order of each partition, and so of each person's events (the key is the person key); an event being retried
 * holds up the ones behind it until it is delivered or dead-lettered.
 */
@Component
class HttpPushTemplate extends RouteBuilder {

    static final String TEMPLATE = "http-push";
    private static final Set<String> MODES = Set.of("binary", "structured");
    static final String[][] PARAMETERS = {
            {"subscriberId", null, "the subscriber's id: metrics tag, dead-letter key"},
            {"topic", null, "the topic it takes events of (kafka/topics.yaml)"},
            {"groupId", null, "its own consumer group, skills-hub-delivery-<id>"},
            {"url", null, "the endpoint the events are POSTed to (http or https)"},
            {"mode", "binary", "CloudEvents HTTP mode: binary (ce-* headers) or structured (application/cloudevents+json)"},
            {"secret", null, "the HMAC-SHA256 secret shared with the subscriber, by reference ({{…}})"},
            {"retries", "5", "retries of an event after its first attempt, then it is dead-lettered"},
            {"backoffMs", "1000", "wait before the first retry; doubled each time"},
            {"maxBackoffMs", "60000", "longest wait between retries"},
            {"connectTimeoutMs", "2000", "TCP connect timeout"},
            {"readTimeoutMs", "10000", "time to wait for the answer"},
            {"breakerFailureRate", "50", "percent of failed attempts that opens the breaker"},
            {"breakerMinimumCalls", "4", "attempts before the failure rate counts"},
            {"breakerWindow", "10", "attempts the failure rate is computed over"},
            {"breakerOpenSeconds", "30", "how long an open breaker lets nothing through"},
            {"autoOffsetReset", "earliest", "where a new group starts: earliest (the topic's history) or latest"},
    };

    private final Subscribers subscribers;

    HttpPushTemplate(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(TEMPLATE)
                .configure(subscribers.registration(TEMPLATE, Subscribers.defaults(PARAMETERS), HttpPushTemplate::check));
        for (String[] parameter : PARAMETERS) {
            template.templateParameter(parameter[0], parameter[1], parameter[2]);
        }
        template.from(DeliveryKafkaConfiguration.COMPONENT + ":{{topic}}?groupId={{groupId}}&clientId={{groupId}}"
                        + "&autoOffsetReset={{autoOffsetReset}}&isolationLevel=read_committed&autoCommitEnable=false"
                        + "&allowManualCommit=true&breakOnFirstError=true&consumersCount=1&maxPollRecords=1"
                        + "&maxPollIntervalMs=900000"
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .setProperty(HttpPush.SUBSCRIBER, constant("{{subscriberId}}"))
                .bean(HttpPush.BEAN, "deliver")
                .bean(ManualCommit.BEAN, "commit");
    }

    static void check(String id, Map<String, String> parameters) {
        String url = Subscribers.required(id, parameters, "url", "the endpoint");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subscriber " + id + ": url is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("subscriber " + id + ": url must be an http or https URL with a host");
        }
        Subscribers.required(id, parameters, "secret", "the HMAC secret");
        String mode = parameters.getOrDefault("mode", "");
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("subscriber " + id + ": mode must be binary or structured, not '"
                    + mode + "'");
        }
        for (String number : new String[] {"retries", "backoffMs", "maxBackoffMs", "connectTimeoutMs",
                "readTimeoutMs", "breakerFailureRate", "breakerMinimumCalls", "breakerWindow", "breakerOpenSeconds"}) {
            Subscribers.positive(id, parameters, number);
        }
    }
}
