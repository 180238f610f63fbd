package dev.mcpgateway.load.simulations;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where each virtual user's {@code #{token}} comes from. Cached: a few tokens over and over, as real clients
 * reuse theirs for their lifetime, so the gateway verifies each once. Fresh: the next unused token of the file on
 * every request, so every request costs a signature verification; once the file is used up it starts again (then
 * tokens are cached), so mint at least rate × seconds tokens. Garbage: tokens no authorization server issued.
 */
final class TokenFeeders {

    private TokenFeeders() {}

    static Iterator<Map<String, Object>> cached(LoadSettings settings) {
        List<String> reused = settings.tokens()
                .subList(0, Math.min(settings.cachedTokens(), settings.tokens().size()));
        return Stream.generate(() -> Map.<String, Object>of(
                        "token", reused.get(ThreadLocalRandom.current().nextInt(reused.size()))))
                .iterator();
    }

    static Iterator<Map<String, Object>> fresh(LoadSettings settings) {
        List<String> tokens = settings.tokens();
        AtomicLong next = new AtomicLong();
        return Stream.generate(() ->
                        Map.<String, Object>of("token", tokens.get((int) (next.getAndIncrement() % tokens.size()))))
                .iterator();
    }

    /** Random strings, half of them shaped like a JWT (three base64url parts), none signed by a trusted key. */
    static Iterator<Map<String, Object>> garbage() {
        SecureRandom random = new SecureRandom();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return Stream.generate(() -> {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    String junk = base64.encodeToString(bytes);
                    String token = bytes[0] % 2 == 0
                            ? junk
                            : "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9."
                                    + base64.encodeToString("{\"iss\":\"x\"}".getBytes()) + "." + junk;
                    return Map.<String, Object>of("token", token);
                })
                .iterator();
    }
}
