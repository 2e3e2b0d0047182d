package dev.conduit.envelope;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C Trace Context {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}), as OpenTelemetry's
 * messaging conventions carry it: an envelope whose trace id is a W3C trace id (32 lower-case hex digits) gets one
 * on publish, so consumers in other languages and tracing tools follow the event; an incoming message that carries
 * one but no envelope trace id gets its trace id from it. An envelope that carries a {@code traceparent} header of
 * its own (set by the application's tracing: its producer span) is sent with that one.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";
    /** The W3C header that travels with {@code traceparent}: vendor-specific trace state. */
    public static final String STATE_HEADER = "tracestate";
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

    /** Whether {@code name} is one of the W3C Trace Context headers, which describe a hop, not the event. */
    public static boolean isTraceContextHeader(String name) {
        return HEADER.equals(name) || STATE_HEADER.equals(name);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when {@code header} is not a valid traceparent or names
     *                                  another trace than {@code traceId} (when that is set)
     */
    public static void checkMatches(String header, String traceId) {
        String own = traceIdOf(header);
        if (own == null) {
            throw new IllegalArgumentException("envelope header '" + HEADER + "' is not a W3C traceparent "
                    + "(00-<32 hex digits trace id>-<16 hex digits span id>-<2 hex digits flags>): '" + header + "'");
        }
        if (traceId != null && !traceId.equals(own)) {
            throw new IllegalArgumentException("envelope header '" + HEADER + "' names trace " + own
                    + " but the envelope's traceId is " + traceId + "; set the same trace or leave one unset");
        }
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
