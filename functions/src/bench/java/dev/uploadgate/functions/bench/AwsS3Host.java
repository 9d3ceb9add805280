package dev.uploadgate.functions.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Utilities;

/**
 * Lets a child JVM reach "S3" at the SDK's own default hosts for a bucket, with no endpoint
 * override: what a function runs on Lambda. For us-east-1 the SDK (2.57) uses two hosts: the
 * legacy global {@code <bucket>.s3.amazonaws.com} when the region is set on the client builder (our
 * functions) and {@code <bucket>.s3.us-east-1.amazonaws.com} when it comes from the default region
 * chain (the naive baseline); other regions have only the second form. {@link #jvmFlags} map each
 * host to a loopback address of its own ({@code jdk.net.hosts.file}) and make the JVM trust a
 * certificate made here for them ({@code javax.net.ssl.trustStore}: a copy of the JDK's
 * {@code cacerts} plus that certificate, so the default trust store is as large as usual).
 * {@link BenchS3} serves each over TLS on its address, port 443, which needs the right to bind a
 * port below 1024 (root, or {@code CAP_NET_BIND_SERVICE}, or {@code net.ipv4.ip_unprivileged_port_start=443}).
 */
final class AwsS3Host {
    /** Where the SDK connects without an endpoint override: HTTPS on its default port. */
    static final int PORT = 443;
    private static final String KEY_ALIAS = "s3";
    /** The JDK's own cacerts password; the copy keeps it, and the JVM reads it without one, as it reads cacerts. */
    private static final String CACERTS_PASSWORD = "changeit";

    /** One S3 host: S3's name without the bucket (which S3Proxy strips to find the bucket) and the loopback address it maps to. */
    record Door(String virtualHost, String address) {
    }

    private final List<Door> doors;
    private final Path keyStore;
    private final String keyStorePassword;
    private final List<String> jvmFlags;

    private AwsS3Host(List<Door> doors, Path keyStore, String keyStorePassword, List<String> jvmFlags) {
        this.doors = doors;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.jvmFlags = jvmFlags;
    }

    /**
     * Makes the server's key and certificate, the trust store and the hosts file under {@code dir}.
     *
     * @param javaHome whose {@code keytool} and {@code cacerts} to use
     */
    static AwsS3Host create(Path dir, Path javaHome, String bucket, String region) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        URI url = URI.create(S3Utilities.builder().region(Region.of(region)).build().getUrl(b -> b.bucket(bucket).key("k")).toString());
        if (!url.getScheme().equals("https") || url.getPort() != -1 || !url.getHost().startsWith(bucket + ".")) {
            throw new IllegalStateException("the SDK's S3 URL for " + bucket + " in " + region + " is not virtual-hosted HTTPS: " + url);
        }
        Set<String> virtualHosts = new LinkedHashSet<>(List.of(url.getHost().substring(bucket.length() + 1),
                "s3." + region + ".amazonaws.com"));
        List<Door> doors = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String virtualHost : virtualHosts) {
            Door door = new Door(virtualHost, "127.0.0." + (doors.size() + 1));
            doors.add(door);
            hosts.add(door.address() + " " + bucket + "." + virtualHost);
        }

        Path keyStore = dir.resolve("s3-server.p12");
        String password = "bench-" + Long.toHexString(System.nanoTime());
        Files.deleteIfExists(keyStore);
        Path keytool = javaHome.resolve("bin").resolve("keytool");
        String names = doors.stream().map(door -> "dns:" + bucket + "." + door.virtualHost()).collect(Collectors.joining(","));
        // RSA 2048 like S3's own certificate, so the client's signature check costs about the same.
        run(keytool.toString(), "-genkeypair", "-alias", KEY_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + bucket + "." + doors.get(0).virtualHost(), "-ext", "SAN=" + names,
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
        Path certificate = dir.resolve("s3-server.pem");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", KEY_ALIAS, "-keystore", keyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        Path trustStore = dir.resolve("cacerts-with-s3");
        Files.copy(javaHome.resolve("lib").resolve("security").resolve("cacerts"), trustStore, StandardCopyOption.REPLACE_EXISTING);
        trustStore.toFile().setWritable(true);
        run(keytool.toString(), "-importcert", "-noprompt", "-alias", "uploadgate-bench-s3", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storepass", CACERTS_PASSWORD);

        // With this file the JVM asks no other resolver, so it also names the usual local ones.
        hosts.add("127.0.0.1 localhost");
        hosts.add("127.0.0.1 " + InetAddress.getLocalHost().getHostName());
        Path hostsFile = dir.resolve("hosts");
        Files.write(hostsFile, hosts);
        return new AwsS3Host(List.copyOf(doors), keyStore, password, List.of(
                "-Djdk.net.hosts.file=" + hostsFile.toAbsolutePath(),
                "-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath()));
    }

    List<Door> doors() {
        return doors;
    }

    Path keyStore() {
        return keyStore;
    }

    String keyStorePassword() {
        return keyStorePassword;
    }

    /** The child JVM's flags: benchmark plumbing, given to every JVM of a run alike. */
    List<String> jvmFlags() {
        return jvmFlags;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
