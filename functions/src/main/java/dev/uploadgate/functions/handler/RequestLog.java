package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JSON line per request (operation, request id, owner, status, error code, duration), for
 * Lambda's JSON log format. Never a presigned URL, a credential or metadata: what a caller sent
 * only appears inside error messages, and anything there that looks like a SigV4 signature,
 * credential or session token is masked before it is written.
 */
final class RequestLog {
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(x-amz-signature|x-amz-credential|x-amz-security-token|signature|aws_secret_access_key)([=:\"' ]+)[^&\\s\"',}]+");

    private RequestLog() {
    }

    static void write(LambdaLogger logger, LogLevel level, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level.name());
        line.putAll(fields);
        log(logger, level, mask(Json.write(line)));
    }

    /** A failure the caller cannot fix: the exception chain with its frames, masked like every line. */
    static void failure(LambdaLogger logger, String requestId, Throwable failure) {
        StringBuilder text = new StringBuilder("request ").append(requestId).append(" failed: ");
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t == failure ? "" : "\ncaused by: ").append(t);
            for (StackTraceElement frame : t.getStackTrace()) {
                text.append("\n\tat ").append(frame);
            }
        }
        log(logger, LogLevel.ERROR, mask(text.toString()));
    }

    static String mask(String text) {
        return SECRETS.matcher(text).replaceAll("$1$2***");
    }

    /** @param logger Lambda's, or null outside Lambda's runtime, when standard error gets the line */
    private static void log(LambdaLogger logger, LogLevel level, String text) {
        if (logger != null) {
            logger.log(text, level);
        } else {
            System.err.println(text);
        }
    }
}
