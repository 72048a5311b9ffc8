package cn.henan.skillshub.delivery;

import cn.henan.skillshub.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The subscribers and their delivery figures; redelivery of a subscriber's dead letters (OPS). */
@RestController
@RequestMapping(path = "/api/v1/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
class DeliveriesController {

    /** A subscriber as the API shows it: where it is delivered to, never its credentials. */
    record SubscriberView(String subscriber, String template, String topic, String groupId, String target,
                          double delivered, double failed, double deadLettered, double redelivered,
                          double filesWritten, long lag, String breaker) {
    }

    private final Subscribers subscribers;
    private final DeliveryMetrics metrics;
    private final DeliveryLag lag;
    private final HttpPush push;
    private final Redelivery redelivery;

    DeliveriesController(Subscribers subscribers, DeliveryMetrics metrics, DeliveryLag lag, HttpPush push,
                         Redelivery redelivery) {
        this.subscribers = subscribers;
        this.metrics = metrics;
        this.lag = lag;
        this.push = push;
        this.redelivery = redelivery;
    }

    @Operation(summary = "Every subscriber with its delivery counts (since start), lag and breaker")
    @GetMapping
    List<SubscriberView> all() {
        return subscribers.all().stream().map(this::view).toList();
    }

    @Operation(summary = "Redeliver a subscriber's dead letters, oldest first (OPS)")
    @PostMapping("/{subscriber}/redeliver")
    Redelivery.Result redeliver(@PathVariable String subscriber, Authentication caller) {
        Subscriber found = subscribers.find(subscriber)
                .orElseThrow(() -> ApiProblem.notFound("no subscriber '" + subscriber + "'"));
        if (!HttpPushTemplate.TEMPLATE.equals(found.template())) {
            throw ApiProblem.badRequest("subscriber " + subscriber + " takes files, which are rewritten whole;"
                    + " only HTTP subscribers have dead letters to redeliver");
        }
        return redelivery.redeliver(found, caller.getName());
    }

    private SubscriberView view(Subscriber s) {
        DeliveryMetrics.Counts counts = metrics.counts(s.id());
        String target = HttpPushTemplate.TEMPLATE.equals(s.template())
                ? withoutQuery(s.parameters().get("url"))
                : "sftp://" + s.parameters().get("host") + ":" + s.parameters().get("port") + "/"
                        + s.parameters().getOrDefault("directory", "");
        String breaker = HttpPushTemplate.TEMPLATE.equals(s.template()) ? push.breakerState(s.id()) : null;
        return new SubscriberView(s.id(), s.template(), s.topic(), s.groupId(), target, counts.delivered(),
                counts.failed(), counts.deadLettered(), counts.redelivered(), counts.filesWritten(), lag.lag(s),
                breaker);
    }

    /** A URL as shown: no query and no user info, which may hold a token. */
    private static String withoutQuery(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }
}
