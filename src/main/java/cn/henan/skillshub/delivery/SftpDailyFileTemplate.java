package cn.henan.skillshub.delivery;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.Topics;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.model.RouteTemplateDefinition;
import org.springframework.stereotype.Component;

/**
 * Route template {@code sftp-daily-file}: a routes/ file instantiates it once per subscriber that takes files.
 * The route reads the subsidy decisions with camel-kafka in the subscriber's own group (read_committed, manual
 * commit), reads each with camel-jackson into a {@link SubsidyDecided} and stores it as a row of its city's day
 * ({@link DailyFileRows}, once per {@code ce_id}); only then is the offset committed. {@link DailyFiles} writes each
 * city's day as one CSV on the subscriber's SFTP server, whole, with a {@code .done} marker once the day is closed.
 */
@Component
class SftpDailyFileTemplate extends RouteBuilder {

    static final String TEMPLATE = "sftp-daily-file";
    static final String[][] PARAMETERS = {
            {"subscriberId", null, "the subscriber's id: metrics tag, its rows in the hub's database"},
            {"topic", Topics.SUBSIDY_DECISIONS, "the decisions topic (the only one this template writes)"},
            {"groupId", null, "its own consumer group, skills-hub-delivery-<id>"},
            {"host", null, "the subscriber's SFTP server"},
            {"port", "22", "its port"},
            {"username", null, "the login"},
            {"password", "", "the password, by reference ({{…}}); or privateKeyFile"},
            {"privateKeyFile", "", "a private key file for key authentication, instead of a password"},
            {"knownHostsFile", null, "known_hosts holding the server's host key (strict checking)"},
            {"directory", "outbox", "the folder on the server the files are written to"},
            {"charset", "UTF-8", "the files' encoding: UTF-8 or GB18030"},
            {"cities", "", "city codes to write files for, comma-separated; empty: every city"},
            {"zone", "Asia/Shanghai", "the time zone a decision's day is taken in"},
            {"closeAfter", "PT2H", "how long after midnight a day is closed and gets its .done marker"},
            {"writeIntervalMs", "5000", "how often changed days are written"},
            {"autoOffsetReset", "earliest", "where a new group starts: earliest or latest"},
    };

    private final Subscribers subscribers;

    SftpDailyFileTemplate(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(TEMPLATE).configure(subscribers.registration(TEMPLATE,
                Subscribers.defaults(PARAMETERS), SftpDailyFileTemplate::check));
        for (String[] parameter : PARAMETERS) {
            template.templateParameter(parameter[0], parameter[1], parameter[2]);
        }
        template.from(DeliveryKafkaConfiguration.COMPONENT + ":{{topic}}?groupId={{groupId}}&clientId={{groupId}}"
                        + "&autoOffsetReset={{autoOffsetReset}}&isolationLevel=read_committed&autoCommitEnable=false"
                        + "&allowManualCommit=true&breakOnFirstError=true&consumersCount=1&maxPollRecords=100"
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .setProperty(DailyFileRows.SUBSCRIBER, constant("{{subscriberId}}"))
                .setProperty(DailyFileRows.CE_ID, header("ce_id").convertToString())
                .unmarshal(new JacksonDataFormat(EventJson.mapper(), SubsidyDecided.class))
                .bean(DailyFileRows.BEAN, "store")
                .bean(ManualCommit.BEAN, "commit");
    }

    static void check(String id, Map<String, String> parameters) {
        if (!Topics.SUBSIDY_DECISIONS.equals(parameters.get("topic"))) {
            throw new IllegalArgumentException("subscriber " + id + ": template " + TEMPLATE + " writes subsidy"
                    + " decisions; its topic must be " + Topics.SUBSIDY_DECISIONS + ", not '" + parameters.get("topic")
                    + "'");
        }
        Subscribers.required(id, parameters, "host", "the SFTP server");
        Subscribers.positive(id, parameters, "port");
        Subscribers.required(id, parameters, "username", "the SFTP login");
        if (parameters.getOrDefault("password", "").isBlank()
                && parameters.getOrDefault("privateKeyFile", "").isBlank()) {
            throw new IllegalArgumentException("subscriber " + id + ": parameter password (or privateKeyFile) is"
                    + " missing or empty; its routes/ file names the setting that provides it");
        }
        String knownHosts = Subscribers.required(id, parameters, "knownHostsFile", "the server's host key");
        if (!Files.isReadable(Path.of(knownHosts))) {
            throw new IllegalArgumentException("subscriber " + id + ": knownHostsFile " + knownHosts
                    + " cannot be read");
        }
        String charset = parameters.getOrDefault("charset", "");
        if (!charset.equals("UTF-8") && !charset.equals("GB18030")) {
            throw new IllegalArgumentException("subscriber " + id + ": charset must be UTF-8 or GB18030, not '"
                    + charset + "'");
        }
        Charset.forName(charset);
        try {
            ZoneId.of(parameters.get("zone"));
            Duration.parse(parameters.get("closeAfter"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("subscriber " + id + ": zone must be a time zone (Asia/Shanghai) and"
                    + " closeAfter an ISO-8601 duration (PT2H)");
        }
        Subscribers.positive(id, parameters, "writeIntervalMs");
    }
}
