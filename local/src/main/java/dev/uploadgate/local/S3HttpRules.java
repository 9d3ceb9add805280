package dev.uploadgate.local;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/**
 * What S3Proxy's HTTP layer does unlike S3, fixed before its handler reads the request:
 * <ul>
 * <li>A PUT whose Content-Type is {@code application/x-www-form-urlencoded} (curl's default for
 * {@code --data-binary}) is an object like any other to S3. The servlet container would parse
 * such a body as form parameters when S3Proxy asks for the query's, which mixes the body into the
 * signature check and drains the stream; here parameters come from the query string only.</li>
 * <li>S3 refuses a CompleteMultipartUpload whose parts are not in ascending order
 * (InvalidPartOrder); S3Proxy sorts them before its store sees them, so the order is checked on
 * the request body here. Unlike S3, this comes before the signature check.</li>
 * </ul>
 */
final class S3HttpRules implements Filter {
    /** A complete of 10,000 parts with checksums is about 2 MB of XML; anything larger is left to S3Proxy. */
    private static final int MAX_COMPLETE_BODY = 8 * 1024 * 1024;
    private static final Pattern PART_NUMBER = Pattern.compile("<PartNumber>\\s*(-?\\d+)\\s*</PartNumber>");

    /**
     * Installs the rules in front of S3Proxy's servlet. S3Proxy exposes neither its Jetty server nor
     * a way to add a filter, so its one server field is read by reflection (pinned S3Proxy version;
     * a rename fails local mode's start and its tests loudly, never silently).
     */
    static void install(S3Proxy proxy) {
        Server server;
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            server = (Server) field.get(proxy);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this S3Proxy version hides its Jetty server differently: " + e, e);
        }
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (context == null) {
            throw new IllegalStateException("S3Proxy's Jetty server has no servlet context to filter");
        }
        context.addFilter(new S3HttpRules(), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest filtered = isForm(http) ? new QueryOnlyParameters(http) : http;
        String completing = uploadIdOfComplete(http);
        if (completing != null) {
            byte[] body = http.getInputStream().readNBytes(MAX_COMPLETE_BODY);
            if (!ascending(new String(body, StandardCharsets.UTF_8))) {
                refuseOutOfOrder((HttpServletResponse) response, completing);
                return;
            }
            chain.doFilter(new BufferedBody(filtered, body, http.getInputStream()), response);
            return;
        }
        chain.doFilter(filtered, response);
    }

    /**
     * S3's answer, given before S3Proxy's handler runs: that handler answers 200 at once and keeps
     * the connection alive while it assembles, so a refusal from the store would arrive as an
     * InternalError. The answer depends on the body alone, so it tells an unsigned caller nothing.
     */
    private static void refuseOutOfOrder(HttpServletResponse response, String uploadId) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidPartOrder</Code>"
                + "<Message>The list of parts was not in ascending order. The parts list must be specified in order by part number."
                + "</Message><UploadId>" + escape(uploadId) + "</UploadId><RequestId>" + UUID.randomUUID() + "</RequestId></Error>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        response.setStatus(400);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Each PartNumber in document order is larger than the one before. */
    static boolean ascending(String completeXml) {
        Matcher matcher = PART_NUMBER.matcher(completeXml);
        long previous = Long.MIN_VALUE;
        while (matcher.find()) {
            long number = Long.parseLong(matcher.group(1));
            if (number <= previous) {
                return false;
            }
            previous = number;
        }
        return true;
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).trim().startsWith("application/x-www-form-urlencoded");
    }

    /** The upload id of POST /bucket/key?uploadId=ID (CompleteMultipartUpload); null for any other request. */
    private static String uploadIdOfComplete(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || request.getQueryString() == null) {
            return null;
        }
        return QueryStrings.pairs(request.getQueryString()).orElse(List.of()).stream()
                .filter(pair -> pair.name().equals("uploadId"))
                .map(QueryStrings.Pair::value)
                .findFirst().orElse(null);
    }

    /** The request with parameters parsed from its query string alone, never from its body. */
    private static final class QueryOnlyParameters extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        QueryOnlyParameters(HttpServletRequest request) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parse(request.getQueryString()));
        }

        /** A malformed query has no parameters: S3Proxy then refuses the request's signature. */
        private static Map<String, String[]> parse(String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            QueryStrings.pairs(query).orElse(List.of())
                    .forEach(pair -> values.computeIfAbsent(pair.name(), key -> new ArrayList<>()).add(pair.value()));
            Map<String, String[]> parameters = new LinkedHashMap<>();
            values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }

    /** The request with the body bytes already read put back in front of the rest of the stream. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final InputStream body;

        BufferedBody(HttpServletRequest request, byte[] head, InputStream rest) {
            super(request);
            this.body = new SequenceInputStream(new ByteArrayInputStream(head), rest);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    finished = next < 0;
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = body.read(buffer, offset, length);
                    finished = read < 0;
                    return read;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("S3Proxy reads blocking");
                }
            };
        }
    }
}
