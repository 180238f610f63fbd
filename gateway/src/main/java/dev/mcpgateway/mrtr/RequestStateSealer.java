package dev.mcpgateway.mrtr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an upstream's {@code requestState} in an AEAD envelope (AES-256-GCM from the JDK, NIST SP 800-38D) and opens
 * it again (MCP 2026-07-28 basic/patterns/mrtr: state echoed by a client is attacker-controlled; integrity-protect
 * it and bind it to the principal, a short expiry and the originating request). The {@link RequestBinding} is the
 * additional authenticated data, the expiry is inside the ciphertext with the upstream's state, so the client can
 * neither read nor change either, nor present the envelope under another binding. The wire form is
 * {@value #PREFIX} followed by the unpadded URL-safe Base64 of a random 96-bit nonce, the ciphertext and the
 * 128-bit tag. Thread-safe: a {@link Cipher} is made per call.
 */
final class RequestStateSealer {

    static final String PREFIX = "mcpgw1.";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int EXPIRY_BYTES = Long.BYTES;

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random;

    RequestStateSealer(byte[] key, Duration ttl, Clock clock, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.ttl = ttl;
        this.clock = clock;
        this.random = random;
    }

    /** Why an envelope did not open. */
    enum Refusal {
        /** Not an envelope of this gateway, altered, or presented under another binding (principal, route, request). */
        NOT_GENUINE,
        /** Genuine, but past its expiry. */
        EXPIRED
    }

    /** The outcome of {@link #open}: the upstream's state, or why there is none. */
    record Opened(Optional<String> state, Optional<Refusal> refusal) {
        static Opened of(String state) {
            return new Opened(Optional.of(state), Optional.empty());
        }

        static Opened refused(Refusal refusal) {
            return new Opened(Optional.empty(), Optional.of(refusal));
        }
    }

    String seal(String upstreamState, RequestBinding binding) {
        byte[] state = upstreamState.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(EXPIRY_BYTES + state.length)
                .putLong(clock.instant().plus(ttl).toEpochMilli())
                .put(state)
                .array();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData());
            byte[] sealed = cipher.doFinal(plain);
            byte[] envelope = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available on this Java platform", e);
        }
    }

    Opened open(String presented, RequestBinding binding) {
        if (!presented.startsWith(PREFIX)) {
            return Opened.refused(Refusal.NOT_GENUINE);
        }
        byte[] envelope;
        try {
            envelope = Base64.getUrlDecoder().decode(presented.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            return Opened.refused(Refusal.NOT_GENUINE);
        }
        if (envelope.length < NONCE_BYTES + TAG_BITS / 8 + EXPIRY_BYTES) {
            return Opened.refused(Refusal.NOT_GENUINE);
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, 0, NONCE_BYTES));
            cipher.updateAAD(binding.associatedData());
            plain = cipher.doFinal(envelope, NONCE_BYTES, envelope.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException altered) {
            return Opened.refused(Refusal.NOT_GENUINE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available on this Java platform", e);
        }
        ByteBuffer content = ByteBuffer.wrap(plain);
        long expiresAt = content.getLong();
        if (clock.millis() >= expiresAt) {
            return Opened.refused(Refusal.EXPIRED);
        }
        return Opened.of(new String(plain, EXPIRY_BYTES, plain.length - EXPIRY_BYTES, StandardCharsets.UTF_8));
    }
}
