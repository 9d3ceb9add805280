package dev.uploadgate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void line_knownTotal_showsBarPercentSpeedAndEta() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        bar.onProgress(0, 100_000_000);

        String line = bar.line(50_000_000, 100_000_000, 5);

        assertThat(line).startsWith("[============            ]  50% ").contains("47.7 MiB / 95.4 MiB", "10.0 MB/s", "ETA 0:05");
    }

    @Test
    void line_unknownTotal_showsBytesAndSpeedOnly() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        bar.onProgress(0, -1);

        assertThat(bar.line(2048, -1, 1)).isEqualTo("2.0 KiB  0.0 MB/s");
    }
}
