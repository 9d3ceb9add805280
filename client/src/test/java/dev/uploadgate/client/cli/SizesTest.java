package dev.uploadgate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizesTest {
    @Test
    void parse_binaryAndDecimalUnits() {
        assertThat(Sizes.parse("8MiB")).isEqualTo(8L << 20);
        assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("1.5 GiB")).isEqualTo(3L << 29);
        assertThat(Sizes.parse("16m")).isEqualTo(16L << 20);
        assertThat(Sizes.parse("5242880")).isEqualTo(5_242_880);
        assertThat(Sizes.parse("100MB")).isEqualTo(100_000_000);
        assertThat(Sizes.parse("1kb")).isEqualTo(1000);
    }

    @Test
    void parse_nonsense_saysWhatASizeLooksLike() {
        assertThatThrownBy(() -> Sizes.parse("lots")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("8MiB");
        assertThatThrownBy(() -> Sizes.parse("8 parsecs")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Sizes.parse("-1MiB")).hasMessageContaining("not a size");
    }

    @Test
    void format_picksTheLargestUnit() {
        assertThat(Sizes.format(512)).isEqualTo("512 B");
        assertThat(Sizes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.format(1L << 30)).isEqualTo("1.0 GiB");
    }
}
