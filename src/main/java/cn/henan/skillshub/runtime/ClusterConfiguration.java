package cn.henan.skillshub.runtime;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several hub instances against the same sources: Camel's file-lock cluster service on a directory they all share
 * ({@code skillshub.cluster.directory}, a volume). Each namespace — one per source, one for the decision relay — is
 * a lock file there; the instance holding the lock leads, and writes a heartbeat beside it every
 * {@code acquire-lock-interval}. The others look at that heartbeat as often and try the lock only once it is older
 * than {@code heartbeat-timeout-multiplier} intervals; a {@code kill -9} releases the operating system's lock at
 * once, so a follower takes over within about (multiplier + 1) intervals (4 s with the defaults). A live leader
 * keeps its lock however slow its heartbeat: a follower's attempt then fails, and nothing is led twice.
 *
 * <p>Camel adds a {@code CamelClusterService} bean to its context by itself. Without a directory there is no
 * cluster service, and {@link SourceLeadership} leads everything here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${skillshub.cluster.directory:}' != ''")
class ClusterConfiguration {

    @Bean
    FileLockClusterService skillsHubClusterService(
            @Value("${skillshub.cluster.directory}") String directory,
            @Value("${skillshub.cluster.instance-id:}") String instanceId,
            @Value("${skillshub.cluster.acquire-lock-interval:1s}") Duration interval,
            @Value("${skillshub.cluster.heartbeat-timeout-multiplier:3}") int multiplier,
            @Value("${skillshub.cluster.acquire-lock-delay:1s}") Duration delay) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(instanceId.isBlank() ? defaultInstanceId() : instanceId);
        service.setRoot(directory);
        service.setAcquireLockInterval(interval.toMillis(), TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(multiplier);
        return service;
    }

    /** Host name and process id: unique among the instances on one volume, and readable in a log. */
    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "hub";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
