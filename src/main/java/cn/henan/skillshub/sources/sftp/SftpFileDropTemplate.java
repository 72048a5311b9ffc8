package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.runtime.SourceRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route template {@code sftp-file-drop}: one evaluation body's inbox folder on an SFTP server. A YAML file in
 * {@code routes/} instantiates it once per body; each file is published in batches with its position in one Kafka
 * transaction per batch, then moved to {@code processed/} (or, when it cannot be read at all, {@code failed/}).
 *
 * <p>Host keys: the server's key must be in {@code knownHostsFile} and {@code strictHostKeyChecking} is
 * {@code yes} by default — for a government integration, a server that cannot prove it is the body's own is not
 * sent the body's password. The key is obtained from the body out of band (or, in the local default and tests,
 * from the simulator, which writes its own {@code known_hosts}); the user's {@code ~/.ssh/known_hosts} is not used.
 *
 * <p>Credentials: {@code password} and {@code privateKeyFile} are given as placeholders that resolve to
 * environment variables (see application.properties), never written in the YAML file.
 */
@Component
class SftpFileDropTemplate extends RouteBuilder {

    static final String TEMPLATE = "sftp-file-drop";

    private final SourceRegistry registry;
    private final SftpFileWay way;

    SftpFileDropTemplate(SourceRegistry registry, SftpFileWay way) {
        this.registry = registry;
        this.way = way;
    }

    @Override
    public void configure() {
        getContext().getPropertiesComponent().addPropertiesFunction(new FileCompletion());
        routeTemplate(TEMPLATE)
                .configure(registry.registration(way))
                .templateParameter("sourceId", null, "the source's id: route id, checkpoint key, transactional id")
                .templateParameter("sourceSystem", null, "ce_source of the events, e.g. /sources/evaluation-bodies/x")
                .templateParameter("mapper", "recordMapping", "bean name of the SourceRecordMapper, or recordMapping: the"
                        + " mapping declared in the recordMapping parameter")
                .templateParameter("recordMapping", "", "the record mapping (docs/sources.md), a literal YAML block")
                .templateParameter("host", null, "SFTP server")
                .templateParameter("port", "22", "SFTP port")
                .templateParameter("username", null, "SFTP user")
                .templateParameter("password", "", "SFTP password (a placeholder of an environment variable)")
                .templateParameter("privateKeyFile", "", "private key file for key authentication, instead of a password")
                .templateParameter("knownHostsFile", null, "known_hosts file holding the server's host key")
                .templateParameter("strictHostKeyChecking", "yes", "yes: refuse a server whose key is not known")
                .templateParameter("directory", null, "the inbox folder; processed/ and failed/ are made inside it")
                .templateParameter("completion", FileCompletion.DONE_MARKER, "done-marker or stable-size")
                .templateParameter("stableForMs", "2000", "stable-size: how long size and time must not change")
                .templateParameter("charset", FileDropSettings.AUTO, "auto (BOM, else valid UTF-8, else GBK), UTF-8 or GBK")
                .templateParameter("requiredColumns", "", "columns the header must name, comma-separated")
                .templateParameter("pollIntervalMs", "5000", "time between two listings of the inbox")
                .templateParameter("batchSize", "10000", "lines per batch, and so per Kafka transaction")
                .templateParameter("publishedFilesKept", "256", "checksums of published files kept for duplicates")
                .from("sftp://{{host}}:{{port}}/{{directory}}?username={{username}}&password=RAW({{password}})"
                        + "&privateKeyFile={{privateKeyFile}}"
                        + "&knownHostsFile={{knownHostsFile}}&strictHostKeyChecking={{strictHostKeyChecking}}"
                        + "&useUserKnownHostsFile=false"
                        + "&{{" + FileCompletion.NAME + ":{{completion}}}}"
                        + "&readLockCheckInterval={{stableForMs}}&readLockMinAge={{stableForMs}}"
                        + "&antInclude=*.csv&antFilterCaseSensitive=false&sortBy=file:modified;file:name"
                        + "&streamDownload=true&delay={{pollIntervalMs}}&initialDelay=1000"
                        + "&sendEmptyMessageWhenIdle=true&autoCreate=true"
                        // A server down or a login refused fails the poll, so SftpPollWatch sees it.
                        + "&throwExceptionOnConnectFailed=true&pollStrategy=#" + SftpPollWatch.BEAN
                        + "&exceptionHandler=#" + SftpConsumerErrors.BEAN
                        + "&move=${exchangeProperty." + SftpFileDrop.TARGET_FOLDER + "}/"
                        + "${date:now:yyyyMMdd-HHmmssSSS}-${file:name}")
                .routeConfigurationId(SftpFileDropErrors.ID)
                // Camel 4 caches every stream body in memory by default, which would read a whole file into the
                // heap before SftpFileDrop spools it to disk: a 1 GB file failed with -Xmx512m (kafka/benchmark.sh
                // bigcsv). The body is read once, as a stream, so no cache is needed.
                .streamCache("false")
                .setHeader(FileDropSettings.SOURCE_ID, constant("{{sourceId}}"))
                .setHeader(FileDropSettings.SOURCE_SYSTEM, constant("{{sourceSystem}}"))
                .setHeader(FileDropSettings.MAPPER, constant("{{mapper}}"))
                .setHeader(FileDropSettings.CHARSET, constant("{{charset}}"))
                .setHeader(FileDropSettings.BATCH_SIZE, constant("{{batchSize}}"))
                .setHeader(FileDropSettings.PUBLISHED_FILES_KEPT, constant("{{publishedFilesKept}}"))
                .setHeader(FileDropSettings.REQUIRED_COLUMNS, constant("{{requiredColumns}}"))
                .bean(SftpFileDrop.BEAN, "take");
    }
}
