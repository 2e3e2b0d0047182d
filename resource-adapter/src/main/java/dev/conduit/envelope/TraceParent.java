package dev.conduit.envelope;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C Trace Context {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}), as OpenTelemetry's
 * messaging conventions carry it: an envelope whose trace id is a W3C trace id (32 lower-case hex digits) gets one
 * on publish, so consumers in other languages and tracing tools follow the event; an incoming message that carries
 * one but no envelope trace id gets its trace id from it.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";
    private static final String INVALID_TRACE = "00000000000000000000000000000000";

    private TraceParent() {
    }

    /** Whether {@code traceId} is a W3C trace id: 32 lower-case hex digits, not all zero. */
    public static boolean isW3cTraceId(String traceId) {
        return traceId != null && traceId.length() == 32 && isLowerHex(traceId) && !traceId.equals(INVALID_TRACE);
    }

    /** A {@code traceparent} for {@code traceId} with a fresh parent (span) id, sampled. */
    public static String of(String traceId) {
        long span;
        do {
            span = ThreadLocalRandom.current().nextLong();
        } while (span == 0);
        return "00-" + traceId + "-" + String.format("%016x", span) + "-01";
    }

    /** The trace id of a valid {@code traceparent} value, or {@code null}. */
    public static String traceIdOf(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split("-");
        if (parts.length < 4 || parts[0].length() != 2 || !isLowerHex(parts[0]) || parts[0].equals("ff")
                || parts[2].length() != 16 || !isLowerHex(parts[2]) || parts[2].equals("0000000000000000")) {
            return null;
        }
        return isW3cTraceId(parts[1]) ? parts[1] : null;
    }

    private static boolean isLowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
