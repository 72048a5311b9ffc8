package cn.henan.skillshub.delivery;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Redelivers a subscriber's pending dead letters, oldest first, one attempt each: a delivered one is marked
 * redelivered on the dead-letter topic (so a second redelivery does not send it again); one the subscriber still
 * refuses (4xx) stays pending, and the next goes on; a failure of the receiver (5xx, timeout, open breaker) stops
 * the redelivery there, the rest untouched. At least once, as every delivery: a crash between the push and its
 * marker sends that event again next time, under the same {@code ce_id}.
 */
@Component
class Redelivery {

    private static final Logger log = LoggerFactory.getLogger(Redelivery.class);

    /** What a redelivery did. */
    record Result(String subscriber, int pending, int redelivered, List<Refused> stillRefused, String stoppedBy) {
    }

    record Refused(String ceId, String reason) {
    }

    private final DeadLetters deadLetters;
    private final HttpPush push;
    private final DeliveryMetrics metrics;

    Redelivery(DeadLetters deadLetters, HttpPush push, DeliveryMetrics metrics) {
        this.deadLetters = deadLetters;
        this.push = push;
        this.metrics = metrics;
    }

    synchronized Result redeliver(Subscriber subscriber, String operator) {
        List<DeadLetters.DeadLetter> pending = deadLetters.pending(subscriber.id());
        int redelivered = 0;
        List<Refused> refused = new ArrayList<>();
        String stoppedBy = null;
        for (DeadLetters.DeadLetter letter : pending) {
            HttpPush.Answer answer = push.attempt(subscriber, letter.event());
            if (answer.outcome() == HttpPush.Outcome.DELIVERED) {
                deadLetters.markRedelivered(subscriber.id(), letter.event().ceId());
                metrics.redelivered(subscriber.id());
                redelivered++;
            } else if (answer.outcome() == HttpPush.Outcome.REFUSED) {
                refused.add(new Refused(letter.event().ceId(), answer.reason()));
            } else {
                metrics.failed(subscriber.id());
                stoppedBy = answer.reason() + " at event " + letter.event().ceId();
                break;
            }
        }
        log.info("subscriber {}: {} redelivered {} of {} dead letters ({} still refused{})", subscriber.id(),
                operator, redelivered, pending.size(), refused.size(), stoppedBy == null ? "" : "; stopped: " + stoppedBy);
        return new Result(subscriber.id(), pending.size(), redelivered, List.copyOf(refused), stoppedBy);
    }
}
