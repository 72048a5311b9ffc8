package cn.henan.skillshub.sources.rest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Signs a request as the CE hour registry requires: see {@link HmacRequestSignature} for the exact scheme. */
@Component("ceRegistryHmacSigner")
class HmacSha256Signer implements RequestSigner {

    private final Clock clock;

    @Autowired
    HmacSha256Signer() {
        this(Clock.systemUTC());
    }

    HmacSha256Signer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sign(HttpRequest.Builder request, String method, URI uri, String appKey, String secret) {
        String timestamp = Long.toString(clock.millis());
        String nonce = UUID.randomUUID().toString();
        String canonical = HmacRequestSignature.canonicalString(method, uri.getRawPath(), uri.getRawQuery(),
                timestamp, nonce);
        request.header(HmacRequestSignature.APP_KEY, appKey)
                .header(HmacRequestSignature.TIMESTAMP, timestamp)
                .header(HmacRequestSignature.NONCE, nonce)
                .header(HmacRequestSignature.SIGNATURE, HmacRequestSignature.sign(secret, canonical));
    }
}
