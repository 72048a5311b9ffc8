package cn.henan.skillshub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to the running hub of a {@link HubIntegrationTest}, with or without an API key. */
public final class HubApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public HubApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> call(String method, String path, String key, String jsonBody) {
        return call(method, path, key, jsonBody, "application/json");
    }

    /** A GET as Prometheus makes it: plain text. */
    public HttpResponse<String> getText(String path, String key) {
        return call("GET", path, key, null, "text/plain");
    }

    private HttpResponse<String> call(String method, String path, String key, String jsonBody, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", accept);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        return call("GET", path, key, null);
    }

    public HttpResponse<String> post(String path, String key, String jsonBody) {
        return call("POST", path, key, jsonBody);
    }

    public HttpResponse<String> put(String path, String key, String jsonBody) {
        return call("PUT", path, key, jsonBody);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
