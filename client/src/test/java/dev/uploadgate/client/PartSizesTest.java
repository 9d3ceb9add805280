package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartSizesTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void partSizeFor_smallAndMediumFiles_isEightMib() {
        assertThat(PartSizes.partSizeFor(0)).isEqualTo(8 * MIB);
        assertThat(PartSizes.partSizeFor(1)).isEqualTo(8 * MIB);
        assertThat(PartSizes.partSizeFor(10_000 * 8 * MIB)).isEqualTo(8 * MIB);
    }

    @Test
    void partSizeFor_largeFiles_staysWithinTenThousandPartsInWholeMib() {
        long size = 10_000 * 8 * MIB + 1;
        long partSize = PartSizes.partSizeFor(size);
        assertThat(partSize).isEqualTo(9 * MIB);
        assertThat(PartSizes.partCount(size, partSize)).isLessThanOrEqualTo(10_000);
        assertThat(PartSizes.partSizeFor(PartSizes.MAX_OBJECT_SIZE)).isEqualTo(525 * MIB);
    }

    @Test
    void partCount_emptyFile_isOneEmptyPart() {
        assertThat(PartSizes.partCount(0, 5 * MIB)).isEqualTo(1);
        assertThat(PartSizes.partLength(0, 5 * MIB, 1)).isZero();
    }

    @Test
    void partLength_lastPart_isTheRemainder() {
        assertThat(PartSizes.partLength(11 * MIB, 5 * MIB, 1)).isEqualTo(5 * MIB);
        assertThat(PartSizes.partLength(11 * MIB, 5 * MIB, 3)).isEqualTo(MIB);
        assertThat(PartSizes.partCount(10 * MIB, 5 * MIB)).isEqualTo(2);
        assertThat(PartSizes.partCount(10 * MIB + 1, 5 * MIB)).isEqualTo(3);
    }

    @Test
    void requireUsable_outsideS3Limits_namesTheLimit() {
        assertThatThrownBy(() -> PartSizes.requireUsable(5 * MIB - 1, -1)).hasMessageContaining("5242880");
        assertThatThrownBy(() -> PartSizes.requireUsable(3L * 1024 * MIB, -1)).hasMessageContaining("2 GiB");
        assertThatThrownBy(() -> PartSizes.requireUsable(5 * MIB, 10_001 * 5 * MIB)).hasMessageContaining("10000");
        PartSizes.requireUsable(5 * MIB, 10_000 * 5 * MIB);
    }
}
